package dev.rampart.aggregation;

import dev.rampart.aggregation.internal.OrderStatistics;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Neighbourhood queries on a squared-distance matrix. Thread-safe: no state. */
final class Neighbours {

  private Neighbours() {}

  /**
   * Krum scores: for each i, the sum of its k smallest squared distances to the other inputs.
   *
   * @param distances n-by-n squared distances
   * @param k neighbours per input, in {@code [0, n-1]}
   * @return n scores
   */
  static double[] krumScores(double[][] distances, int k) {
    int n = distances.length;
    double[] scores = new double[n];
    double[] tmp = new double[Math.max(1, n - 1)];
    for (int i = 0; i < n; i++) {
      scores[i] = krumScore(distances, i, k, null, tmp);
    }
    return scores;
  }

  /**
   * Krum score of input i among the members of a subset.
   *
   * @param distances n-by-n squared distances
   * @param i the input
   * @param k neighbours to sum, at most the member count minus one
   * @param members which inputs count, or null for all
   * @param tmp work array of at least n - 1 doubles
   * @return the sum of the k smallest squared distances from i to the other members
   */
  static double krumScore(double[][] distances, int i, int k, boolean[] members, double[] tmp) {
    if (k <= 0) {
      return 0.0;
    }
    int m = 0;
    double[] row = distances[i];
    for (int j = 0; j < row.length; j++) {
      if (j != i && (members == null || members[j])) {
        tmp[m++] = row[j];
      }
    }
    OrderStatistics.select(tmp, 0, m - 1, k - 1);
    double s = 0;
    for (int j = 0; j < k; j++) {
      s += tmp[j];
    }
    return s;
  }

  /**
   * Indices sorted by increasing key, ties broken by lower index.
   *
   * @param keys the keys
   * @return the permutation
   */
  static int[] order(double[] keys) {
    return IntStream.range(0, keys.length).boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> keys[i]).thenComparingInt(i -> i))
        .mapToInt(Integer::intValue).toArray();
  }

  /**
   * The {@code count} nearest inputs to input i (i itself included, at distance 0), ties broken by
   * lower index except that i always comes first.
   *
   * @param distances n-by-n squared distances
   * @param i the centre
   * @param count how many, in {@code [1, n]}
   * @return a selection mask
   */
  static boolean[] nearest(double[][] distances, int i, int count) {
    double[] keys = distances[i].clone();
    keys[i] = Double.NEGATIVE_INFINITY;
    int[] order = order(keys);
    boolean[] selected = new boolean[keys.length];
    for (int r = 0; r < count; r++) {
      selected[order[r]] = true;
    }
    return selected;
  }

  /**
   * Mask of the {@code count} smallest keys, ties broken by lower index.
   *
   * @param keys the keys
   * @param count how many to select
   * @return the mask
   */
  static boolean[] smallest(double[] keys, int count) {
    int[] order = order(keys);
    boolean[] selected = new boolean[keys.length];
    for (int r = 0; r < count; r++) {
      selected[order[r]] = true;
    }
    return selected;
  }

  static boolean[] all(int n) {
    boolean[] b = new boolean[n];
    Arrays.fill(b, true);
    return b;
  }
}
