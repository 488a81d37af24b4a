package dev.rampart.aggregation;

/**
 * Static factories for the built-in {@link Aggregator}s. Every returned instance is immutable and
 * thread-safe. Parameters are validated here; the input-dependent checks (such as {@code 2f < n})
 * happen at aggregation time because n is only known then.
 *
 * <p>{@code maxByzantine} (f) is the declared maximum number of Byzantine inputs, at least 0.
 * The class itself is stateless and thread-safe.
 */
public final class Aggregators {

  /** ByzFL's default smoothing for the geometric median. */
  public static final double DEFAULT_GM_NU = 0.1;
  /** ByzFL's default Weiszfeld iteration count. */
  public static final int DEFAULT_GM_ITERATIONS = 3;
  /** ByzFL's default Centered Clipping radius. */
  public static final double DEFAULT_CC_TAU = 100.0;
  /** ByzFL's default Centered Clipping iteration count. */
  public static final int DEFAULT_CC_ITERATIONS = 1;
  /** Default cap on the subsets an exhaustive search (MDA, SMEA) may visit. */
  public static final long DEFAULT_MAX_SUBSETS = 1_000_000L;

  private Aggregators() {}

  /**
   * Arithmetic mean; not robust.
   *
   * @return the rule {@code average}
   */
  public static Aggregator average() {
    return new Average();
  }

  /**
   * Coordinate-wise median.
   *
   * @return the rule {@code median}
   */
  public static Aggregator median() {
    return new CoordinateRule(CoordinateRule.Kind.MEDIAN, 0);
  }

  /**
   * Coordinate-wise trimmed mean, dropping f values at each end.
   *
   * @param maxByzantine f >= 0
   * @return the rule {@code trmean}
   */
  public static Aggregator trimmedMean(int maxByzantine) {
    return new CoordinateRule(CoordinateRule.Kind.TRIMMED_MEAN, requireF(maxByzantine));
  }

  /**
   * Coordinate-wise mean of the {@code n - f} values closest to the median.
   *
   * @param maxByzantine f >= 0
   * @return the rule {@code meamed}
   */
  public static Aggregator meamed(int maxByzantine) {
    return new CoordinateRule(CoordinateRule.Kind.MEAMED, requireF(maxByzantine));
  }

  /**
   * Geometric median with ByzFL's defaults {@code nu = 0.1}, 3 iterations.
   *
   * @return the rule {@code gm(nu=0.1, iterations=3)}
   */
  public static Aggregator geometricMedian() {
    return geometricMedian(DEFAULT_GM_NU, DEFAULT_GM_ITERATIONS);
  }

  /**
   * Geometric median by the smoothed Weiszfeld algorithm started at 0.
   *
   * @param nu smoothing, finite and > 0 (same unit as the vectors' norm)
   * @param iterations Weiszfeld steps, >= 1
   * @return the rule {@code gm(nu=..., iterations=...)}
   */
  public static Aggregator geometricMedian(double nu, int iterations) {
    requirePositive("nu", nu);
    requireAtLeast("iterations", iterations, 1);
    return new GeometricMedian(nu, iterations);
  }

  /**
   * Krum with ByzFL's {@code n - f - 1} neighbours.
   *
   * @param maxByzantine f >= 0
   * @return the rule {@code krum(variant=byzfl)}
   */
  public static Aggregator krum(int maxByzantine) {
    return krum(maxByzantine, KrumVariant.BYZFL);
  }

  /**
   * Krum with the given neighbour convention.
   *
   * @param maxByzantine f >= 0
   * @param variant neighbour count convention
   * @return the rule {@code krum(variant=...)}
   */
  public static Aggregator krum(int maxByzantine, KrumVariant variant) {
    return new Krum(requireF(maxByzantine), java.util.Objects.requireNonNull(variant, "variant"), false, 1);
  }

  /**
   * Multi-Krum averaging the {@code n - f} best-scored inputs, ByzFL's neighbour convention.
   *
   * @param maxByzantine f >= 0
   * @return the rule {@code multikrum(variant=byzfl)}
   */
  public static Aggregator multiKrum(int maxByzantine) {
    return multiKrum(maxByzantine, KrumVariant.BYZFL);
  }

  /**
   * Multi-Krum averaging the {@code n - f} best-scored inputs.
   *
   * @param maxByzantine f >= 0
   * @param variant neighbour count convention
   * @return the rule {@code multikrum(variant=...)}
   */
  public static Aggregator multiKrum(int maxByzantine, KrumVariant variant) {
    return new Krum(requireF(maxByzantine), java.util.Objects.requireNonNull(variant, "variant"), true, 0);
  }

