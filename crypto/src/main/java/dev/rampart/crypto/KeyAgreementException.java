package dev.rampart.crypto;

import dev.rampart.protocol.RampartException;

/**
 * An X25519 public key is unusable for key agreement: it is all zero or a low-order point, so the
 * shared secret would be a constant known to everyone (SECAGG.md attack 7).
 *
 * <p>Never retriable; the caller should abort the session with the peer that sent the key. The
 * message names the key by fingerprint only. Instances are immutable and thread-safe.
 */
public class KeyAgreementException extends KeyFormatException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception whose message says which key was refused and why. */
  public KeyAgreementException(String message) {
    super(message);
  }
}
