package dev.rampart.coordinator.internal;

import dev.rampart.audit.ModelRef;
import java.util.Optional;

/**
 * Where a coordinator restarted on an existing run directory picks up, read from its audit trail
 * and model store.
 *
 * @param head the model version training continues from (the last commit, or the target of a
 *     later rollback); empty for a fresh run
 * @param lastCommittedRound the highest round whose aggregate was committed (0 when none)
 * @param rolledBack whether the head comes from a rollback recorded after the last commit
 */
public record ResumePoint(Optional<ModelRef> head, long lastCommittedRound, boolean rolledBack) {
  /** A run directory with no history. */
  public static ResumePoint fresh() {
    return new ResumePoint(Optional.empty(), 0, false);
  }

  /** Whether there is history to resume from. */
  public boolean resuming() {
    return head.isPresent();
  }
}
