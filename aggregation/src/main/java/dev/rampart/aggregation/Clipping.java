package dev.rampart.aggregation;

import dev.rampart.aggregation.internal.Inputs;
import dev.rampart.aggregation.internal.VectorMath;
import java.util.Arrays;
import java.util.List;

/**
 * Norm clipping, static or adaptive.
 *
 * <ul>
 *   <li><b>Static Clipping</b> (ByzFL {@code Clipping}): each input is scaled by
 *       {@code min(1, c / |x_i|)}, so no output has a Euclidean norm above c (default 2.0).
 *   <li><b>Adaptive Robust Clipping</b>, ARC (Allouah, Guerraoui, Gupta, Jellouli, Rizk and Stephan,
 *       "The vital role of gradient clipping in Byzantine-resilient distributed learning", 2024;
 *       ByzFL {@code ARC}): with {@code k = floor(2 f (n - f) / n)} (computed exactly in integers;
 *       ByzFL computes it in floating point), the k inputs of largest norm are clipped to the norm
 *       of the {@code (n-k)}-th smallest. Norm ties are ordered by lower index first. Requires
 *       {@code 2f < n}.
 * </ul>
 *
 * <p>Non-finite inputs are rejected with an {@link IllegalArgumentException}. Permutation
 * equivariant; not translation equivariant (clipping is about the origin). A zero vector is never
 * scaled. The mixing matrix is diagonal with the clipping factors. Cost: one pass for the norms and
 * one to write the outputs.
 */
final class Clipping extends PreRule {

  private final double threshold;
  private final boolean adaptive;
  private final int maxByzantine;

  private Clipping(double threshold, boolean adaptive, int maxByzantine) {
    this.threshold = threshold;
    this.adaptive = adaptive;
    this.maxByzantine = maxByzantine;
  }

  static Clipping fixed(double threshold) {
    return new Clipping(threshold, false, 0);
  }

  static Clipping adaptive(int maxByzantine) {
    return new Clipping(Double.NaN, true, maxByzantine);
  }

  @Override
  PreAggregation compute(List<float[]> inputs, int d, AggregationContext context) {
    int n = inputs.size();
    if (adaptive) {
      Inputs.requireHonestMajority(n, maxByzantine, name());
    }
    double[] norms = VectorMath.squaredDistancesTo(inputs, null, d);
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(norms[i])) {
        throw Inputs.locateNonFinite(inputs, name());
      }
      norms[i] = Math.sqrt(norms[i]);
    }
    double[] scales = new double[n];
    Arrays.fill(scales, 1.0);
    if (adaptive) {
      int clipped = (int) (2L * maxByzantine * (n - maxByzantine) / n);
      int[] order = Neighbours.order(norms);
      double c = clipped == 0 ? Double.POSITIVE_INFINITY : norms[order[n - clipped - 1]];
      for (int r = n - clipped; r < n; r++) {
        scales[order[r]] = scale(norms[order[r]], c);
      }
    } else {
      for (int i = 0; i < n; i++) {
        scales[i] = scale(norms[i], threshold);
      }
    }
    float[][] out = new float[n][];
    double[][] mixing = new double[n][n];
    for (int i = 0; i < n; i++) {
      // Unclipped inputs are shared, not copied: pipelines never write to stage vectors and the
      // public PreAggregation copies on access.
      out[i] = scales[i] == 1.0 ? inputs.get(i) : VectorMath.scaled(inputs.get(i), scales[i]);
      mixing[i][i] = scales[i];
    }
    return new PreAggregation(out, mixing, scales);
  }

  private static double scale(double norm, double c) {
    return norm > c ? c / norm : 1.0;
  }

  @Override
  public String name() {
    return adaptive ? "arc" : "clip(c=" + threshold + ")";
  }
}
