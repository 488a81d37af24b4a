package dev.rampart.crypto;

import dev.rampart.protocol.RampartException;

/**
 * A key, key file, signature encoding or enrollment file is malformed or inconsistent.
 *
 * <p>Never retriable: the same bytes fail the same way. The message names the file, line and
 * offending field but never contains private or public key bytes.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class KeyFormatException extends RampartException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception whose message names what was malformed. */
  public KeyFormatException(String message) {
    super(message);
  }

  /** Creates an exception with a message and the underlying cause. */
  public KeyFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
