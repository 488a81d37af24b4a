package dev.rampart.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * SHA-256 and hex helpers shared by every Rampart component that hashes bytes.
 *
 * <p>Stateless and thread-safe.
 */
public final class Digests {
  /** Length of a SHA-256 digest in bytes. */
  public static final int SHA256_BYTES = 32;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Digests() {}

  /**
   * SHA-256 of the concatenation of {@code parts}, in order, without separators.
   *
   * <p>Callers that concatenate variable-length fields must length-prefix them themselves (see
   * {@link MessageSigning}); this method adds no framing.
   *
   * @param parts byte arrays to hash; none may be null; zero parts hash the empty string
   * @return a new 32-byte array
   */
  public static byte[] sha256(byte[]... parts) {
    Objects.requireNonNull(parts, "parts");
    MessageDigest digest = newSha256();
    for (int i = 0; i < parts.length; i++) {
      if (parts[i] == null) {
        throw new NullPointerException("parts[" + i + "] is null");
      }
      digest.update(parts[i]);
    }
    return digest.digest();
  }

  /** A fresh SHA-256 {@link MessageDigest}; every JDK is required to provide one. */
  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * Lowercase hexadecimal encoding, two characters per byte.
   *
   * @param bytes bytes to encode, not null; empty gives ""
   * @return lowercase hex of length {@code 2 * bytes.length}
   */
  public static String hex(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out);
  }
}
