package dev.rampart.aggregation.internal;

import java.util.Arrays;
import java.util.List;

/**
 * Applies a {@link ColumnStatistic} to every coordinate and counts, per input, the coordinates at
 * which its value fell outside the kept interval; optionally measures, in the same pass, each
 * input's squared distance to the output.
 *
 * <p>Per block of coordinates (sized so that the n rows stay in the L2 cache, at most 1024), the
 * rows the statistic reads are put in sorted order by a pruned {@link SortingNetwork} (a
 * selection: the full network's comparators those rows depend on), the statistic reads them, and
 * the inputs' slices, still in cache, are compared with the kept interval and, when asked, with the
 * output's block. Blocks run in parallel. One read of every input from memory.
 *
 * <p>With the {@code jdk.incubator.vector} module ({@link PairwiseDistances#usesVectorKernel()})
 * the block is sorted as int keys that order like the floats ({@link VectorColumns}): while the
 * keys are made, each aligned group of 16 inputs is sorted in registers, a vector of columns at a
 * time (the network's first four stages: 385 of the 906 comparators the median needs at n = 100,
 * with each key stored twice and loaded once instead of loaded and stored at every comparator);
 * each aligned pair of such groups is merged by a bitonic merge (row i against row 31 - i over the
 * rows, then each half sorted in registers: 80 comparators instead of Batcher's 65, but 64 of them
 * on registers, so about half the loads and stores); the selection's stages from 32 on then run
 * over the rows, and only the rows the statistic reads are turned back into floats. The wanted rows
 * are bit for bit those of the float network. Without the module the rows are copied and the float
 * network runs.
 * Thread-safe: holds no state.
 */
public final class CoordinateWise {

  private static final int MIN_BLOCK = 64;
  private static final int MAX_BLOCK = 1024;
  private static final int BLOCK_BYTES = 256 * 1024;

  private static final boolean VECTOR = PairwiseDistances.usesVectorKernel();
  private static final int GROUP = 16;

  private CoordinateWise() {}

  /**
   * The reduced vector, per-input trimmed-coordinate counts, and whether every value was finite.
   *
   * @param vector the output
   * @param trimmedCounts per input, the number of coordinates where it was trimmed
   * @param finite false when some input holds NaN or an infinity (vector, counts and distances are
   *     then meaningless)
   * @param squaredDistances per input, its squared distance to {@code vector}, or null when not
   *     measured
   */
  public record Result(float[] vector, long[] trimmedCounts, boolean finite, double[] squaredDistances) {}

  /**
   * Reduces every coordinate without measuring distances.
   *
   * @param inputs n vectors of dimension {@code d}, not modified
   * @param d the common dimension
   * @param statistic the per-coordinate reduction
   * @return the result, without distances
   */
  public static Result apply(List<float[]> inputs, int d, ColumnStatistic statistic) {
    return apply(inputs, d, statistic, false);
  }

  /**
   * Reduces every coordinate.
   *
   * @param inputs n vectors of dimension {@code d}, not modified
   * @param d the common dimension
   * @param statistic the per-coordinate reduction
   * @param measure whether to measure each input's squared distance to the output in the same pass
   *     (float lanes, as {@link LaneDistances})
   * @return the result
   */
  public static Result apply(List<float[]> inputs, int d, ColumnStatistic statistic, boolean measure) {
    int n = inputs.size();
    float[][] x = inputs.toArray(new float[0][]);
    float[] out = new float[d];
    Networks nets = Networks.of(n, statistic.rowsRead(n));
    int block = Math.max(MIN_BLOCK, Math.min(MAX_BLOCK, BLOCK_BYTES / (4 * n)) & ~15);
    Partial p = Parallel.reduce(d, (long) n * 8,
        (from, to) -> block(x, from, to, new Work(block, statistic, nets, out, measure)), Partial::merge);
    boolean finite = p.nonFinite == 0;
    return new Result(out, p.counts, finite, measure && finite ? p.squared : null);
  }

  /** What one block task needs besides its range. */
  private record Work(int block, ColumnStatistic statistic, Networks nets, float[] out, boolean measure) {}

  /**
   * The wanted rows and the comparators of the SIMD path, for the rows in aligned groups of 32
   * ({@code merged}) and those after them: Batcher's stages below 32 for the columns past the last
   * full vector of the grouped rows and for every column of the rows after them, the first layer of
   * a bitonic merge of each group's two sorted halves (row i against row 31 - i), and the
   * selection's stages from 32 on.
   */
  private record Networks(int[] wanted, int grouped, int merged, int[] leftover, int[] tail,
      int[] mirrors, int[] later) {
    static Networks of(int n, int[] wanted) {
      int merged = n / (2 * GROUP) * (2 * GROUP);
      int[] mirrors = new int[merged];
      for (int g = 0, w = 0; g < merged; g += 2 * GROUP) {
        for (int i = 0; i < GROUP; i++) {
          mirrors[w++] = g + i;
          mirrors[w++] = g + 2 * GROUP - 1 - i;
        }
      }
      return new Networks(wanted, n / GROUP * GROUP, merged,
          SortingNetwork.groupSort(n, 0, merged, 2 * GROUP), SortingNetwork.groupSort(n, merged, n, 2 * GROUP),
          mirrors, SortingNetwork.selection(n, wanted, 2 * GROUP));
    }
  }

