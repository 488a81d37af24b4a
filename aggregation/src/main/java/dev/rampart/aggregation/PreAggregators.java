package dev.rampart.aggregation;

/**
 * Static factories for the built-in {@link PreAggregator}s. Every returned instance is immutable
 * and thread-safe; the class itself is stateless.
 */
public final class PreAggregators {

  /** ByzFL's default static clipping threshold. */
  public static final double DEFAULT_CLIP_THRESHOLD = 2.0;

  private PreAggregators() {}

  /**
   * Nearest Neighbor Mixing: each input replaced by the mean of its {@code n - f} nearest inputs.
   *
   * @param maxByzantine f >= 0
   * @return the step {@code nnm}
   */
  public static PreAggregator nearestNeighborMixing(int maxByzantine) {
    return new NearestNeighborMixing(Aggregators.requireF(maxByzantine));
  }

  /**
   * Bucketing: inputs shuffled with the context's generator and averaged in buckets of s.
   *
   * @param bucketSize s >= 1
   * @return the step {@code bucketing(s=...)}
   */
  public static PreAggregator bucketing(int bucketSize) {
    Aggregators.requireAtLeast("s", bucketSize, 1);
    return new Bucketing(bucketSize);
  }

  /**
   * Static clipping of each input's Euclidean norm to at most {@code threshold}.
   *
   * @param threshold c, finite and > 0
   * @return the step {@code clip(c=...)}
   */
  public static PreAggregator clipping(double threshold) {
    Aggregators.requirePositive("c", threshold);
    return Clipping.fixed(threshold);
  }

  /**
   * Adaptive Robust Clipping: the {@code floor(2f(n-f)/n)} largest inputs clipped to the next norm.
   *
   * @param maxByzantine f >= 0
   * @return the step {@code arc}
   */
  public static PreAggregator adaptiveRobustClipping(int maxByzantine) {
    return Clipping.adaptive(Aggregators.requireF(maxByzantine));
  }
}
