package dev.rampart.aggregation;

import dev.rampart.aggregation.internal.Inputs;
import dev.rampart.aggregation.internal.PairwiseDistances;
import dev.rampart.aggregation.internal.VectorMath;
import java.util.List;

/**
 * Nearest Neighbor Mixing (Allouah, Farhadkhani, Guerraoui, Gupta, Pinot and Stephan, "Fixing by
 * mixing: a recipe for optimal Byzantine ML under heterogeneity", AISTATS 2023; ByzFL {@code NNM}).
 *
 * <p>Output i is the mean of the {@code n - f} inputs nearest to x_i in Euclidean distance, x_i
 * itself included. Ties in distance go to the lower index (x_i always counts as its own nearest).
 * Requires {@code 2f < n}; rejects non-finite inputs with an {@link IllegalArgumentException}.
 * Permutation equivariant (outputs follow the inputs) and translation equivariant. Mixing row i holds
 * {@code 1/(n-f)} on the neighbours. Cost: the shared pairwise distance matrix, then n outputs of
 * {@code n - f} inputs each, {@code n(n-f)d} multiply-adds in one blocked pass.
 */
final class NearestNeighborMixing extends PreRule {

  private final int maxByzantine;

  NearestNeighborMixing(int maxByzantine) {
    this.maxByzantine = maxByzantine;
  }

  @Override
  PreAggregation compute(List<float[]> inputs, int d, AggregationContext context) {
    int n = inputs.size();
    Inputs.requireHonestMajority(n, maxByzantine, name());
    double[][] distances = PairwiseDistances.squaredOfFinite(inputs, d, name());
    int k = n - maxByzantine;
    double[][] mixing = new double[n][n];
    for (int i = 0; i < n; i++) {
      boolean[] near = Neighbours.nearest(distances, i, k);
      for (int j = 0; j < n; j++) {
        mixing[i][j] = near[j] ? 1.0 / k : 0.0;
      }
    }
    double[] ones = new double[n];
    java.util.Arrays.fill(ones, 1.0);
    return new PreAggregation(VectorMath.combine(inputs, mixing, d), mixing, ones);
  }

  @Override
  public String name() {
    return "nnm";
  }
}
