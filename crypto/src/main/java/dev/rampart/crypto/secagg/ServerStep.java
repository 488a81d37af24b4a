package dev.rampart.crypto.secagg;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link SecAggServer#advance()}: either a signed list to broadcast to
 * {@link #recipients()} (the next phase is open), or the group's final {@link GroupOutcome}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param broadcast the coordinator message to send, if the session continues
 * @param recipients who must receive it (sorted), empty when done
 * @param outcome the final outcome, present exactly when the session is over
 */
public record ServerStep(Optional<SecAggMessage> broadcast, List<String> recipients,
    Optional<GroupOutcome> outcome) {
  /** Validates that exactly one of broadcast and outcome is present. */
  public ServerStep {
    Objects.requireNonNull(broadcast, "broadcast");
    recipients = List.copyOf(recipients);
    Objects.requireNonNull(outcome, "outcome");
    if (broadcast.isPresent() == outcome.isPresent()) {
      throw new IllegalArgumentException("exactly one of broadcast and outcome must be present");
    }
  }

  static ServerStep broadcast(SecAggMessage message, List<String> recipients) {
    return new ServerStep(Optional.of(message), recipients, Optional.empty());
  }

  static ServerStep done(GroupOutcome outcome) {
    return new ServerStep(Optional.empty(), List.of(), Optional.of(outcome));
  }

  /** Whether the session is over. */
  public boolean isDone() {
    return outcome.isPresent();
  }
}
