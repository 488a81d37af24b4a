package dev.rampart.compression;

/**
 * How many coordinates a sparsifying codec (rand-k, top-k) keeps: a fixed count k, or a ratio of
 * the dimension resolved per vector as k = max(1, round(ratio × d)).
 *
 * <p>Immutable and thread-safe; equal specs are equal objects.
 */
public final class Sparsity {
  private final int count;
  private final double ratio;

  private Sparsity(int count, double ratio) {
    this.count = count;
    this.ratio = ratio;
  }

  /**
   * Keep exactly k coordinates.
   *
   * @param k ≥ 1; compressing a vector of dimension d &lt; k is refused
   */
  public static Sparsity ofCount(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be ≥ 1, but was " + k);
    }
    return new Sparsity(k, Double.NaN);
  }

  /**
   * Keep a fraction of the coordinates.
   *
   * @param ratio in (0, 1]
   */
  public static Sparsity ofRatio(double ratio) {
    if (!(ratio > 0 && ratio <= 1)) {
      throw new IllegalArgumentException("ratio must be in (0, 1], but was " + ratio);
    }
    return new Sparsity(0, ratio);
  }

  /**
   * The number of coordinates k kept from a vector of the given dimension.
   *
   * @param dimension d ≥ 1
   * @return k in [1, d]
   * @throws IllegalArgumentException when a fixed k exceeds d
   */
  public int coordinatesFor(int dimension) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be ≥ 1, but was " + dimension);
    }
    if (count > 0) {
      if (count > dimension) {
        throw new IllegalArgumentException("k=" + count + " exceeds the dimension " + dimension);
      }
      return count;
    }
    long k = Math.round(ratio * dimension);
    return (int) Math.max(1, Math.min(dimension, k));
  }

  /** The spec parameter: {@code "k=1000"} or {@code "ratio=0.1"}. */
  @Override
  public String toString() {
    return count > 0 ? "k=" + count : "ratio=" + ratio;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sparsity other
        && count == other.count
        && Double.compare(ratio, other.ratio) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * count + Double.hashCode(ratio);
  }
}
