package dev.rampart.aggregation.internal;

import java.util.Arrays;

/**
 * The built-in {@link ColumnStatistic}s. Each reads only the ranks it lists, so that a pruned
 * sorting network suffices. Sums over a window of ranks are formed as the column total minus the
 * ranks outside the window, all in double: the window's values need not be sorted, only the ends.
 * Stateless and thread-safe.
 */
final class ColumnStatistics {

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

  /** Column totals in double over every row. */
  static double[] totals(float[][] s, int len) {
    double[] acc = new double[len];
    for (float[] row : s) {
      for (int k = 0; k < len; k++) {
        acc[k] += row[k];
      }
    }
    return acc;
  }

  static final class Median implements ColumnStatistic {
    @Override
    public void reduce(float[][] s, int len, float[] out, int off, float[] lo, float[] hi) {
      int n = s.length;
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
    public void reduce(float[][] s, int len, float[] out, int off, float[] lo, float[] hi) {
      int n = s.length;
      double[] acc = totals(s, len);
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
    public void reduce(float[][] s, int len, float[] out, int off, float[] lo, float[] hi) {
      int n = s.length;
      double[] total = totals(s, len);
      float[] upper = s[n / 2];
      float[] lower = s[(n - 1) / 2];
      for (int k = 0; k < len; k++) {
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
        lo[k] = s[left][k];
        hi[k] = s[right][k];
      }
    }

    @Override
    public int[] rowsRead(int n) {
      return ends(n, f, (n - 1) / 2, n / 2);
    }
  }
}
