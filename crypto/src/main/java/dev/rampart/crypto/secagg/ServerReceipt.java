package dev.rampart.crypto.secagg;

import dev.rampart.protocol.RejectionReason;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link SecAggServer} did with one incoming client message. Idempotency is on (session,
 * phase, sender): the first valid message is {@link Status#ACCEPTED}; a redelivered byte-identical
 * copy is {@link Status#DUPLICATE} and ignored; a different second message is
 * {@link Status#REJECTED} with {@link RejectionReason#DUPLICATE}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param status what happened
 * @param sender the claimed sender ("" if the bytes did not decode)
 * @param reason why it was rejected, present exactly for REJECTED
 * @param detail human-readable explanation ("" when accepted)
 */
public record ServerReceipt(Status status, String sender, Optional<RejectionReason> reason,
    String detail) {
  /** Receipt kinds. */
  public enum Status {
    /** Stored for the current phase. */
    ACCEPTED,
    /** A byte-identical copy of a stored message; ignored. */
    DUPLICATE,
    /** Not used; see {@link ServerReceipt#reason()}. */
    REJECTED
  }

  /** Validates that a reason is present exactly for REJECTED. */
  public ServerReceipt {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    if ((status == Status.REJECTED) != reason.isPresent()) {
      throw new IllegalArgumentException("a reason must be given exactly for REJECTED");
    }
  }

  static ServerReceipt accepted(String sender) {
    return new ServerReceipt(Status.ACCEPTED, sender, Optional.empty(), "");
  }

  static ServerReceipt duplicate(String sender) {
    return new ServerReceipt(Status.DUPLICATE, sender, Optional.empty(),
        "identical redelivery ignored");
  }

  static ServerReceipt rejected(String sender, RejectionReason reason, String detail) {
    return new ServerReceipt(Status.REJECTED, sender, Optional.of(reason), detail);
  }
}
