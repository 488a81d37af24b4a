package dev.rampart.aggregation;

import dev.rampart.aggregation.internal.Inputs;
import dev.rampart.aggregation.internal.LaneDistances;
import dev.rampart.aggregation.internal.VectorMath;
import java.util.ArrayList;
import java.util.List;

/**
 * Centered Clipping (Karimireddy, He and Jaggi, "Learning from history for Byzantine robust
 * optimization", ICML 2021; ByzFL {@code CenteredClipping}).
 *
 * <p>From {@code v_0 = m}, L iterations of
 * {@code v_{l+1} = v_l + (1/n) sum_i (x_i - v_l) min(1, tau / |x_i - v_l|)}; the output is
 * {@code v_L}. The state m is the previous round's aggregate, passed explicitly in the
 * {@link AggregationContext} (see {@link AggregationContext#next}); without state it is the zero
 * vector, as in ByzFL's first call. An input equal to {@code v_l} is not clipped (factor 1).
 * Defaults as ByzFL: {@code tau = 100}, {@code L = 1}.
 *
 * <p>Needs no Byzantine bound; rejects non-finite inputs and a state of the wrong dimension with an
 * {@link IllegalArgumentException}. Permutation invariant; not translation equivariant unless the
 * state moves too. Evidence: clip scale is the factor of the last iteration; weight is the input's
 * exact coefficient in {@code v_L}, the remaining mass {@code 1 - sum(weights)} being on m. Cost: one
 * pass for the first distances (which doubles as the finiteness check), then one pass per iteration
 * that forms {@code v_{l+1}} and, while the inputs are in cache, their distances to it (used by the
 * next iteration, or as evidence). Distances are summed in float lanes (relative error below 2e-6,
 * see {@code LaneDistances}).
 */
final class CenteredClipping extends Rule {

  private final double tau;
  private final int iterations;

  CenteredClipping(double tau, int iterations) {
    this.tau = tau;
    this.iterations = iterations;
  }

  @Override
  Outcome compute(List<float[]> inputs, int d, AggregationContext context) {
    int n = inputs.size();
    float[] v = context.previousAggregateNoCopy();
    if (v == null) {
      v = new float[d];
    } else if (v.length != d) {
      Inputs.requireFinite(inputs, name());
      throw new IllegalArgumentException(name() + " state (previous aggregate) has dimension " + v.length
          + ", but the inputs have dimension " + d);
    }
    double[] sq = LaneDistances.squaredTo(inputs, v, d);
    for (double s : sq) {
      if (!(s < Double.POSITIVE_INFINITY)) {
        // Non-finite input or state; only the former is rejected, with the usual message.
        Inputs.requireFinite(inputs, name());
        break;
      }
    }
    boolean evidence = context.distanceEvidence();
    double[] w = new double[n];
    double[] clip = new double[n];
    List<float[]> withState = new ArrayList<>(inputs);
    withState.add(v);
    for (int l = 0; l < iterations; l++) {
      double mass = 0;
      double[] coefficients = new double[n + 1];
      for (int i = 0; i < n; i++) {
        double dist = Math.sqrt(sq[i]);
        clip[i] = dist > tau ? tau / dist : 1.0;
        coefficients[i] = clip[i] / n;
        mass += coefficients[i];
      }
      coefficients[n] = 1.0 - mass;
      for (int i = 0; i < n; i++) {
        w[i] = (1.0 - mass) * w[i] + coefficients[i];
      }
      withState.set(n, v);
      if (l + 1 < iterations || evidence) {
        VectorMath.Combination c = VectorMath.combineWithDistances(withState, coefficients, d, n);
        v = c.vector();
        sq = c.squaredDistances();
      } else {
        v = VectorMath.combine(withState, coefficients, d);
      }
    }
    Outcome o = Outcome.weighted(v, w).squaredDistances(evidence ? sq : null);
    o.excluded = null;
    o.clipScale = clip;
    return o;
  }

  @Override
  boolean readsPreviousAggregate() {
    return true;
  }

  @Override
  public String name() {
    return "cc(tau=" + tau + ", iterations=" + iterations + ")";
  }
}
