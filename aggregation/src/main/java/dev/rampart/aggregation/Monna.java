package dev.rampart.aggregation;

import dev.rampart.aggregation.internal.Inputs;
import dev.rampart.aggregation.internal.VectorMath;
import java.util.List;

/**
 * MoNNA (Farhadkhani, Guerraoui, Gupta, Hoang, Pinot and Stephan, "Robust collaborative learning
 * with linear gradient overhead", ICML 2023; ByzFL {@code MoNNA}): the mean of the {@code n - f}
 * inputs nearest (Euclidean) to a trusted input {@code x_idx}, that input included.
 *
 * <p>Meant for peer-to-peer settings where input idx is the aggregating node's own, trusted vector.
 * Ties in distance go to the lower index. Requires {@code 2f < n} and {@code idx < n}; rejects
 * non-finite inputs. Not permutation invariant (idx designates a position); translation
 * equivariant; n copies of x give x. Evidence: weight {@code 1/(n-f)} for the neighbours, the rest
 * excluded; score is the squared distance to the trusted input. Cost: one pass for the n distances
 * to {@code x_idx} (cheaper than the full matrix) and one to form the mean.
 */
final class Monna extends Rule {

  private final int maxByzantine;
  private final int trustedIndex;

  Monna(int maxByzantine, int trustedIndex) {
    this.maxByzantine = maxByzantine;
    this.trustedIndex = trustedIndex;
  }

  @Override
  Outcome compute(List<float[]> inputs, int d, AggregationContext context) {
    int n = inputs.size();
    Inputs.requireHonestMajority(n, maxByzantine, name());
    if (trustedIndex >= n) {
      throw new IllegalArgumentException(name() + " trusts input idx=" + trustedIndex + ", but inputCount=" + n);
    }
    Inputs.requireFinite(inputs, name());
    double[] sq = VectorMath.squaredDistancesTo(inputs, inputs.get(trustedIndex), d);
    double[] keys = sq.clone();
    keys[trustedIndex] = Double.NEGATIVE_INFINITY;
    boolean[] selected = Neighbours.smallest(keys, n - maxByzantine);
    double[] w = Outcome.uniform(n, selected);
    return Outcome.weighted(VectorMath.combine(inputs, w, d), w).scores(sq);
  }

  @Override
  public String name() {
    return "monna(idx=" + trustedIndex + ")";
  }
}
