package dev.rampart.simulator.grid;

/**
 * What one grid run measured. Immutable.
 *
 * @param cell the settings
 * @param runId the run folder (its audit trail records the seeds and settings)
 * @param finalAccuracy test accuracy of the last model, in [0, 1]; NaN when no round committed
 * @param backdoorSuccess attack success rate on triggered test inputs, NaN unless the attack is a backdoor
 * @param committedRounds rounds whose aggregate was committed
 * @param rejectedUpdates updates the coordinator refused (non-finite vectors among them)
 * @param seconds wall time of the run
 * @param error why the run failed, empty when it did not; {@value #REFUSED} followed by the
 *     reason when the cell's settings were refused (by the coordinator's configuration, or because
 *     coded mode cannot run them)
 */
public record CellResult(GridCell cell, String runId, double finalAccuracy, double backdoorSuccess, long committedRounds,
    long rejectedUpdates, double seconds, String error) {
  /** Prefix of {@link #error()} for a cell whose settings were refused. */
  public static final String REFUSED = "refused: ";

  /**
   * A cell that never ran because its settings were refused (for example a secure-aggregation
   * group size above n/(2f+1)): no accuracy, no rounds.
   *
   * @param reason the refusal's message, which names the values
   */
  public static CellResult refused(GridCell cell, String runId, String reason, double seconds) {
    return new CellResult(cell, runId, Double.NaN, Double.NaN, 0, 0, seconds, REFUSED + reason);
  }

  /** Whether the cell's settings were refused (a finding, not a transient failure). */
  public boolean isRefused() {
    return error.startsWith(REFUSED);
  }

  /** Whether the run failed for another reason than a refusal. */
  public boolean isFailed() {
    return !error.isEmpty() && !isRefused();
  }
}
