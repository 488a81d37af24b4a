package dev.rampart.crypto.secagg;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link SecAggClient} did with one incoming message, or with its input.
 *
 * <ul>
 *   <li>{@link Action#SEND}: the message moved the session on; send {@link #message()}.
 *   <li>{@link Action#RESEND}: a redelivered, byte-identical coordinator message; the stored
 *       reply is returned again, byte for byte, and nothing new is revealed.
 *   <li>{@link Action#WAIT}: nothing to send yet: U2 was accepted and its masks are expanded, and
 *       the masked input goes out once {@link SecAggClient#supplyInput} is called; or the input was
 *       supplied and waits for U2.
 *   <li>{@link Action#IGNORE}: not addressed to this session or not provably from the
 *       coordinator (other job, round, group or session, unsigned, mis-signed, malformed, not a
 *       coordinator kind); the state is unchanged.
 *   <li>{@link Action#ABORT}: a message from the coordinator for this session that violates the
 *       protocol; the client stops for good and {@link #detail()} says why.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class ClientStep {
  /** The outcome kinds. */
  public enum Action {
    /** Send {@link ClientStep#message()}. */
    SEND,
    /** Send the stored {@link ClientStep#message()} again. */
    RESEND,
    /** Nothing to send until the input or U2 arrives; the session goes on. */
    WAIT,
    /** Nothing to do; the message was not for this session. */
    IGNORE,
    /** The session is aborted. */
    ABORT
  }

  private final Action action;
  private final SecAggMessage message;
  private final byte[] wire;
  private final String detail;

  private ClientStep(Action action, SecAggMessage message, byte[] wire, String detail) {
    this.action = Objects.requireNonNull(action, "action");
    this.message = message;
    this.wire = wire;
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  static ClientStep send(SecAggMessage m, byte[] wire) {
    return new ClientStep(Action.SEND, Objects.requireNonNull(m, "m"), Objects.requireNonNull(wire, "wire"), "");
  }

  static ClientStep resend(SecAggMessage m, byte[] wire, String why) {
    return new ClientStep(Action.RESEND, Objects.requireNonNull(m, "m"), Objects.requireNonNull(wire, "wire"),
        why);
  }

  static ClientStep waiting(String why) {
    return new ClientStep(Action.WAIT, null, null, why);
  }

  static ClientStep ignore(String why) {
    return new ClientStep(Action.IGNORE, null, null, why);
  }

  static ClientStep abort(String why) {
    return new ClientStep(Action.ABORT, null, null, why);
  }

  /** What happened. */
  public Action action() {
    return action;
  }

  /** The message to send, present exactly for SEND and RESEND. */
  public Optional<SecAggMessage> message() {
    return Optional.ofNullable(message);
  }

  /**
   * The message's canonical encoding, the bytes the client persisted before returning this step,
   * present exactly for SEND and RESEND: a caller sends these instead of encoding the message
   * again. The array is the step's own and is not copied: the caller must not write to it.
   */
  public Optional<byte[]> wire() {
    return Optional.ofNullable(wire);
  }

  /** A human-readable explanation (empty for SEND). */
  public String detail() {
    return detail;
  }

  /** Whether this step carries a message to send. */
  public boolean sends() {
    return message != null;
  }

  @Override
  public String toString() {
    return "ClientStep[" + action + (message == null ? "" : ", " + message.kind())
        + (detail.isEmpty() ? "" : ", " + detail) + "]";
  }
}
