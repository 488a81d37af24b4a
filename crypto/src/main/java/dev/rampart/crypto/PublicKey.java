package dev.rampart.crypto;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A 32-byte Ed25519 public key (RFC 8032, section 5.1.5 encoding) that verifies signatures.
 *
 * <p>Construction validates the key fully: exactly 32 bytes, not all zero, a canonical encoding
 * of a curve point in the prime-order subgroup (so small-order keys, which would accept forged
 * signatures on many messages, are refused). Equality and hash code are by content.
 *
 * <p>Immutable and thread-safe; the raw bytes are copied in and out.
 */
public final class PublicKey {
  /** Length of an encoded Ed25519 public key in bytes. */
  public static final int BYTES = Ed25519.PUBLIC_KEY_SIZE;
  /** Length of an Ed25519 signature in bytes. */
  public static final int SIGNATURE_BYTES = Ed25519.SIGNATURE_SIZE;

  private final byte[] raw;
  private final Ed25519.PublicPoint point;
  private final String keyId;

  private PublicKey(byte[] raw, Ed25519.PublicPoint point) {
    this.raw = raw;
    this.point = point;
    this.keyId = Digests.hex(Arrays.copyOf(Digests.sha256(raw), 8));
  }

  /**
   * Wraps a raw 32-byte encoded public key after validating it.
   *
   * @param raw the RFC 8032 encoding; copied
   * @return the key
   * @throws KeyFormatException if the length is not 32, the bytes are all zero, or they do not
   *     encode a point of the prime-order subgroup
   */
  public static PublicKey of(byte[] raw) {
    Objects.requireNonNull(raw, "raw");
    if (raw.length != BYTES) {
      throw new KeyFormatException(
          "Ed25519 public key must be " + BYTES + " bytes, but got " + raw.length + " bytes");
    }
    byte[] copy = raw.clone();
    if (isAllZero(copy)) {
      throw new KeyFormatException("Ed25519 public key is all zero bytes");
    }
    Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(copy, 0);
    if (point == null) {
      throw new KeyFormatException(
          "Ed25519 public key is not a canonical point of the prime-order subgroup (keyId="
              + Digests.hex(Arrays.copyOf(Digests.sha256(copy), 8))
              + ")");
    }
    return new PublicKey(copy, point);
  }

  /**
   * Parses the standard (RFC 4648, with padding) base64 form produced by {@link #toBase64()}.
   *
   * @param base64 44 base64 characters; surrounding whitespace is not accepted
   * @return the key
   * @throws KeyFormatException if the text is not base64 or does not decode to a valid key
   */
  public static PublicKey fromBase64(String base64) {
    Objects.requireNonNull(base64, "base64");
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new KeyFormatException(
          "Ed25519 public key is not valid base64 (" + base64.length() + " characters)", e);
    }
    return of(decoded);
  }

  /** A copy of the 32 raw key bytes. */
  public byte[] bytes() {
    return raw.clone();
  }

  /** Standard base64 (with padding) of the 32 raw key bytes: 44 characters. */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(raw);
  }

  /**
   * A short, stable key fingerprint for logs and audit records: lowercase hex of the first 8 bytes
   * of SHA-256 over the raw key (16 characters).
   */
  public String keyId() {
    return keyId;
  }

  /**
   * Verifies a pure Ed25519 (RFC 8032, no context, no prehash) signature over {@code message}.
   *
   * @param message the signed bytes, not null
   * @param signature the 64-byte signature; any other length (or null) gives false
   * @return true only if the signature is valid for this key and message
   */
  public boolean verify(byte[] message, byte[] signature) {
    Objects.requireNonNull(message, "message");
    if (signature == null || signature.length != SIGNATURE_BYTES) {
      return false;
    }
    return Ed25519.verify(signature, 0, point, message, 0, message.length);
  }

  private static boolean isAllZero(byte[] bytes) {
    int acc = 0;
    for (byte b : bytes) {
      acc |= b;
    }
    return acc == 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicKey other && Arrays.equals(raw, other.raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  /** {@code Ed25519PublicKey[keyId=<16 hex>]}; the key itself is not printed. */
  @Override
  public String toString() {
    return "Ed25519PublicKey[keyId=" + keyId + "]";
  }
}
