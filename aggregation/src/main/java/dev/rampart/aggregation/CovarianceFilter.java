package dev.rampart.aggregation;

import dev.rampart.aggregation.internal.Inputs;
import dev.rampart.aggregation.internal.PairwiseDistances;
import dev.rampart.aggregation.internal.VectorMath;
import java.util.List;

/**
 * CAF, the Covariance-bound Agnostic Filter (Allouah, Guerraoui and Stephan, "Towards trustworthy
 * federated learning with untrusted participants", ICML 2025; ByzFL {@code CAF}).
 *
 * <p>With weights {@code c_i = 1}, while {@code sum c > n - 2f}: take the weighted mean
 * {@code mu_c}, the top eigenvalue {@code lambda} and unit eigenvector v of the weighted covariance
 * {@code sum c_i (x_i - mu_c)(x_i - mu_c)^T / sum c}, the projections
 * {@code tau_i = ((x_i - mu_c).v)^2} of all n inputs, and update {@code c_i *= 1 - tau_i / max tau}.
 * The output is the {@code mu_c} whose lambda was smallest (the first one on ties).
 *
 * <p>Difference from ByzFL: ByzFL estimates lambda and v with one power step from a random vector
 * in d dimensions, so its output is random; here they are computed to convergence in the
 * n-dimensional dual space (see {@code Spectral}) from the shared distance matrix: deterministic,
 * iterated until the eigenvalue estimate changes by less than 1e-13 relative, and O(n^2) per power
 * step instead of O(nd). When every weighted
 * input coincides with {@code mu_c} (lambda = 0) the loop stops. The loop is capped at 100n steps
 * in case weights only decay geometrically. Requires {@code 2f < n}; rejects non-finite inputs.
 * Permutation invariant and translation equivariant; n copies of x give x. Evidence: weight is the
 * input's coefficient in the returned mean; score is its filter weight {@code c_i} in [0, 1] when the
 * loop ended. Cost: the shared distance matrix, then O(n^2) per power step within each filter step
 * (at most 100n filter steps), and one pass to form the output.
 */
final class CovarianceFilter extends Rule {

  private final int maxByzantine;

  CovarianceFilter(int maxByzantine) {
    this.maxByzantine = maxByzantine;
  }

  @Override
  Outcome compute(List<float[]> inputs, int d, AggregationContext context) {
    int n = inputs.size();
    Inputs.requireHonestMajority(n, maxByzantine, name());
    double[][] dist = PairwiseDistances.squaredOfFinite(inputs, d, name());
    double[] c = new double[n];
    java.util.Arrays.fill(c, 1.0);
    double total = n;
    double bestLambda = Double.POSITIVE_INFINITY;
    double[] best = null;
    for (int step = 0; step < 100 * n && total > n - 2 * maxByzantine; step++) {
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        w[i] = c[i] / total;
      }
      double[][] gram = Spectral.centredGram(dist, w);
      Spectral.Top top = Spectral.covarianceTop(gram, w);
      if (top.value() < bestLambda) {
        bestLambda = top.value();
        best = w;
      }
      double[] tau = projections(gram, w, top);
      double tauMax = 0;
      for (double t : tau) {
        tauMax = Math.max(tauMax, t);
      }
      if (!(tauMax > 0)) {
        break;
      }
      total = 0;
      for (int i = 0; i < n; i++) {
        c[i] *= Math.max(0.0, 1.0 - tau[i] / tauMax);
        total += c[i];
      }
    }
    return Outcome.weighted(VectorMath.combine(inputs, best, d), best).scores(c);
  }

  // (x_j - mu).v with v = sum_i sqrt(w_i) u_i (x_i - mu) / sqrt(lambda), so the projection is
  // (K W^(1/2) u)_j / sqrt(lambda); the common factor cancels in tau / max tau but is kept exact.
  private static double[] projections(double[][] gram, double[] w, Spectral.Top top) {
    int n = w.length;
    double[] su = new double[n];
    for (int i = 0; i < n; i++) {
      su[i] = Math.sqrt(Math.max(0.0, w[i])) * top.vector()[i];
    }
    double scale = top.value() > 0 ? 1.0 / Math.sqrt(top.value()) : 0.0;
    double[] tau = new double[n];
    for (int j = 0; j < n; j++) {
      double p = 0;
      for (int i = 0; i < n; i++) {
        p += gram[j][i] * su[i];
      }
      p *= scale;
      tau[j] = p * p;
    }
    return tau;
  }

  @Override
  public String name() {
    return "caf";
  }
}
