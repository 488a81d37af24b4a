package dev.rampart.client;

import java.util.Objects;
import java.util.Optional;

/**
 * What a client did during a job. Immutable.
 *
 * @param roundsAnswered rounds for which it sent an update
 * @param roundsSkipped plans it did not answer (deadline passed, not a participant)
 * @param ignoredMessages plans or models it dropped (bad signature, wrong job, bad digest, malformed)
 * @param finished whether it saw the job's final round (false when closed early)
 * @param auditHead the highest audit chain head seen in a verified plan, empty when no plan
 *     carried one
 */
public record ClientRunSummary(long roundsAnswered, long roundsSkipped, long ignoredMessages, boolean finished,
    Optional<AuditAnchor> auditHead) {
  /** Checks that {@code auditHead} is not null. */
  public ClientRunSummary {
    Objects.requireNonNull(auditHead, "auditHead");
  }
}
