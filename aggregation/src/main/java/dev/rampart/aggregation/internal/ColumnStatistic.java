package dev.rampart.aggregation.internal;

/**
 * A per-coordinate reduction of n scalars, applied to a block of columns that are already sorted
 * (see {@link SortingNetwork}). Used by the coordinate-wise rules.
 *
 * <p>Implementations are stateless, so one instance can serve several threads at once.
 */
public interface ColumnStatistic {

  /**
   * Reduces each column {@code k < len} of the sorted rows.
   *
   * @param sorted n rows; column k, read down the rows, is in ascending order
   * @param len number of columns
   * @param out receives the reduced value of column k at {@code out[outOffset + k]}
   * @param outOffset where column 0 goes in {@code out}
   * @param lo receives, per column, the smallest value that contributed to the result
   * @param hi receives, per column, the largest value that contributed; values strictly outside
   *     {@code [lo, hi]} count as trimmed
   */
  void reduce(float[][] sorted, int len, float[] out, int outOffset, float[] lo, float[] hi);

  /**
   * Median: the middle value, or for even n the mean of the two middle values (numpy's convention,
   * which ByzFL inherits for numpy inputs).
   *
   * @return the statistic
   */
  static ColumnStatistic median() {
    return (s, len, out, off, lo, hi) -> {
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
    };
  }

  /**
   * Mean of the values of ranks {@code f .. n-f-1} (from 0), that is without the f smallest and f
   * largest; accumulated in double.
   *
   * @param f values trimmed at each end, {@code 2f < n}
   * @return the statistic
   */
  static ColumnStatistic trimmedMean(int f) {
    return (s, len, out, off, lo, hi) -> {
      int n = s.length;
      double[] acc = new double[len];
      for (int r = f; r < n - f; r++) {
        float[] row = s[r];
        for (int k = 0; k < len; k++) {
          acc[k] += row[k];
        }
      }
      double scale = 1.0 / (n - 2 * f);
      for (int k = 0; k < len; k++) {
        out[off + k] = (float) (acc[k] * scale);
        lo[k] = s[f][k];
        hi[k] = s[n - f - 1][k];
      }
    };
  }

  /**
   * Mean around median (Xie et al. 2018): the mean of the {@code n - f} values closest to the
   * median. In a sorted column these form a contiguous window, found by dropping, f times, the end
   * farther from the median; when both ends are equally far the larger value is dropped, so smaller
   * values are kept first.
   *
   * @param f values dropped, {@code 0 <= f < n}
   * @return the statistic
   */
  static ColumnStatistic meanAroundMedian(int f) {
    return (s, len, out, off, lo, hi) -> {
      int n = s.length;
      float[] upper = s[n / 2];
      float[] lower = s[(n - 1) / 2];
      for (int k = 0; k < len; k++) {
        double m = ((double) lower[k] + upper[k]) * 0.5;
        int left = 0;
        int right = n - 1;
        for (int drop = 0; drop < f; drop++) {
          if (m - s[left][k] > s[right][k] - m) {
            left++;
          } else {
            right--;
          }
        }
        double sum = 0;
        for (int r = left; r <= right; r++) {
          sum += s[r][k];
        }
        out[off + k] = (float) (sum / (n - f));
        lo[k] = s[left][k];
        hi[k] = s[right][k];
      }
    };
  }
}
