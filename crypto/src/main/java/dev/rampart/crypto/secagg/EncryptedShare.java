package dev.rampart.crypto.secagg;

import dev.rampart.crypto.internal.PartyIds;

/**
 * One ciphertext of a {@link ShareKeys} message: the sender's Shamir shares of {@code b_u} and
 * {@code s_u^SK} for one receiver, sealed with ChaCha20-Poly1305 under
 * {@code K_uv = HKDF(X25519(c_u, c_v), salt = sessionId, info = "enc")}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param receiver the receiver's id
 * @param ciphertext {@code ciphertext ‖ tag}, 1-1024 bytes
 */
public record EncryptedShare(String receiver, Octets ciphertext) {
  /** Validates the receiver id and ciphertext length. */
  public EncryptedShare {
    PartyIds.requireValid(receiver, "share receiver id");
    Checks.atMost(ciphertext, Checks.MAX_CIPHERTEXT_BYTES, "ciphertext");
  }
}
