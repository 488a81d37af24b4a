package dev.rampart.coordinator;

/**
 * Receives the outcome of every secure-aggregation group of every round, on the coordinator's
 * thread, before the round's robust step. Implementations should return quickly; an exception
 * thrown here stops the job.
 */
@FunctionalInterface
public interface SecureGroupListener {
  /** Called once per group and round. */
  void onGroup(SecureGroupResult result);

  /** A listener that ignores everything. */
  static SecureGroupListener none() {
    return result -> { };
  }
}
