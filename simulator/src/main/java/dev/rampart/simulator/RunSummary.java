package dev.rampart.simulator;

import java.util.List;
import java.util.Map;

/**
 * The machine-readable result of a simulated run, written as {@code runs/<run-id>/summary.json}.
 * Immutable.
 *
 * @param runId the run's id, also its folder name
 * @param rounds rounds run
 * @param finalTestAccuracy accuracy of the last model on the held-out test split
 * @param finalTrainLoss the clients' mean training loss reported in the last round; NaN (written
 *     as the string {@code "NaN"}) when unknown, which it always is under secure aggregation
 * @param acceptedUpdates updates used over all rounds
 * @param rejectedUpdates messages refused over all rounds
 * @param durationSeconds wall time of the job, broker start excluded
 * @param rejectionsByReason refusals per reason
 * @param perRound one entry per round
 */
public record RunSummary(
    String runId,
    long rounds,
    double finalTestAccuracy,
    double finalTrainLoss,
    long acceptedUpdates,
    long rejectedUpdates,
    @com.fasterxml.jackson.annotation.JsonProperty("duration_s") double durationSeconds,
    Map<String, Long> rejectionsByReason,
    List<RoundLine> perRound) {

  /**
   * One round of the run.
   *
   * @param suspected clients the aggregation excluded or down-weighted
   */
  public record RoundLine(long round, double trainLoss, double testAccuracy, int accepted, int rejected,
      double seconds, String modelDigest, List<String> suspected) {}
}
