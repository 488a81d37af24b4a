package dev.rampart.aggregation.internal;

/**
 * A per-coordinate reduction of n scalars, applied to a block of columns whose wanted rows (see
 * {@link #rowsRead}) hold what a full sort would put there ({@link SortingNetwork#selectColumns});
 * the other rows hold the column's remaining values in no particular order. Used by the
 * coordinate-wise rules.
 *
 * <p>Implementations are stateless, so one instance can serve several threads at once.
 */
public interface ColumnStatistic {

  /**
   * Reduces each column {@code k < block.len()}, writing its bounds to {@code block.lo()} and
   * {@code block.hi()}.
   *
   * @param block the selected rows (and totals when {@link #readsTotals()})
   * @param out receives the reduced value of column k at {@code out[outOffset + k]}
   * @param outOffset where column 0 goes in {@code out}
   */
  void reduce(ColumnBlock block, float[] out, int outOffset);

  /**
   * Whether {@link #reduce} reads {@link ColumnBlock#totals()}.
   *
   * @return false unless overridden
   */
  default boolean readsTotals() {
    return false;
  }

  /**
   * The ranks (rows of a sorted column) that {@link #reduce} reads; always includes the first and
   * the last row, which the finiteness check reads.
   *
   * @param n rows, at least 1
   * @return distinct row indices in {@code [0, n)}
   */
  int[] rowsRead(int n);

  /**
   * Median: the middle value, or for even n the mean of the two middle values (numpy's convention,
   * which ByzFL inherits for numpy inputs).
   *
   * @return the statistic
   */
  static ColumnStatistic median() {
    return new ColumnStatistics.Median();
  }

  /**
   * Mean of the values of ranks {@code f .. n-f-1} (from 0), that is without the f smallest and f
   * largest; accumulated in double.
   *
   * @param f values trimmed at each end, {@code 2f < n}
   * @return the statistic
   */
  static ColumnStatistic trimmedMean(int f) {
    return new ColumnStatistics.TrimmedMean(f);
  }

  /**
   * Mean around median (Xie et al. 2018): the mean of the {@code n - f} values closest to the
   * median. In a sorted column these form a contiguous window, found by dropping, f times, the end
   * farther from the median; when both ends are equally far the larger value is dropped, so smaller
   * values are kept first.
   *
   * @param f values dropped, {@code 0 <= f < n}
   * @return the statistic
   */
  static ColumnStatistic meanAroundMedian(int f) {
    return new ColumnStatistics.MeanAroundMedian(f);
  }
}
