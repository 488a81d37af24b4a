package dev.rampart.aggregation.internal;

import java.util.List;

/**
 * Squared Euclidean distances summed in eight float lanes over runs of 256 coordinates, the runs
 * added in double: the relative error stays below {@code 32 * 2^-24} (about 2e-6, typically near
 * 1e-7), and the loop runs about 2.4 times faster than with double lanes.
 *
 * <p>A float square overflows for differences above about 1.8e19 although the double sum would not.
 * Every distance that comes out infinite or NaN is therefore recomputed in double over the whole
 * vector: the result is then non-finite exactly when the input or the point holds NaN or an
 * infinity (finite floats cannot overflow a double sum of squares), so callers may use these
 * distances as their finiteness check. With the {@code jdk.incubator.vector} module present (see
 * {@link PairwiseDistances#usesVectorKernel()}) the runs are summed by {@link VectorLanes} in the
 * machine's widest float lanes, 16 with AVX-512, which keeps the same error bound. Thread-safe:
 * holds no state; inputs are never modified.
 */
public final class LaneDistances {

  private static final int RUN = 256;

  private LaneDistances() {}

  /**
   * Squared distance of every input to a point, parallel over coordinate blocks.
   *
   * @param inputs n vectors of dimension {@code d}
   * @param point a vector of dimension {@code d}, or null for the origin
   * @param d the common dimension
   * @return n squared distances
   */
  public static double[] squaredTo(List<float[]> inputs, float[] point, int d) {
    int n = inputs.size();
    float[][] x = inputs.toArray(new float[0][]);
    double[] sq = Parallel.reduce(d, n, (from, to) -> {
      double[] s = new double[n];
      for (int i = 0; i < n; i++) {
        s[i] = point == null ? squares(x[i], from, to) : squaredDifferences(x[i], point, from, to);
      }
      return s;
    }, LaneDistances::add);
    repair(x, point, sq, n);
    return sq;
  }

  /**
   * Recomputes in double, over the whole vector, every squared distance that is not finite.
   *
   * @param x the inputs
   * @param point the point, or null for the origin
   * @param sq squared distances of the first {@code count} inputs, repaired in place
   * @param count how many inputs {@code sq} covers
   */
  static void repair(float[][] x, float[] point, double[] sq, int count) {
    for (int i = 0; i < count; i++) {
      if (!(sq[i] < Double.POSITIVE_INFINITY)) {
        sq[i] = exact(x[i], point);
      }
    }
  }

  private static double exact(float[] x, float[] p) {
    double s = 0;
    for (int k = 0; k < x.length; k++) {
      double t = p == null ? x[k] : (double) x[k] - p[k];
      s += t * t;
    }
    return s;
  }

  static double[] add(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    return a;
  }

  /**
   * Lane sum of {@code (x_k - p_k)^2} over {@code [from, to)}.
   *
   * @param x the input
   * @param p the point
   * @param from first coordinate, inclusive
   * @param to last coordinate, exclusive
   * @return the partial squared distance
   */
  static double squaredDifferences(float[] x, float[] p, int from, int to) {
    if (PairwiseDistances.usesVectorKernel()) {
      return VectorLanes.squaredDifferences(x, p, from, to);
    }
    double total = 0;
    int k = from;
    while (k + 8 <= to) {
      int end = Math.max(Math.min(to, k + RUN) & ~7, k + 8);
      float s0 = 0;
      float s1 = 0;
      float s2 = 0;
      float s3 = 0;
      float s4 = 0;
      float s5 = 0;
      float s6 = 0;
      float s7 = 0;
      for (; k + 8 <= end; k += 8) {
        float t0 = x[k] - p[k];
        float t1 = x[k + 1] - p[k + 1];
        float t2 = x[k + 2] - p[k + 2];
        float t3 = x[k + 3] - p[k + 3];
        float t4 = x[k + 4] - p[k + 4];
        float t5 = x[k + 5] - p[k + 5];
        float t6 = x[k + 6] - p[k + 6];
        float t7 = x[k + 7] - p[k + 7];
        s0 += t0 * t0;
        s1 += t1 * t1;
        s2 += t2 * t2;
        s3 += t3 * t3;
        s4 += t4 * t4;
        s5 += t5 * t5;
        s6 += t6 * t6;
        s7 += t7 * t7;
      }
      total += (((double) s0 + s1) + ((double) s2 + s3)) + (((double) s4 + s5) + ((double) s6 + s7));
    }
    for (; k < to; k++) {
      double t = (double) x[k] - p[k];
      total += t * t;
    }
    return total;
  }

  private static double squares(float[] x, int from, int to) {
    if (PairwiseDistances.usesVectorKernel()) {
      return VectorLanes.squares(x, from, to);
    }
    double total = 0;
    int k = from;
    while (k + 8 <= to) {
      int end = Math.max(Math.min(to, k + RUN) & ~7, k + 8);
      float s0 = 0;
      float s1 = 0;
      float s2 = 0;
      float s3 = 0;
      float s4 = 0;
      float s5 = 0;
      float s6 = 0;
      float s7 = 0;
      for (; k + 8 <= end; k += 8) {
        s0 += x[k] * x[k];
        s1 += x[k + 1] * x[k + 1];
        s2 += x[k + 2] * x[k + 2];
        s3 += x[k + 3] * x[k + 3];
        s4 += x[k + 4] * x[k + 4];
        s5 += x[k + 5] * x[k + 5];
        s6 += x[k + 6] * x[k + 6];
        s7 += x[k + 7] * x[k + 7];
      }
      total += (((double) s0 + s1) + ((double) s2 + s3)) + (((double) s4 + s5) + ((double) s6 + s7));
    }
    for (; k < to; k++) {
      double t = x[k];
      total += t * t;
    }
    return total;
  }
}
