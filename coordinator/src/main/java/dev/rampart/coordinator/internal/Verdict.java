package dev.rampart.coordinator.internal;

import dev.rampart.coordinator.Rejection;

/** Outcome of verifying one envelope against the open round. */
public sealed interface Verdict {
  /** Verified and new: count it. */
  record Accepted(AcceptedUpdate update) implements Verdict {}

  /** The very message already accepted, delivered again by Kafka: ignore it. */
  record Redelivered(String sender) implements Verdict {}

  /** Refused, with the reason. */
  record Refused(Rejection rejection) implements Verdict {}
}
