package dev.rampart.audit;

/**
 * A model file whose bytes do not match its name (SHA-256 digest), or whose header or length is
 * wrong, or a lineage file that does not parse. Immutable and thread-safe.
 */
public final class CorruptModelException extends AuditException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the file and the defect. */
  public CorruptModelException(String message) {
    super(message);
  }
}
