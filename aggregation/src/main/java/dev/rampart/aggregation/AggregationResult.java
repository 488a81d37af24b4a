package dev.rampart.aggregation;

import java.util.List;

/**
 * The aggregated vector and one {@link InputEvidence} per original input, in input order.
 *
 * <p>The vector is copied on construction and on every access, so callers can neither change it
 * nor see later changes. Immutable and thread-safe.
 *
 * @param vector the aggregate, dimension of the inputs
 * @param evidence one entry per original input; entry i has index i
 */
public record AggregationResult(float[] vector, List<InputEvidence> evidence) {

  /** Copies the vector and the evidence list; checks that evidence entry i has index i. */
  public AggregationResult {
    if (vector == null) {
      throw new IllegalArgumentException("vector must not be null");
    }
    vector = vector.clone();
    evidence = List.copyOf(evidence);
    for (int i = 0; i < evidence.size(); i++) {
      if (evidence.get(i).index() != i) {
        throw new IllegalArgumentException("evidence entry " + i + " has index " + evidence.get(i).index());
      }
    }
  }

  /**
   * Returns a copy of the aggregate.
   *
   * @return a new array holding the aggregate
   */
  @Override
  public float[] vector() {
    return vector.clone();
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

  // Shares the internal array with the package, never with callers.
  float[] vectorNoCopy() {
    return vector;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AggregationResult r && java.util.Arrays.equals(vector, r.vector)
        && evidence.equals(r.evidence);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(vector) + evidence.hashCode();
  }

  @Override
  public String toString() {
    return "AggregationResult[dimension=" + vector.length + ", evidence=" + evidence + "]";
  }
}
