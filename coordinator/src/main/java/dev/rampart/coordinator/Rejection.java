package dev.rampart.coordinator;

import dev.rampart.protocol.RejectionReason;
import java.util.Objects;

/**
 * One message the coordinator refused. Immutable and thread-safe.
 *
 * @param round the round during which it was seen
 * @param claimedSender the sender the message claims (unauthenticated when the reason is about
 *     authentication), or {@code "?"} when it could not be read
 * @param reason why it was refused
 * @param detail a human-readable explanation naming the offending values
 */
public record Rejection(long round, String claimedSender, RejectionReason reason, String detail) {
  /** Checks that nothing is null. */
  public Rejection {
    Objects.requireNonNull(claimedSender, "claimedSender");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }
}
