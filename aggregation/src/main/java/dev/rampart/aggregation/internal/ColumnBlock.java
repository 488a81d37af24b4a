package dev.rampart.aggregation.internal;

/**
 * One block of columns as a {@link ColumnStatistic} reads it: the n rows after the selection, the
 * column totals when the statistic asks for them, and the bounds it writes. Owned by one task; not
 * thread-safe.
 */
public final class ColumnBlock {
  private final float[][] rows;
  private final double[] totals;
  private final float[] lo;
  private final float[] hi;
  private int len;

  /**
   * A block of up to {@code capacity} columns.
   *
   * @param n rows
   * @param capacity most columns held
   * @param withTotals whether to keep column totals
   */
  public ColumnBlock(int n, int capacity, boolean withTotals) {
    rows = new float[n][capacity];
    totals = withTotals ? new double[capacity] : null;
    lo = new float[capacity];
    hi = new float[capacity];
  }

  /**
   * The rows: at the ranks the statistic lists in {@link ColumnStatistic#rowsRead}, column k holds
   * its value of that rank; what the other rows hold is unspecified.
   *
   * @return n rows of at least {@link #len()} values
   */
  public float[][] rows() {
    return rows;
  }

  /**
   * Per column, the sum in double of its n values, added in input order; null unless the
   * statistic {@link ColumnStatistic#readsTotals() reads totals}.
   *
   * @return the totals, or null
   */
  public double[] totals() {
    return totals;
  }

  /**
   * Receives, per column, the smallest value that contributed to the result.
   *
   * @return the lower bounds
   */
  public float[] lo() {
    return lo;
  }

  /**
   * Receives, per column, the largest value that contributed; values strictly outside
   * {@code [lo, hi]} count as trimmed.
   *
   * @return the upper bounds
   */
  public float[] hi() {
    return hi;
  }

  /**
   * Columns in use.
   *
   * @return the count
   */
  public int len() {
    return len;
  }

  void len(int columns) {
    this.len = columns;
  }
}
