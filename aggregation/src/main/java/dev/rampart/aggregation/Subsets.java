package dev.rampart.aggregation;

import java.util.function.ToDoubleFunction;

/**
 * Exhaustive search over the ways to leave f of n inputs out, shared by MDA and SMEA. Thread-safe:
 * no state.
 */
final class Subsets {

  private Subsets() {}

  /** Number of subsets, saturating at Long.MAX_VALUE. */
  static long binomial(int n, int k) {
    k = Math.min(k, n - k);
    double approx = 1;
    long exact = 1;
    for (int i = 1; i <= k; i++) {
      approx = approx * (n - k + i) / i;
      if (approx > 9e18) {
        return Long.MAX_VALUE;
      }
      exact = exact * (n - k + i) / i;
    }
    return exact;
  }

  static void requireWithinLimit(int n, int f, long limit, String rule) {
    long count = binomial(n, f);
    if (count > limit) {
      throw new IllegalArgumentException(rule + " would search C(n, f) = C(" + n + ", " + f + ") = "
          + (count == Long.MAX_VALUE ? "more than 9e18" : Long.toString(count))
          + " subsets, above the limit " + limit + "; raise limit=... or choose another rule");
    }
  }

  /** Lowers the score of every kept input (not in {@code out}) to {@code value} when smaller. */
  static void lowerScores(double[] scores, boolean[] out, double value) {
    for (int i = 0; i < scores.length; i++) {
      if (!out[i] && value < scores[i]) {
        scores[i] = value;
      }
    }
  }

  /** All pairs i < j, by decreasing distance (ties by index, for determinism). */
  static int[][] pairsByDecreasingDistance(double[][] dist) {
    int n = dist.length;
    int[][] pairs = new int[n * (n - 1) / 2][];
    int p = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        pairs[p++] = new int[] {i, j};
      }
    }
    java.util.Arrays.sort(pairs, (a, b) -> {
      int c = Double.compare(dist[b[0]][b[1]], dist[a[0]][a[1]]);
      return c != 0 ? c : a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]);
    });
    return pairs;
  }

  /**
   * Finds the left-out set of size f that minimizes {@code cost}; ties go to the subset whose kept
   * indices come first lexicographically.
   *
   * @param n inputs
   * @param f inputs left out
   * @param tolerance relative difference below which two costs count as tied
   * @param cost cost of a candidate, given the left-out mask (must not keep a reference to it)
   * @return the mask of kept inputs
   */
  static boolean[] search(int n, int f, double tolerance, ToDoubleFunction<boolean[]> cost) {
    boolean[] out = new boolean[n];
    int[] idx = new int[f];
    for (int i = 0; i < f; i++) {
      idx[i] = i;
    }
    boolean[] bestOut = null;
    double bestCost = Double.POSITIVE_INFINITY;
    while (true) {
      java.util.Arrays.fill(out, false);
      for (int i : idx) {
        out[i] = true;
      }
      double c = cost.applyAsDouble(out);
      double slack = tolerance * Math.abs(bestCost);
      if (bestOut == null || c < bestCost - slack || (c <= bestCost + slack && keptFirst(out, bestOut))) {
        bestCost = c;
        bestOut = out.clone();
      }
      int i = f - 1;
      while (i >= 0 && idx[i] == n - f + i) {
        i--;
      }
      if (i < 0) {
        break;
      }
      idx[i]++;
      for (int j = i + 1; j < f; j++) {
        idx[j] = idx[j - 1] + 1;
      }
    }
    boolean[] kept = new boolean[n];
    for (int i = 0; i < n; i++) {
      kept[i] = !bestOut[i];
    }
    return kept;
  }

  // Kept sets compare at the smallest index where they differ: the set keeping it comes first.
  private static boolean keptFirst(boolean[] outA, boolean[] outB) {
    for (int i = 0; i < outA.length; i++) {
      if (outA[i] != outB[i]) {
        return !outA[i];
      }
    }
    return false;
  }
}
