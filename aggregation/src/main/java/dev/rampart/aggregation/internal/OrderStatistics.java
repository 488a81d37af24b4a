package dev.rampart.aggregation.internal;

/**
 * Quickselect on float and double ranges (Hoare partition, median-of-three pivot, insertion sort
 * below 17 elements): expected O(n).
 *
 * <p>Thread-safe: holds no state.
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

}
