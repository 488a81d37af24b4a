package dev.rampart.aggregation;

import dev.rampart.aggregation.internal.LaneDistances;
import dev.rampart.aggregation.internal.VectorMath;
import java.util.ArrayList;
import java.util.List;

/**
 * Approximate geometric median {@code argmin_y sum_i |y - x_i|} by the smoothed Weiszfeld algorithm
 * (Weiszfeld 1937; smoothing as in Pillutla, Kakade and Harchaoui, "Robust aggregation for
 * federated learning", IEEE TSP 2022), matching ByzFL's {@code GeometricMedian}.
 *
 * <p>Starting at {@code z_0 = 0}, each of T iterations sets {@code beta_i = 1 / max(nu, |x_i - z|)}
 * and {@code z = sum_i beta_i x_i / sum_i beta_i}. The output is {@code z_T}, a convex combination of
 * the inputs. Defaults as in ByzFL: {@code nu = 0.1}, {@code T = 3}. Because it starts at the origin,
 * a few iterations are not exactly translation equivariant; with many iterations the result
 * approaches the true (translation-equivariant) geometric median.
 *
 * <p>Non-finite policy, as ByzFL: inputs holding an infinity are dropped (reported excluded, weight
 * 0); an input holding NaN is rejected with an {@link IllegalArgumentException}; if every input
 * holds an infinity the call is rejected too. Needs no Byzantine bound. Permutation invariant; n
 * copies of x give x once T >= 1. Evidence: weight and score are the final normalized weights
 * {@code beta_i / sum beta}. Cost: T + 1 passes over the inputs: one for the norms (which doubles
 * as the finiteness check), then per iteration one pass that forms z and, block by block while the
 * inputs are in cache, their distances to it (used by the next iteration, or as evidence); T*n*d
 * multiply-adds each way (when an input holding an infinity was dropped, distance evidence takes
 * one separate pass instead). Distances are summed in float lanes (relative error below 2e-6, see
 * {@code LaneDistances}).
 */
final class GeometricMedian extends Rule {

  private final double nu;
  private final int iterations;

  GeometricMedian(double nu, int iterations) {
    this.nu = nu;
    this.iterations = iterations;
  }

  @Override
  Outcome compute(List<float[]> inputs, int d, AggregationContext context) {
    int n = inputs.size();
    // The first iteration starts at the origin and needs the norms: one pass that also classifies
    // every input (NaN norm: NaN inside; infinite norm: an infinity, no NaN), see LaneDistances.
    double[] norms = LaneDistances.squaredTo(inputs, null, d);
    List<float[]> kept = new ArrayList<>(n);
    int[] keptIndex = new int[n];
    double[] sq = new double[n];
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(norms[i])) {
        throw new IllegalArgumentException("input " + i + " holds NaN; " + name()
            + " drops inputs holding infinities but rejects NaN");
      }
      if (norms[i] < Double.POSITIVE_INFINITY) {
        keptIndex[kept.size()] = i;
        sq[kept.size()] = norms[i];
        kept.add(inputs.get(i));
      }
    }
    if (kept.isEmpty()) {
      throw new IllegalArgumentException("every input holds an infinity; " + name() + " has nothing left to aggregate");
    }
    int m = kept.size();
    boolean evidence = context.distanceEvidence() && m == n;
    float[] z = null;
    double[] w = new double[m];
    for (int t = 0; t < iterations; t++) {
      double total = 0;
      for (int i = 0; i < m; i++) {
        w[i] = 1.0 / Math.max(nu, Math.sqrt(sq[i]));
        total += w[i];
      }
      for (int i = 0; i < m; i++) {
        w[i] /= total;
      }
      if (t + 1 < iterations || evidence) {
        // The next iteration's distances (or the evidence) in the pass that forms z.
        VectorMath.Combination c = VectorMath.combineWithDistances(kept, w, d, m);
        z = c.vector();
        sq = c.squaredDistances();
      } else {
        z = VectorMath.combine(kept, w, d);
      }
    }
    double[] weights = new double[n];
    for (int i = 0; i < m; i++) {
      weights[keptIndex[i]] = w[i];
    }
    return Outcome.weighted(z, weights).scores(weights.clone()).squaredDistances(evidence ? sq : null);
  }

  @Override
  public String name() {
    return "gm(nu=" + nu + ", iterations=" + iterations + ")";
  }
}
