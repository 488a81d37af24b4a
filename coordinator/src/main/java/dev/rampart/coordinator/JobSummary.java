package dev.rampart.coordinator;

import dev.rampart.protocol.RejectionReason;
import java.time.Duration;
import java.util.Map;

/**
 * Totals of a finished job. Immutable and thread-safe.
 *
 * @param rounds rounds run
 * @param committedRounds rounds that produced a new model version
 * @param acceptedUpdates updates used, over all rounds
 * @param rejectedUpdates messages refused, over all rounds
 * @param rejectionsByReason refusals per reason
 * @param finalModelVersion the last committed version
 * @param finalModelDigestHex SHA-256 of the last committed model
 * @param duration wall time of the whole job
 */
public record JobSummary(
    long rounds,
    long committedRounds,
    long acceptedUpdates,
    long rejectedUpdates,
    Map<RejectionReason, Long> rejectionsByReason,
    long finalModelVersion,
    String finalModelDigestHex,
    Duration duration) {
  /** Copies the map. */
  public JobSummary {
    rejectionsByReason = Map.copyOf(rejectionsByReason);
  }
}
