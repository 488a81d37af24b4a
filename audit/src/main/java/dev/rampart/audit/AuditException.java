package dev.rampart.audit;

import dev.rampart.protocol.RampartException;

/**
 * Root of the audit module's exceptions: an audit directory or model store that cannot be read or
 * written, a closed or failed log, a body that is not JSON-serialisable. Subclasses report
 * integrity failures. Unchecked; messages name files, offsets and sequence numbers but never
 * quote payloads. Immutable and thread-safe.
 */
public class AuditException extends RampartException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message naming what was wrong. */
  public AuditException(String message) {
    super(message);
  }

  /** Creates an exception with a message and its cause. */
  public AuditException(String message, Throwable cause) {
    super(message, cause);
  }
}
