package dev.rampart.experiments.lad;

import java.util.List;

/**
 * What the f Byzantine workers send in the LAD experiment. Both attacks are omniscient: they see
 * every honest vector of the round (after compression, for Com-LAD) and all f Byzantine workers
 * send the same vector. Immutable and thread-safe.
 */
public enum Attack {
  /** No attack: Byzantine workers behave honestly (used for the f = 0 reference). */
  NONE,
  /** Sign flipping as in ByzFL: every Byzantine worker sends −(1/|H|)·Σ_{i∈H} v_i. */
  SIGN_FLIP,
  /**
   * "A Little Is Enough" (Baruch, Baruch and Goldberg, NeurIPS 2019): per coordinate j, μ_j −
   * z·σ_j with μ and σ the mean and unbiased standard deviation (divisor |H| − 1) of the honest
   * vectors, and z = Φ⁻¹((n − s)/n) with s = ⌊n/2 + 1⌋ − f, the paper's z_max. For n = 100, f = 10,
   * z ≈ 0.228.
   */
  ALIE;

  /**
   * ALIE's z_max for n workers of which f are Byzantine.
   *
   * @param n total workers
   * @param f Byzantine workers, 0 ≤ f &lt; n/2
   * @return Φ⁻¹((n − s)/n), s = ⌊n/2 + 1⌋ − f
   */
  public static double alieZ(int n, int f) {
    int s = n / 2 + 1 - f;
    return Normal.inverseCdf((double) (n - s) / n);
  }

  /**
   * The vector every Byzantine worker sends this round.
   *
   * @param honest the honest vectors of the round, at least two
   * @param n total workers
   * @param f Byzantine workers
   * @return a new vector; for {@link #NONE}, the honest mean (callers send honest vectors instead)
   */
  public float[] craft(List<float[]> honest, int n, int f) {
    int dim = honest.get(0).length;
    double[] mean = new double[dim];
    for (float[] v : honest) {
      for (int j = 0; j < dim; j++) {
        mean[j] += v[j];
      }
    }
    for (int j = 0; j < dim; j++) {
      mean[j] /= honest.size();
    }
    float[] out = new float[dim];
    switch (this) {
      case NONE -> copy(mean, out, 1);
      case SIGN_FLIP -> copy(mean, out, -1);
      case ALIE -> {
        double z = alieZ(n, f);
        for (int j = 0; j < dim; j++) {
          double var = 0;
          for (float[] v : honest) {
            var += (v[j] - mean[j]) * (v[j] - mean[j]);
          }
          out[j] = (float) (mean[j] - z * Math.sqrt(var / (honest.size() - 1)));
        }
      }
      default -> throw new AssertionError(this);
    }
    return out;
  }

  private static void copy(double[] from, float[] to, double sign) {
    for (int j = 0; j < to.length; j++) {
      to[j] = (float) (sign * from[j]);
    }
  }
}