  /** Per-task sums: trimmed counts, non-finite columns, squared distances. */
  private static final class Partial {
    final long[] counts;
    final double[] squared;
    long nonFinite;

    Partial(int n, boolean measure) {
      counts = new long[n];
      squared = measure ? new double[n] : null;
    }

    Partial merge(Partial other) {
      for (int i = 0; i < counts.length; i++) {
        counts[i] += other.counts[i];
      }
      if (squared != null) {
        LaneDistances.add(squared, other.squared);
      }
      nonFinite += other.nonFinite;
      return this;
    }
  }

  private static Partial block(float[][] x, int from, int to, Work w) {
    int n = x.length;
    Partial p = new Partial(n, w.measure());
    int block = w.block();
    ColumnBlock b = new ColumnBlock(n, block, w.statistic().readsTotals());
    int[][] keys = VECTOR ? new int[n][block] : null;
    float[] out = w.out();
    for (int start = from; start < to; start += block) {
      int len = Math.min(block, to - start);
      b.len(len);
      if (keys != null) {
        selectKeys(x, start, b, keys, w.nets());
      } else {
        selectFloats(x, start, b, w.nets().wanted());
      }
      float[][] rows = b.rows();
      if (!finite(rows[0], len) || !finite(rows[n - 1], len)) {
        p.nonFinite++;
        return p;
      }
      w.statistic().reduce(b, out, start);
      for (int i = 0; i < n; i++) {
        p.counts[i] += VECTOR ? VectorColumns.outside(x[i], start, b.lo(), b.hi(), len)
            : outside(x[i], start, b.lo(), b.hi(), len);
        if (p.squared != null) {
          p.squared[i] += LaneDistances.squaredDifferences(x[i], out, start, start + len);
        }
      }
    }
    return p;
  }

  // Scalar path: copies, totals in input order, the float network.
  private static void selectFloats(float[][] x, int start, ColumnBlock b, int[] wanted) {
    float[][] rows = b.rows();
    int len = b.len();
    double[] totals = b.totals();
    if (totals != null) {
      Arrays.fill(totals, 0, len, 0.0);
    }
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(x[i], start, rows[i], 0, len);
      if (totals != null) {
        float[] row = rows[i];
        for (int k = 0; k < len; k++) {
          totals[k] += row[k];
        }
      }
    }
    SortingNetwork.selectColumns(rows, len, wanted);
  }

  // SIMD path: int keys; each aligned group of 16 rows sorted in registers while its keys are made,
  // then pairs of them merged (a bitonic merge, its second half in registers), then the selection's
  // later stages; only the wanted rows come back as floats.
  private static void selectKeys(float[][] x, int start, ColumnBlock b, int[][] keys, Networks nets) {
    int n = keys.length;
    int len = b.len();
    int lanes = VectorColumns.lanes();
    int bound = len / lanes * lanes;
    int grouped = nets.grouped();
    for (int g = 0; g < grouped; g += GROUP) {
      for (int k = 0; k < bound; k += lanes) {
        VectorColumns.sort8(x, g, start + k, keys, k);
        VectorColumns.sort8(x, g + GROUP / 2, start + k, keys, k);
        VectorColumns.merge16(keys, g, k);
      }
    }
    for (int i = 0; i < n; i++) {
      VectorColumns.toKeys(x[i], start, keys[i], i < grouped ? bound : 0, len);
    }
    VectorColumns.exchange(keys, bound, len, nets.leftover());
    VectorColumns.exchange(keys, 0, len, nets.tail());
    VectorColumns.exchange(keys, 0, bound, nets.mirrors());
    for (int g = 0; g < nets.merged(); g += GROUP) {
      for (int k = 0; k < bound; k += lanes) {
        VectorColumns.bitonic16(keys, g, k);
      }
    }
    VectorColumns.exchange(keys, 0, len, nets.later());
    addTotals(x, start, b);
    float[][] rows = b.rows();
    for (int r : nets.wanted()) {
      VectorColumns.fromKeys(keys[r], rows[r], len);
    }
  }

  private static void addTotals(float[][] x, int start, ColumnBlock b) {
    double[] totals = b.totals();
    if (totals == null) {
      return;
    }
    int len = b.len();
    Arrays.fill(totals, 0, len, 0.0);
    for (float[] v : x) {
      VectorColumns.addTo(v, start, totals, len);
    }
  }

  private static boolean finite(float[] row, int len) {
    boolean ok = true;
    for (int k = 0; k < len; k++) {
      ok &= Math.abs(row[k]) <= Float.MAX_VALUE;
    }
    return ok;
  }

  private static int outside(float[] v, int start, float[] lo, float[] hi, int len) {
    int c = 0;
    for (int k = 0; k < len; k++) {
      float value = v[start + k];
      c += (value < lo[k] | value > hi[k]) ? 1 : 0;
    }
    return c;
  }
}
