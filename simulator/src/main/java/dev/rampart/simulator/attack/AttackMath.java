package dev.rampart.simulator.attack;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The vector attacks as pure functions of the vectors the attacker sees. Each method states its
 * formula; {@code H} is the list of honest vectors (h_1..h_m, all of dimension d), {@code μ} their
 * coordinate-wise mean and {@code σ} their coordinate-wise sample standard deviation
 * ({@code σ_j = sqrt(Σ_i (h_ij − μ_j)² / (m − 1))}, 0 when m = 1). Cost O(m·d). Arguments are
 * never modified; results are fresh arrays.
 *
 * <p>Stateless and thread-safe.
 */
public final class AttackMath {
  private AttackMath() {}

  /** Sign flipping: {@code −g}. */
  public static float[] signFlip(float[] g) {
    return scale(g, -1);
  }

  /** Scaled update / model replacement: {@code s·g}. */
  public static float[] scale(float[] g, double factor) {
    float[] out = new float[g.length];
    for (int j = 0; j < g.length; j++) {
      out[j] = (float) (factor * g[j]);
    }
    return out;
  }

  /**
   * Inner-product manipulation, "fall of empires" (Xie, Koyejo, Gupta, UAI 2019):
   * {@code −ε·μ}, which makes the inner product of the aggregate with the true gradient negative
   * when ε is large enough to survive the defence.
   */
  public static float[] innerProductManipulation(List<float[]> honest, double epsilon) {
    return scale(mean(honest), -epsilon);
  }

  /**
   * A little is enough (Baruch, Baruch, Goldberg, NeurIPS 2019): {@code μ + z·σ}. On
   * H = [[1,2,3],[4,5,6],[7,8,9]], μ = [4,5,6], σ = [3,3,3] and z = 1.5 give [8.5, 9.5, 10.5].
   */
  public static float[] littleIsEnough(List<float[]> honest, double z) {
    float[] mu = mean(honest);
    float[] sd = standardDeviation(honest, mu);
    float[] out = new float[mu.length];
    for (int j = 0; j < mu.length; j++) {
      out[j] = (float) (mu[j] + z * sd[j]);
    }
    return out;
  }

  /**
   * The z of ALIE when none is given, following Baruch et al.: the attackers need
   * {@code s = ⌊n/2 + 1⌋ − f} honest workers on their side, and z is the largest value with
   * {@code Φ(z) < (n − s)/n}, i.e. {@code z = Φ⁻¹((n − s)/n)}. Example: n = 10, f = 2 gives
   * s = 4 and z = Φ⁻¹(0.6) ≈ 0.2533.
   *
   * @param n all clients, at least 2
   * @param f Byzantine clients, in [1, n)
   */
  public static double alieZ(int n, int f) {
    if (n < 2 || f < 1 || f >= n) {
      throw new IllegalArgumentException("ALIE's z needs n >= 2 and 1 <= f < n, but n=" + n + ", f=" + f);
    }
    int s = n / 2 + 1 - f;
    double p = (double) (n - s) / n;
    return Normal.inverseCdf(Math.min(Math.max(p, 1e-9), 1 - 1e-9));
  }

  /** Mimic (Karimireddy, He, Jaggi, ICLR 2022): a copy of honest vector number {@code index}. */
  public static float[] mimic(List<float[]> honest, int index) {
    if (index < 0 || index >= honest.size()) {
      throw new IllegalArgumentException("mimic target must be in [0, " + honest.size() + "), but target=" + index);
    }
    return honest.get(index).clone();
  }

  /** Gaussian: a fresh vector of independent N(0, σ²) coordinates, ignoring the honest update. */
  public static float[] gaussian(int dimension, double sigma, RandomGenerator random) {
    return gaussian(dimension, 0, sigma, random);
  }

  /**
   * Gaussian with a mean (ByzFL's {@code Gaussian(mu, sigma)}): a fresh vector whose coordinates
   * are independent draws μ + σ·Z, Z ~ N(0, 1), i.e. N(μ, σ²), ignoring the honest update. With
   * μ = 0 it draws exactly what {@link #gaussian(int, double, RandomGenerator)} draws.
   *
   * @param dimension coordinates d, at least 0
   * @param mu mean μ of every coordinate
   * @param sigma standard deviation σ
   * @param random the source of the draws (one {@code nextGaussian()} per coordinate)
   */
  public static float[] gaussian(int dimension, double mu, double sigma, RandomGenerator random) {
    float[] out = new float[dimension];
    for (int j = 0; j < dimension; j++) {
      out[j] = (float) (mu + sigma * random.nextGaussian());
    }
    return out;
  }

  /** A vector whose every coordinate is {@code value} (used for the Inf and NaN attacks). */
  public static float[] filled(int dimension, float value) {
    float[] out = new float[dimension];
    Arrays.fill(out, value);
    return out;
  }

  /** Coordinate-wise mean μ of a non-empty list of equal-length vectors. */
  public static float[] mean(List<float[]> vectors) {
    if (vectors.isEmpty()) {
      throw new IllegalArgumentException("need at least one vector, but got none");
    }
    int d = vectors.get(0).length;
    double[] sum = new double[d];
    for (float[] v : vectors) {
      if (v.length != d) {
        throw new IllegalArgumentException("all vectors need dimension " + d + ", but one has " + v.length);
      }
      for (int j = 0; j < d; j++) {
        sum[j] += v[j];
      }
    }
    float[] out = new float[d];
    for (int j = 0; j < d; j++) {
      out[j] = (float) (sum[j] / vectors.size());
    }
    return out;
  }

  /** Coordinate-wise sample standard deviation (divisor m − 1; zeros when m = 1). */
  public static float[] standardDeviation(List<float[]> vectors, float[] mean) {
    int d = mean.length;
    float[] out = new float[d];
    if (vectors.size() < 2) {
      return out;
    }
    for (int j = 0; j < d; j++) {
      double s = 0;
      for (float[] v : vectors) {
        double dev = v[j] - mean[j];
        s += dev * dev;
      }
      out[j] = (float) Math.sqrt(s / (vectors.size() - 1));
    }
    return out;
  }

  /** Euclidean distance ‖a − b‖₂. */
  public static double distance(float[] a, float[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double t = (double) a[j] - b[j];
      s += t * t;
    }
    return Math.sqrt(s);
  }

  private static final class Normal {
    /** Acklam's rational approximation of Φ⁻¹ (relative error below 1.2e-9), p in (0, 1). */
    static double inverseCdf(double p) {
      double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
          1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
      double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
          6.680131188771972e+01, -1.328068155288572e+01};
      double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
          -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
      double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
      double low = 0.02425;
      if (p < low) {
        double q = Math.sqrt(-2 * Math.log(p));
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
            / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
      }
      if (p > 1 - low) {
        double q = Math.sqrt(-2 * Math.log(1 - p));
        return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
            / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
      }
      double q = p - 0.5;
      double r = q * q;
      return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
          / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
  }
}
