package dev.rampart.crypto.internal;

import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AEAD_CHACHA20_POLY1305 (RFC 8439, section 2.8) over BouncyCastle's {@link ChaCha20Poly1305},
 * with the ciphertext and the 16-byte tag returned as one array ({@code ciphertext ‖ tag}).
 *
 * <p>Stateless and thread-safe: every call builds its own cipher.
 */
public final class ChaCha20Poly1305Aead {
  /** Key length in bytes. */
  public static final int KEY_BYTES = 32;
  /** Nonce length in bytes. */
  public static final int NONCE_BYTES = 12;
  /** Tag length in bytes. */
  public static final int TAG_BYTES = 16;

  private ChaCha20Poly1305Aead() {}

  /** Encrypts and authenticates; returns {@code ciphertext ‖ tag}. */
  public static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
    Objects.requireNonNull(plaintext, "plaintext");
    ChaCha20Poly1305 cipher = init(true, key, nonce, aad);
    byte[] out = new byte[cipher.getOutputSize(plaintext.length)];
    int n = cipher.processBytes(plaintext, 0, plaintext.length, out, 0);
    try {
      cipher.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("encryption cannot fail authentication", e);
    }
    return out;
  }

  /**
   * Verifies and decrypts {@code ciphertext ‖ tag}; empty if the input is shorter than a tag or
   * the tag does not match (BouncyCastle compares tags in constant time).
   */
  public static Optional<byte[]> open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed) {
    Objects.requireNonNull(sealed, "sealed");
    if (sealed.length < TAG_BYTES) {
      return Optional.empty();
    }
    ChaCha20Poly1305 cipher = init(false, key, nonce, aad);
    byte[] out = new byte[cipher.getOutputSize(sealed.length)];
    int n = cipher.processBytes(sealed, 0, sealed.length, out, 0);
    try {
      cipher.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      return Optional.empty();
    }
    return Optional.of(out);
  }

  private static ChaCha20Poly1305 init(boolean encrypt, byte[] key, byte[] nonce, byte[] aad) {
    if (key == null || key.length != KEY_BYTES) {
      throw new IllegalArgumentException("AEAD key must be 32 bytes, but was "
          + (key == null ? "null" : key.length + " bytes"));
    }
    if (nonce == null || nonce.length != NONCE_BYTES) {
      throw new IllegalArgumentException("AEAD nonce must be 12 bytes, but was "
          + (nonce == null ? "null" : nonce.length + " bytes"));
    }
    ChaCha20Poly1305 cipher = new ChaCha20Poly1305();
    cipher.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BYTES * 8, nonce, aad));
    return cipher;
  }
}
