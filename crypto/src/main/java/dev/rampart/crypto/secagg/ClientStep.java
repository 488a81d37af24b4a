package dev.rampart.crypto.secagg;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link SecAggClient} did with one incoming message.
 *
 * <ul>
 *   <li>{@link Action#SEND}: the message moved the session on; send {@link #message()}.
 *   <li>{@link Action#RESEND}: a redelivered, byte-identical coordinator message; the stored
 *       reply is returned again, byte for byte, and nothing new is revealed.
 *   <li>{@link Action#IGNORE}: not addressed to this session or not provably from the
 *       coordinator (other job, round, group or session, unsigned, mis-signed, malformed, not a
 *       coordinator kind); the state is unchanged.
 *   <li>{@link Action#ABORT}: a message from the coordinator for this session that violates the
 *       protocol; the client stops for good and {@link #detail()} says why.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param action what happened
 * @param message the message to send, present exactly for SEND and RESEND
 * @param detail a human-readable explanation (empty for SEND)
 */
public record ClientStep(Action action, Optional<SecAggMessage> message, String detail) {
  /** The outcome kinds. */
  public enum Action {
    /** Send {@link ClientStep#message()}. */
    SEND,
    /** Send the stored {@link ClientStep#message()} again. */
    RESEND,
    /** Nothing to do; the message was not for this session. */
    IGNORE,
    /** The session is aborted. */
    ABORT
  }

  /** Validates that a message is present exactly for SEND and RESEND. */
  public ClientStep {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(detail, "detail");
    boolean sends = action == Action.SEND || action == Action.RESEND;
    if (sends != message.isPresent()) {
      throw new IllegalArgumentException(action + " must " + (sends ? "" : "not ")
          + "carry a message");
    }
  }

  static ClientStep send(SecAggMessage m) {
    return new ClientStep(Action.SEND, Optional.of(m), "");
  }

  static ClientStep resend(SecAggMessage m, String why) {
    return new ClientStep(Action.RESEND, Optional.of(m), why);
  }

  static ClientStep ignore(String why) {
    return new ClientStep(Action.IGNORE, Optional.empty(), why);
  }

  static ClientStep abort(String why) {
    return new ClientStep(Action.ABORT, Optional.empty(), why);
  }

  /** Whether this step carries a message to send. */
  public boolean sends() {
    return message.isPresent();
  }
}
