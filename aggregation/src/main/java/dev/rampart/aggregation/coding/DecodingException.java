package dev.rampart.aggregation.coding;

/**
 * A code could not be decoded from what was received: too few responders for a Tandon code, a
 * numerically singular system, or a DRACO group without a strict majority. The message names the
 * group, the responders or the residual, never vector contents. Unchecked; the caller decides
 * whether to drop the round or fall back to robust aggregation. Immutable and thread-safe.
 */
public final class DecodingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed and with which values
   */
  public DecodingException(String message) {
    super(message);
  }
}
