package dev.rampart.aggregation;

/**
 * Covariance spectra computed in the n-dimensional dual space from the squared-distance matrix, so
 * CAF and SMEA never form a d-by-d matrix or touch the inputs again.
 *
 * <p>For weights {@code w} summing to 1 and mean {@code mu = sum w_i x_i}, the centred Gram matrix is
 * {@code K_ij = (x_i - mu).(x_j - mu) = -1/2 (D_ij - a_i - a_j + b)} with {@code a_i = sum_k w_k D_ik}
 * and {@code b = sum_k w_k a_k} (classical multidimensional scaling). The weighted covariance
 * {@code sum_i w_i (x_i - mu)(x_i - mu)^T} has the same non-zero eigenvalues as
 * {@code M = W^(1/2) K W^(1/2)}. The largest is found by power iteration on M, started from the
 * column of M with the largest diagonal entry, until the Rayleigh quotient changes by less than
 * 1e-13 relative or after 1000 steps. Thread-safe: no state.
 */
final class Spectral {

  private static final int MAX_STEPS = 1000;
  private static final double TOLERANCE = 1e-13;

  private Spectral() {}

  /** Top eigenvalue and unit eigenvector of a symmetric positive semi-definite matrix. */
  record Top(double value, double[] vector) {}

  /** Centred Gram matrix for the given weights (which sum to 1) over the members with weight > 0 or all. */
  static double[][] centredGram(double[][] dist, double[] w) {
    int n = w.length;
    double[] a = new double[n];
    double b = 0;
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int k = 0; k < n; k++) {
        s += w[k] * dist[i][k];
      }
      a[i] = s;
    }
    for (int k = 0; k < n; k++) {
      b += w[k] * a[k];
    }
    double[][] g = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        g[i][j] = -0.5 * (dist[i][j] - a[i] - a[j] + b);
      }
    }
    return g;
  }

  /** Largest eigenvalue of the weighted covariance, with the dual eigenvector of {@code M}. */
  static Top covarianceTop(double[][] gram, double[] w) {
    int n = w.length;
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = Math.sqrt(Math.max(0.0, w[i]));
    }
    double[][] m = new double[n][n];
    int start = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = s[i] * gram[i][j] * s[j];
      }
      if (m[i][i] > m[start][start]) {
        start = i;
      }
    }
    return top(m, start);
  }

  static Top top(double[][] m, int start) {
    int n = m.length;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = m[i][start];
    }
    double norm = norm(v);
    if (!(norm > 0)) {
      return new Top(0.0, v);
    }
    scale(v, 1 / norm);
    double lambda = 0;
    double[] next = new double[n];
    for (int step = 0; step < MAX_STEPS; step++) {
      multiply(m, v, next);
      double rayleigh = dot(v, next);
      double nn = norm(next);
      if (!(nn > 0)) {
        return new Top(0.0, v);
      }
      for (int i = 0; i < n; i++) {
        v[i] = next[i] / nn;
      }
      boolean converged = Math.abs(rayleigh - lambda) <= TOLERANCE * Math.abs(rayleigh);
      lambda = rayleigh;
      if (converged) {
        break;
      }
    }
    return new Top(Math.max(0.0, lambda), v);
  }

  private static void multiply(double[][] m, double[] v, double[] out) {
    for (int i = 0; i < m.length; i++) {
      out[i] = dot(m[i], v);
    }
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double norm(double[] v) {
    return Math.sqrt(dot(v, v));
  }

  private static void scale(double[] v, double c) {
    for (int i = 0; i < v.length; i++) {
      v[i] *= c;
    }
  }
}
