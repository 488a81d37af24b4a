package dev.rampart.aggregation.internal;

import java.util.List;

/**
 * Applies a {@link ColumnStatistic} to every coordinate and counts, per input, the coordinates at
 * which its value fell outside the kept interval.
 *
 * <p>Per block of coordinates (sized so that the n rows stay in the L2 cache, at most 1024), each
 * input's slice is copied into a row, the columns are sorted by a {@link SortingNetwork}, the
 * statistic reads the sorted rows, and the inputs' slices are compared with the kept interval.
 * Blocks run in parallel. Cost: {@code O(d n log^2 n)} branch-free vectorized min/max operations,
 * two reads of every input. Thread-safe: holds no state.
 */
public final class CoordinateWise {

  private static final int MAX_BLOCK = 1024;
  private static final int BLOCK_BYTES = 256 * 1024;

  private CoordinateWise() {}

  /**
   * The reduced vector, per-input trimmed-coordinate counts, and whether every value was finite.
   *
   * @param vector the output
   * @param trimmedCounts per input, the number of coordinates where it was trimmed
   * @param finite false when some input holds NaN or an infinity (vector and counts are then
   *     meaningless)
   */
  public record Result(float[] vector, long[] trimmedCounts, boolean finite) {}

  /**
   * Reduces every coordinate.
   *
   * @param inputs n vectors of dimension {@code d}, not modified
   * @param d the common dimension
   * @param statistic the per-coordinate reduction
   * @return the result
   */
  public static Result apply(List<float[]> inputs, int d, ColumnStatistic statistic) {
    int n = inputs.size();
    float[][] x = inputs.toArray(new float[0][]);
    float[] out = new float[d];
    int block = Math.max(64, Math.min(MAX_BLOCK, BLOCK_BYTES / (4 * n)) & ~15);
    long[] counts = Parallel.reduce(d, (long) n * 8, (from, to) -> block(x, from, to, block, statistic, out),
        (a, b) -> {
          for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
          }
          return a;
        });
    boolean finite = counts[n] == 0;
    return new Result(out, java.util.Arrays.copyOf(counts, n), finite);
  }

  // counts[n] holds the number of non-finite columns.
  private static long[] block(float[][] x, int from, int to, int block, ColumnStatistic statistic, float[] out) {
    int n = x.length;
    long[] counts = new long[n + 1];
    float[][] rows = new float[n][block];
    float[] lo = new float[block];
    float[] hi = new float[block];
    for (int start = from; start < to; start += block) {
      int len = Math.min(block, to - start);
      for (int i = 0; i < n; i++) {
        System.arraycopy(x[i], start, rows[i], 0, len);
      }
      SortingNetwork.sortColumns(rows, len);
      if (!finite(rows[0], len) || !finite(rows[n - 1], len)) {
        counts[n]++;
        return counts;
      }
      statistic.reduce(rows, len, out, start, lo, hi);
      for (int i = 0; i < n; i++) {
        counts[i] += outside(x[i], start, lo, hi, len);
      }
    }
    return counts;
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
