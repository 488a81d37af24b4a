package dev.rampart.aggregation;

import java.util.Arrays;
import java.util.List;

/**
 * The aggregated vector and one {@link InputEvidence} per original input, in input order.
 *
 * <p>The vector is copied on construction and on every access through {@link #vector()}, so
 * callers can neither change it nor see later changes ({@link #releaseVector()} is the one way to
 * the array itself). Immutable and thread-safe as long as the released array is not written.
 */
public final class AggregationResult {
  private final float[] vector;
  private final List<InputEvidence> evidence;

  /**
   * Copies the vector and the evidence list; checks that evidence entry i has index i.
   *
   * @param vector the aggregate, dimension of the inputs
   * @param evidence one entry per original input; entry i has index i
   */
  public AggregationResult(float[] vector, List<InputEvidence> evidence) {
    this(evidence, copyOf(vector));
  }

  private AggregationResult(List<InputEvidence> evidence, float[] owned) {
    this.vector = owned;
    this.evidence = List.copyOf(evidence);
    for (int i = 0; i < this.evidence.size(); i++) {
      if (this.evidence.get(i).index() != i) {
        throw new IllegalArgumentException("evidence entry " + i + " has index " + this.evidence.get(i).index());
      }
    }
  }

  /** A result that takes {@code owned} over instead of copying it: for a rule's own fresh output array. */
  static AggregationResult owning(float[] owned, List<InputEvidence> evidence) {
    if (owned == null) {
      throw new IllegalArgumentException("vector must not be null");
    }
    return new AggregationResult(evidence, owned);
  }

  private static float[] copyOf(float[] vector) {
    if (vector == null) {
      throw new IllegalArgumentException("vector must not be null");
    }
    return vector.clone();
  }

  /**
   * The evidence, one entry per original input in input order.
   *
   * @return an unmodifiable list
   */
  public List<InputEvidence> evidence() {
    return evidence;
  }

  /**
   * Returns a copy of the aggregate.
   *
   * @return a new array holding the aggregate
   */
  public float[] vector() {
    return vector.clone();
  }

  /**
   * The aggregate itself rather than a copy, for a caller that takes the result over and reads
   * nothing of it through {@link #vector()} afterwards: at a large dimension this saves one
   * vector-sized array. Writing to the returned array changes what {@link #vector()} returns.
   *
   * @return the array holding the aggregate
   */
  public float[] releaseVector() {
    return vector;
  }

  /**
   * Dimension of the aggregate.
   *
   * @return the vector length
   */
  public int dimension() {
    return vector.length;
  }

  /**
   * Reads one coordinate without copying the vector.
   *
   * @param coordinate index in {@code [0, dimension())}
   * @return the value
   */
  public float get(int coordinate) {
    return vector[coordinate];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AggregationResult r && Arrays.equals(vector, r.vector)
        && evidence.equals(r.evidence);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(vector) + evidence.hashCode();
  }

  @Override
  public String toString() {
    return "AggregationResult[dimension=" + vector.length + ", evidence=" + evidence + "]";
  }
}
