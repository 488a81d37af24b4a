package dev.rampart.aggregation;

import dev.rampart.aggregation.internal.Inputs;
import dev.rampart.aggregation.internal.VectorMath;
import java.util.Arrays;
import java.util.List;

/**
 * Arithmetic mean {@code (1/n) sum_i x_i}, accumulated in double and rounded once (ByzFL
 * {@code Average}). Not robust: a single input can move it arbitrarily far.
 *
 * <p>Non-finite inputs are rejected with an {@link IllegalArgumentException}; they are detected
 * from the non-finite sum, so finite inputs cost a single pass; distance evidence is measured in
 * that same pass, block by block while each block of the inputs is in cache. Every input gets weight 1/n.
 * Permutation invariant and translation equivariant; needs no Byzantine bound. Cost: n*d
 * additions, one pass over the inputs.
 */
final class Average extends Rule {

  @Override
  Outcome compute(List<float[]> inputs, int d, AggregationContext context) {
    int n = inputs.size();
    double[] w = new double[n];
    Arrays.fill(w, 1.0 / n);
    double[] squared = null;
    float[] out;
    if (context.distanceEvidence()) {
      VectorMath.Combination c = VectorMath.combineWithDistances(inputs, w, d, n);
      out = c.vector();
      squared = c.squaredDistances();
    } else {
      out = VectorMath.combine(inputs, w, d);
    }
    if (Inputs.firstNonFinite(out) >= 0) {
      throw Inputs.locateNonFinite(inputs, name());
    }
    return Outcome.weighted(out, w).squaredDistances(squared);
  }

  @Override
  public String name() {
    return "average";
  }
}
