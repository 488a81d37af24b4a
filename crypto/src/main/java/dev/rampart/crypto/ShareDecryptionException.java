package dev.rampart.crypto;

import dev.rampart.protocol.RampartException;

/**
 * A sealed share did not authenticate: wrong key, wrong sender or receiver, wrong sequence, wrong
 * associated data, or modified bytes (SECAGG.md attack 8: forwarded or reflected ciphertexts).
 *
 * <p>Never retriable. The message names sender, receiver and sequence, never share bytes.
 * Instances are immutable and thread-safe.
 */
public class ShareDecryptionException extends RampartException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception whose message names the refused share. */
  public ShareDecryptionException(String message) {
    super(message);
  }
}
