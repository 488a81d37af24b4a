package dev.rampart.audit.internal;

/**
 * A record line or payload that does not follow the audit line format; the message says what is
 * wrong without quoting payload bytes at length. Checked, so every parse site decides how to
 * report it. Immutable.
 */
public final class RecordFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the defect. */
  public RecordFormatException(String message) {
    super(message);
  }
}
