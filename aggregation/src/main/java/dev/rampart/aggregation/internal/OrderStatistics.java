package dev.rampart.aggregation.internal;

/**
 * Selection (quickselect) and the column statistics built on it: median, trimmed mean and mean
 * around median.
 *
 * <p>Thread-safe: holds no state; the statistic constants are immutable.
 */
public final class OrderStatistics {

  private static final int INSERTION_LIMIT = 16;

  private OrderStatistics() {}

  /**
   * Reorders {@code a[left..right]} so that {@code a[k]} holds the value of rank {@code k - left},
   * every value before it is no larger and every value after it is no smaller.
   *
   * @param a the buffer
   * @param left first index of the range, inclusive
   * @param right last index of the range, inclusive
   * @param k the target index, in {@code [left, right]}
   */
  public static void select(float[] a, int left, int right, int k) {
    while (right - left > INSERTION_LIMIT) {
      int mid = (left + right) >>> 1;
      if (a[mid] < a[left]) {
        swap(a, left, mid);
      }
      if (a[right] < a[left]) {
        swap(a, left, right);
      }
      if (a[right] < a[mid]) {
        swap(a, mid, right);
      }
      float pivot = a[mid];
      int i = left;
      int j = right;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(a, i, j);
          i++;
          j--;
        }
      }
      if (k <= j) {
        right = j;
      } else if (k >= i) {
        left = i;
      } else {
        return;
      }
    }
    for (int i = left + 1; i <= right; i++) {
      float v = a[i];
      int j = i - 1;
      while (j >= left && a[j] > v) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = v;
    }
  }

  /** Same contract as {@link #select(float[], int, int, int)} for doubles. */
  public static void select(double[] a, int left, int right, int k) {
    while (right - left > INSERTION_LIMIT) {
      int mid = (left + right) >>> 1;
      if (a[mid] < a[left]) {
        swap(a, left, mid);
      }
      if (a[right] < a[left]) {
        swap(a, left, right);
      }
      if (a[right] < a[mid]) {
        swap(a, mid, right);
      }
      double pivot = a[mid];
      int i = left;
      int j = right;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(a, i, j);
          i++;
          j--;
        }
      }
      if (k <= j) {
        right = j;
      } else if (k >= i) {
        left = i;
      } else {
        return;
      }
    }
    for (int i = left + 1; i <= right; i++) {
      double v = a[i];
      int j = i - 1;
      while (j >= left && a[j] > v) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = v;
    }
  }

  private static void swap(float[] a, int i, int j) {
    float t = a[i];
    a[i] = a[j];
    a[j] = t;
  }

  private static void swap(double[] a, int i, int j) {
    double t = a[i];
    a[i] = a[j];
    a[j] = t;
  }

  private static float min(float[] a, int from, int to) {
    float m = a[from];
    for (int i = from + 1; i < to; i++) {
      m = Math.min(m, a[i]);
    }
    return m;
  }

  private static float max(float[] a, int from, int to) {
    float m = a[from];
    for (int i = from + 1; i < to; i++) {
      m = Math.max(m, a[i]);
    }
    return m;
  }

  /**
   * Median of n values: the middle value for odd n, the mean of the two middle values for even n
   * (numpy's convention, which ByzFL inherits for numpy inputs).
   */
  public static final ColumnStatistic MEDIAN = OrderStatistics::median;

  private static float median(float[] a, int off, int n, double[] scratch, float[] kept) {
    int end = off + n - 1;
    int upper = off + n / 2;
    select(a, off, end, upper);
    float hi = a[upper];
    float lo = hi;
    if ((n & 1) == 0) {
      lo = max(a, off, upper);
    }
    kept[0] = lo;
    kept[1] = hi;
    return lo == hi ? hi : (float) (((double) lo + hi) * 0.5);
  }

  /**
   * Mean of the values of ranks {@code f .. n-f-1} (zero-based), that is without the f smallest and
   * the f largest.
   *
   * @param f values trimmed at each end, with {@code 2f < n}
   * @return the statistic
   */
  public static ColumnStatistic trimmedMean(int f) {
    return (a, off, n, scratch, kept) -> {
      int end = off + n - 1;
      if (f == 0) {
        double s = 0;
        for (int i = off; i <= end; i++) {
          s += a[i];
        }
        kept[0] = min(a, off, end + 1);
        kept[1] = max(a, off, end + 1);
        return (float) (s / n);
      }
      int lo = off + f;
      int hi = off + n - f - 1;
      select(a, off, end, lo);
      if (hi > lo) {
        select(a, lo + 1, end, hi);
      }
      double s = 0;
      for (int i = lo; i <= hi; i++) {
        s += a[i];
      }
      kept[0] = a[lo];
      kept[1] = a[hi];
      return (float) (s / (n - 2 * f));
    };
  }

  /**
   * Mean around median: the mean of the {@code n-f} values closest to the median (Xie et al.).
   * Among values at the same distance, the smaller values are taken first.
   *
   * @param f number of values dropped, with {@code 0 <= f < n}
   * @return the statistic
   */
  public static ColumnStatistic meanAroundMedian(int f) {
    return (a, off, n, scratch, kept) -> {
      double m = median(a, off, n, scratch, kept);
      int k = n - f;
      for (int i = 0; i < n; i++) {
        double dist = Math.abs(a[off + i] - m);
        scratch[i] = dist;
        scratch[n + i] = dist;
      }
      select(scratch, n, 2 * n - 1, n + k - 1);
      double r = scratch[n + k - 1];
      return closestMean(a, off, n, scratch, m, r, k, kept);
    };
  }

  private static float closestMean(float[] a, int off, int n, double[] dist, double m, double r,
      int k, float[] kept) {
    double sum = 0;
    int count = 0;
    int lowTies = 0;
    float lowValue = 0;
    float highValue = 0;
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      float v = a[off + i];
      if (dist[i] < r) {
        sum += v;
        count++;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      } else if (dist[i] == r) {
        if (v <= m) {
          lowTies++;
          lowValue = v;
        } else {
          highValue = v;
        }
      }
    }
    int missing = k - count;
    int fromLow = Math.min(missing, lowTies);
    if (fromLow > 0) {
      sum += (double) fromLow * lowValue;
      lo = Math.min(lo, lowValue);
      hi = Math.max(hi, lowValue);
    }
    if (missing > fromLow) {
      sum += (double) (missing - fromLow) * highValue;
      lo = Math.min(lo, highValue);
      hi = Math.max(hi, highValue);
    }
    kept[0] = lo;
    kept[1] = hi;
    return (float) (sum / k);
  }
}
