package dev.rampart.aggregation;

import dev.rampart.aggregation.internal.Inputs;
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
 * exact coefficient in {@code v_L}, the remaining mass {@code 1 - sum(weights)} being on m. Cost: two
 * passes over the inputs per iteration.
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
    Inputs.requireFinite(inputs, name());
    float[] v = context.previousAggregateNoCopy();
    if (v == null) {
      v = new float[d];
    } else if (v.length != d) {
      throw new IllegalArgumentException(name() + " state (previous aggregate) has dimension " + v.length
          + ", but the inputs have dimension " + d);
    }
    double[] w = new double[n];
    double[] clip = new double[n];
    List<float[]> withState = new ArrayList<>(inputs);
    withState.add(v);
    for (int l = 0; l < iterations; l++) {
      double[] dist = VectorMath.distancesTo(inputs, v, d);
      double mass = 0;
      double[] coefficients = new double[n + 1];
      for (int i = 0; i < n; i++) {
        clip[i] = dist[i] > tau ? tau / dist[i] : 1.0;
        coefficients[i] = clip[i] / n;
        mass += coefficients[i];
      }
      coefficients[n] = 1.0 - mass;
      for (int i = 0; i < n; i++) {
        w[i] = (1.0 - mass) * w[i] + coefficients[i];
      }
      withState.set(n, v);
      v = VectorMath.combine(withState, coefficients, d);
    }
    Outcome o = Outcome.weighted(v, w);
    o.excluded = null;
    o.clipScale = clip;
    return o;
  }

  @Override
  public String name() {
    return "cc(tau=" + tau + ", iterations=" + iterations + ")";
  }
}
