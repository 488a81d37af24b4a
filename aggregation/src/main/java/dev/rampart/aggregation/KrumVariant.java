package dev.rampart.aggregation;

/**
 * Neighbour count used by Krum-type scores (Krum, Multi-Krum, Bulyan's selection).
 *
 * <p>Thread-safe: an enum.
 */
public enum KrumVariant {
  /** {@code n - f - 1} nearest neighbours, ByzFL's convention; requires {@code 2f < n}. */
  BYZFL("byzfl"),
  /** {@code n - f - 2} nearest neighbours, as in Blanchard et al. 2017; requires {@code n >= 2f + 3}. */
  BLANCHARD("blanchard");

  private final String specName;

  KrumVariant(String specName) {
    this.specName = specName;
  }

  /**
   * The value used in pipeline specs.
   *
   * @return {@code byzfl} or {@code blanchard}
   */
  public String specName() {
    return specName;
  }
}
