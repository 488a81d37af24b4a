package dev.rampart.audit;

import java.util.Objects;

/**
 * The audit directory does not hold an intact chain, so the log refuses to continue it: a torn
 * tail after a crash ({@link FailureKind#TORN_TAIL}, repairable with
 * {@link AuditLog#repairTornTail}), or any other verification failure, which is never repaired
 * automatically. Immutable and thread-safe.
 */
public final class AuditIntegrityException extends AuditException {
  private static final long serialVersionUID = 1L;

  private final transient VerificationFailure failure;

  /** Creates the exception for {@code failure}; the message is {@link VerificationFailure#describe()}. */
  public AuditIntegrityException(VerificationFailure failure, String advice) {
    super(Objects.requireNonNull(failure, "failure").describe()
        + (advice == null || advice.isEmpty() ? "" : "; " + advice));
    this.failure = failure;
  }

  /** The first failure found: kind, file, line, byte offset and sequence. */
  public VerificationFailure failure() {
    return failure;
  }
}
