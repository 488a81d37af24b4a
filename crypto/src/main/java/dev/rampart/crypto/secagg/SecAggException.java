package dev.rampart.crypto.secagg;

import dev.rampart.protocol.RampartException;

/**
 * A secure-aggregation setting, message or state is invalid. Thrown for programming and
 * configuration errors (bad parameters, malformed bytes, a corrupt state file); protocol
 * violations by peers never throw, they abort the client ({@link ClientStep}) or fail the group
 * ({@link GroupOutcome}).
 *
 * <p>Never retriable. The message names the bad value but never carries key material or
 * vectors. Immutable and thread-safe.
 */
public class SecAggException extends RampartException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception whose message names what was wrong. */
  public SecAggException(String message) {
    super(message);
  }

  /** Creates an exception with a message and its cause. */
  public SecAggException(String message, Throwable cause) {
    super(message, cause);
  }
}
