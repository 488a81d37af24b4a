package dev.rampart.aggregation.internal;

import java.util.Arrays;

/**
 * The built-in {@link ColumnStatistic}s. Each reads only the ranks it lists, so that a pruned
 * sorting network suffices. Sums over a window of ranks are formed as the column total minus the
 * ranks outside the window, all in double: the window's values need not be sorted, only the ends.
 * The totals come with the block ({@link ColumnBlock#totals()}), added in input order.
 * Stateless and thread-safe.
 */
final class ColumnStatistics {

  private static final boolean VECTOR = PairwiseDistances.usesVectorKernel();

  private ColumnStatistics() {}

  /** Rows 0..f and n-1-f..n-1, plus any extras, deduplicated. */
  static int[] ends(int n, int f, int... extra) {
    int e = Math.min(f, n - 1);
    int[] rows = new int[2 * (e + 1) + extra.length];
    int w = 0;
    for (int r = 0; r <= e; r++) {
      rows[w++] = r;
      rows[w++] = n - 1 - r;
    }
    for (int r : extra) {
      rows[w++] = r;
    }
    return Arrays.stream(rows).distinct().sorted().toArray();
  }

  static final class Median implements ColumnStatistic {
    @Override
    public void reduce(ColumnBlock block, float[] out, int off) {
      float[][] s = block.rows();
      int n = s.length;
      int len = block.len();
      float[] lo = block.lo();
      float[] hi = block.hi();
      float[] upper = s[n / 2];
      float[] lower = s[(n - 1) / 2];
      for (int k = 0; k < len; k++) {
        float a = lower[k];
        float b = upper[k];
        lo[k] = a;
        hi[k] = b;
        out[off + k] = a == b ? a : (float) (((double) a + b) * 0.5);
      }
    }

    @Override
    public int[] rowsRead(int n) {
      return ends(n, 0, (n - 1) / 2, n / 2);
    }
  }

  static final class TrimmedMean implements ColumnStatistic {
    private final int f;

    TrimmedMean(int f) {
      this.f = f;
    }

    @Override
    public void reduce(ColumnBlock block, float[] out, int off) {
      float[][] s = block.rows();
      int n = s.length;
      int len = block.len();
      float[] lo = block.lo();
      float[] hi = block.hi();
      double[] acc = block.totals();
      for (int r = 0; r < f; r++) {
        float[] low = s[r];
        float[] high = s[n - 1 - r];
        for (int k = 0; k < len; k++) {
          acc[k] -= (double) low[k] + high[k];
        }
      }
      double scale = 1.0 / (n - 2 * f);
      float[] first = s[f];
      float[] last = s[n - f - 1];
      for (int k = 0; k < len; k++) {
        out[off + k] = (float) (acc[k] * scale);
        lo[k] = first[k];
        hi[k] = last[k];
      }
    }

    @Override
    public boolean readsTotals() {
      return true;
    }

    @Override
    public int[] rowsRead(int n) {
      return ends(n, f);
    }
  }

  static final class MeanAroundMedian implements ColumnStatistic {
    private final int f;

    MeanAroundMedian(int f) {
      this.f = f;
    }

    @Override
    public void reduce(ColumnBlock block, float[] out, int off) {
      int n = block.rows().length;
      if (2 * f > n) {
        greedy(block, out, off);
      } else {
        pairs(block, out, off, VECTOR ? VectorColumns.meanAroundMedian(block, f, out, off) : 0);
      }
    }

    // With 2f <= n the f lowest and the f highest ranks are disjoint, and the greedy drops, for each
    // i < f, exactly one of ranks i and n - f + i: the low one iff it is strictly farther from the
    // median. (L_i = m - s_i falls and R_i = s_(n-f+i) - m rises with i, exactly, since rounding is
    // monotone; the greedy merges the falling sequences L and R_(f-1), ..., R_0 and takes the first f,
    // and L_i comes before R_i in that merge iff L_i > R_i.) So the low ones dropped are ranks
    // 0 .. left-1 and the window is ranks left .. n-1-f+left. Walking i down from f - 1, the last
    // i with the high one dropped is left, so lo and hi are found without a branch per column.
    private void pairs(ColumnBlock block, float[] out, int off, int from) {
      float[][] s = block.rows();
      int n = s.length;
      double[] total = block.totals();
      float[] upper = s[n / 2];
      float[] lower = s[(n - 1) / 2];
      for (int k = from; k < block.len(); k++) {
        double m = ((double) lower[k] + upper[k]) * 0.5;
        double sum = total[k];
        float lo = s[f][k];
        float hi = s[n - 1][k];
        float b = hi;
        for (int i = f - 1; i >= 0; i--) {
          float a = s[i][k];
          float below = s[n - f + i - 1][k];
          boolean low = m - a > b - m;
          sum -= low ? a : b;
          lo = low ? lo : a;
          hi = low ? hi : below;
          b = below;
        }
        out[off + k] = (float) (sum / (n - f));
        block.lo()[k] = lo;
        block.hi()[k] = hi;
      }
    }

    private void greedy(ColumnBlock block, float[] out, int off) {
      float[][] s = block.rows();
      int n = s.length;
      double[] total = block.totals();
      float[] upper = s[n / 2];
      float[] lower = s[(n - 1) / 2];
      for (int k = 0; k < block.len(); k++) {
        double m = ((double) lower[k] + upper[k]) * 0.5;
        int left = 0;
        int right = n - 1;
        double sum = total[k];
        for (int drop = 0; drop < f; drop++) {
          if (m - s[left][k] > s[right][k] - m) {
            sum -= s[left][k];
            left++;
          } else {
            sum -= s[right][k];
            right--;
          }
        }
        out[off + k] = (float) (sum / (n - f));
        block.lo()[k] = s[left][k];
        block.hi()[k] = s[right][k];
      }
    }

    @Override
    public boolean readsTotals() {
      return true;
    }

    @Override
    public int[] rowsRead(int n) {
      return ends(n, f, (n - 1) / 2, n / 2);
    }
  }
}
