package dev.rampart.coordinator;

/**
 * Receives each round's summary right after the round is committed, on the coordinator's thread.
 * Implementations should return quickly; an exception thrown here stops the job.
 */
@FunctionalInterface
public interface RoundListener {
  /** Called once per round, in round order. */
  void onRound(RoundSummary summary);

  /** A listener that ignores everything. */
  static RoundListener none() {
    return summary -> { };
  }
}
