package dev.rampart.experiments.lad;

/**
 * The standard normal distribution function and its inverse, enough for ALIE's z. Φ(x) =
 * ½ + φ(x)·Σ_{m≥0} x^{2m+1}/(1·3·5···(2m+1)) (Marsaglia, "Evaluating the Normal Distribution",
 * J. Stat. Software 11(4), 2004), accurate to about 1e-15 for |x| ≤ 8; the inverse is bisection on
 * it. Stateless and thread-safe.
 */
final class Normal {

  private Normal() {}

  /** Φ(x) for finite x; saturates to 0 or 1 beyond |x| &gt; 8. */
  static double cdf(double x) {
    if (x < -8) {
      return 0;
    }
    if (x > 8) {
      return 1;
    }
    double term = x;
    double sum = x;
    for (int m = 1; m < 500 && Math.abs(term) > 1e-17 * Math.abs(sum); m++) {
      term *= x * x / (2 * m + 1);
      sum += term;
    }
    return 0.5 + sum * Math.exp(-0.5 * x * x - 0.91893853320467274178);
  }

  /** Φ⁻¹(p) for p in (0, 1), to within 1e-12. */
  static double inverseCdf(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("p must be in (0, 1), but was " + p);
    }
    double lo = -8;
    double hi = 8;
    while (hi - lo > 1e-12) {
      double mid = 0.5 * (lo + hi);
      if (cdf(mid) < p) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }
}
