package dev.rampart.aggregation;

import dev.rampart.aggregation.internal.Inputs;
import dev.rampart.aggregation.internal.PairwiseDistances;
import dev.rampart.aggregation.internal.VectorMath;
import java.util.List;

/**
 * SMEA, Smallest Maximum Eigenvalue Averaging (Allouah, Guerraoui, Gupta, Pinot and Stephan, "On
 * the privacy-robustness-utility trilemma in distributed learning", ICML 2023; ByzFL {@code SMEA}):
 * the mean of the subset S of {@code n - f} inputs whose empirical covariance
 * {@code (1/|S|) sum_{i in S} (x_i - mu_S)(x_i - mu_S)^T} has the smallest largest eigenvalue.
 *
 * <p>Exact search over all {@code C(n, f)} subsets; each eigenvalue is computed to convergence in
 * the dual space from the shared distance matrix (see {@code Spectral}), whereas ByzFL takes one
 * power step from a random vector. Subsets whose eigenvalues agree to 1e-12 relative count as tied
 * and the one first in lexicographic order of kept indices wins, as in ByzFL's loop. When
 * {@code C(n, f)} exceeds {@code limit} the call is rejected with an
 * {@link IllegalArgumentException}. Requires {@code 2f < n}; rejects non-finite inputs. Permutation
 * invariant up to ties, translation equivariant; n copies of x give x. Evidence: weight
 * {@code 1/(n-f)} on the chosen subset, the rest excluded; score is the smallest top eigenvalue of any candidate subset that keeps the
 * input (squared units of the vectors). Cost: the shared distance
 * matrix, then {@code C(n, f)} eigenvalue computations of O((n-f)^2) per power step.
 */
final class SmallestMaxEigenvalue extends Rule {

  private final int maxByzantine;
  private final long maxSubsets;

  SmallestMaxEigenvalue(int maxByzantine, long maxSubsets) {
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
    int k = n - f;
    double[] scores = new double[n];
    java.util.Arrays.fill(scores, Double.POSITIVE_INFINITY);
    boolean[] best = Subsets.search(n, f, 1e-12, out -> {
      int[] members = new int[k];
      int m = 0;
      for (int i = 0; i < n; i++) {
        if (!out[i]) {
          members[m++] = i;
        }
      }
      double[][] sub = new double[k][k];
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < k; b++) {
          sub[a][b] = dist[members[a]][members[b]];
        }
      }
      double[] w = new double[k];
      java.util.Arrays.fill(w, 1.0 / k);
      double lambda = Spectral.covarianceTop(Spectral.centredGram(sub, w), w).value();
      Subsets.lowerScores(scores, out, lambda);
      return lambda;
    });
    double[] w = Outcome.uniform(n, best);
    return Outcome.weighted(VectorMath.combine(inputs, w, d), w).scores(scores);
  }

  @Override
  public String name() {
    return "smea(limit=" + maxSubsets + ")";
  }
}