  /**
   * Multi-Krum averaging a fixed number of best-scored inputs.
   *
   * @param maxByzantine f >= 0
   * @param variant neighbour count convention
   * @param selectCount m >= 1 inputs to average, at most n at aggregation time
   * @return the rule {@code multikrum(variant=..., m=...)}
   */
  public static Aggregator multiKrum(int maxByzantine, KrumVariant variant, int selectCount) {
    requireAtLeast("m", selectCount, 1);
    return new Krum(requireF(maxByzantine), java.util.Objects.requireNonNull(variant, "variant"), true, selectCount);
  }

  /**
   * Minimum-Diameter Averaging with the default search limit of {@value #DEFAULT_MAX_SUBSETS} subsets.
   *
   * @param maxByzantine f >= 0
   * @return the rule {@code mda(limit=1000000)}
   */
  public static Aggregator mda(int maxByzantine) {
    return mda(maxByzantine, DEFAULT_MAX_SUBSETS);
  }

  /**
   * Minimum-Diameter Averaging by exact search.
   *
   * @param maxByzantine f >= 0
   * @param maxSubsets largest {@code C(n, f)} accepted, >= 1
   * @return the rule {@code mda(limit=...)}
   */
  public static Aggregator mda(int maxByzantine, long maxSubsets) {
    requireAtLeast("limit", maxSubsets, 1);
    return new MinimumDiameterAveraging(requireF(maxByzantine), maxSubsets);
  }

  /**
   * MoNNA: mean of the {@code n - f} inputs nearest to the trusted input.
   *
   * @param maxByzantine f >= 0
   * @param trustedIndex position of the trusted input, >= 0 and below n at aggregation time
   * @return the rule {@code monna(idx=...)}
   */
  public static Aggregator monna(int maxByzantine, int trustedIndex) {
    requireAtLeast("idx", trustedIndex, 0);
    return new Monna(requireF(maxByzantine), trustedIndex);
  }

  /**
   * Centered Clipping with ByzFL's defaults {@code tau = 100}, one iteration.
   *
   * @return the rule {@code cc(tau=100.0, iterations=1)}
   */
  public static Aggregator centeredClipping() {
    return centeredClipping(DEFAULT_CC_TAU, DEFAULT_CC_ITERATIONS);
  }

  /**
   * Centered Clipping around the previous aggregate held by the context.
   *
   * @param tau clipping radius, finite and > 0 (same unit as the vectors' norm)
   * @param iterations clipping steps, >= 1
   * @return the rule {@code cc(tau=..., iterations=...)}
   */
  public static Aggregator centeredClipping(double tau, int iterations) {
    requirePositive("tau", tau);
    requireAtLeast("iterations", iterations, 1);
    return new CenteredClipping(tau, iterations);
  }

  /**
   * Bulyan over Krum selection; requires {@code n >= 4f + 3}.
   *
   * @param maxByzantine f >= 0
   * @return the rule {@code bulyan}
   */
  public static Aggregator bulyan(int maxByzantine) {
    return new Bulyan(requireF(maxByzantine));
  }

  /**
   * CAF, the covariance-bound agnostic filter.
   *
   * @param maxByzantine f >= 0
   * @return the rule {@code caf}
   */
  public static Aggregator caf(int maxByzantine) {
    return new CovarianceFilter(requireF(maxByzantine));
  }

  /**
   * SMEA with the default search limit.
   *
   * @param maxByzantine f >= 0
   * @return the rule {@code smea(limit=1000000)}
   */
  public static Aggregator smea(int maxByzantine) {
    return smea(maxByzantine, DEFAULT_MAX_SUBSETS);
  }

  /**
   * SMEA by exact search.
   *
   * @param maxByzantine f >= 0
   * @param maxSubsets largest {@code C(n, f)} accepted, >= 1
   * @return the rule {@code smea(limit=...)}
   */
  public static Aggregator smea(int maxByzantine, long maxSubsets) {
    requireAtLeast("limit", maxSubsets, 1);
    return new SmallestMaxEigenvalue(requireF(maxByzantine), maxSubsets);
  }

  static int requireF(int maxByzantine) {
    if (maxByzantine < 0) {
      throw new IllegalArgumentException("maxByzantine must be >= 0, but maxByzantine=" + maxByzantine);
    }
    return maxByzantine;
  }

  static void requirePositive(String name, double value) {
    if (!(value > 0.0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and > 0, but " + name + "=" + value);
    }
  }

  static void requireAtLeast(String name, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", but " + name + "=" + value);
    }
  }
}
