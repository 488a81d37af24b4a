package dev.rampart.aggregation;

import dev.rampart.aggregation.internal.Inputs;
import dev.rampart.aggregation.internal.PairwiseDistances;
import dev.rampart.aggregation.internal.VectorMath;
import java.util.List;

/**
 * Minimum-Diameter Averaging (El Mhamdi, Guerraoui, Guirguis, Hoang and Rouault, "Genuinely
 * distributed Byzantine machine learning", PODC 2020; ByzFL {@code MDA}): the mean of the subset of
 * {@code n - f} inputs whose largest pairwise Euclidean distance is smallest.
 *
 * <p>Exact search over all {@code C(n, f)} choices of the f inputs to leave out. Each candidate's
 * diameter is found by scanning the pairs in decreasing distance order up to the first pair with
 * both ends kept, so far-away inputs cost little. Ties between subsets of equal diameter go to the
 * subset that is first in lexicographic order of kept indices, as ByzFL's loop over
 * {@code itertools.combinations} does. When {@code C(n, f)} exceeds {@code maxSubsets} the call is
 * rejected with an {@link IllegalArgumentException} naming both numbers.
 *
 * <p>Requires {@code 2f < n}; rejects non-finite inputs. Permutation invariant up to ties,
 * translation equivariant; n copies of x give x. Evidence: weight {@code 1/(n-f)} for kept inputs,
 * the rest excluded; score is the smallest diameter (Euclidean) of any candidate subset that keeps
 * the input, so kept inputs score the chosen diameter and outliers score higher. Cost: the shared distance matrix, a sort of {@code n(n-1)/2} pairs,
 * then up to {@code C(n, f)} candidates, plus one pass to form the mean.
 */
final class MinimumDiameterAveraging extends Rule {

  private final int maxByzantine;
  private final long maxSubsets;

  MinimumDiameterAveraging(int maxByzantine, long maxSubsets) {
    this.maxByzantine = maxByzantine;
    this.maxSubsets = maxSubsets;
  }

  @Override
  Outcome compute(List<float[]> inputs, int d, AggregationContext context) {
    int n = inputs.size();
    int f = maxByzantine;
    Inputs.requireHonestMajority(n, f, name());
    Subsets.requireWithinLimit(n, f, maxSubsets, name());
    double[][] dist = PairwiseDistances.squaredOfFinite(inputs, d, name());
    int[][] pairs = Subsets.pairsByDecreasingDistance(dist);
    double[] scores = new double[n];
    java.util.Arrays.fill(scores, Double.POSITIVE_INFINITY);
    boolean[] best = Subsets.search(n, f, 0.0, out -> {
      double diameter = 0.0;
      for (int[] p : pairs) {
        if (!out[p[0]] && !out[p[1]]) {
          diameter = dist[p[0]][p[1]];
          break;
        }
      }
      Subsets.lowerScores(scores, out, Math.sqrt(diameter));
      return diameter;
    });
    double[] w = Outcome.uniform(n, best);
    return Outcome.weighted(VectorMath.combine(inputs, w, d), w).scores(scores);
  }

  @Override
  public String name() {
    return "mda(limit=" + maxSubsets + ")";
  }
}
