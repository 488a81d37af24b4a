package dev.rampart.aggregation.internal;

/**
 * A per-coordinate reduction of n scalars, as used by coordinate-wise rules (median, trimmed mean,
 * mean around median).
 *
 * <p>Implementations must be stateless so one instance can serve several threads at once.
 */
public interface ColumnStatistic {

  /**
   * Reduces one column of n values.
   *
   * @param column buffer holding the values at {@code [offset, offset + n)}; may be reordered
   * @param offset start of the column in the buffer
   * @param n number of values, at least 1
   * @param scratch a work array of at least {@code 2n} doubles
   * @param kept receives the smallest ({@code kept[0]}) and largest ({@code kept[1]}) value that
   *     contributed to the result; values outside that interval count as trimmed
   * @return the reduced value
   */
  float reduce(float[] column, int offset, int n, double[] scratch, float[] kept);
}
