package dev.rampart.crypto;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * A 32-byte X25519 public key (RFC 7748 u-coordinate encoding), validated for key agreement.
 *
 * <p>Construction refuses the all-zero encoding and every encoding of a point of order 1, 2, 4 or
 * 8 on the curve or its twist (including non-canonical ones), because agreement with such a point
 * yields the all-zero secret whatever the private key (SECAGG.md attack 7). The check multiplies
 * the point by a fixed clamped scalar: clamped scalars are multiples of 8, so exactly the
 * low-order points map to zero. Equality and hash code are by content.
 *
 * <p>Immutable and thread-safe; bytes are copied in and out.
 */
public final class AgreementPublicKey {
  /** Length of an encoded X25519 public key in bytes. */
  public static final int BYTES = X25519.POINT_SIZE;

  // Any clamped scalar works; 2^254 + 8 is the smallest, and is not a multiple of the group order.
  private static final byte[] PROBE_SCALAR = probeScalar();

  private final byte[] raw;

  private AgreementPublicKey(byte[] raw) {
    this.raw = raw;
  }

  /**
   * Wraps a raw public key after validating it.
   *
   * @param raw 32-byte little-endian u-coordinate; copied
   * @throws KeyFormatException if the length is not 32
   * @throws KeyAgreementException if the key is all zero or a low-order point
   */
  public static AgreementPublicKey of(byte[] raw) {
    Objects.requireNonNull(raw, "raw");
    if (raw.length != BYTES) {
      throw new KeyFormatException(
          "X25519 public key must be " + BYTES + " bytes, but got " + raw.length + " bytes");
    }
    byte[] copy = raw.clone();
    int acc = 0;
    for (byte b : copy) {
      acc |= b;
    }
    if (acc == 0) {
      throw new KeyAgreementException("X25519 public key is all zero bytes");
    }
    byte[] probe = new byte[BYTES];
    if (!X25519.calculateAgreement(PROBE_SCALAR, 0, copy, 0, probe, 0)) {
      throw new KeyAgreementException("X25519 public key " + fingerprint(copy)
          + " is a low-order point; agreement with it would give a publicly known secret");
    }
    return new AgreementPublicKey(copy);
  }

  /**
   * Parses standard base64 (with padding) as produced by {@link #toBase64()}.
   *
   * @throws KeyFormatException if the text is not base64 or the key is invalid
   */
  public static AgreementPublicKey fromBase64(String base64) {
    Objects.requireNonNull(base64, "base64");
    try {
      return of(Base64.getDecoder().decode(base64));
    } catch (IllegalArgumentException e) {
      throw new KeyFormatException(
          "X25519 public key is not valid base64 (" + base64.length() + " characters)", e);
    }
  }

  /** A copy of the 32 raw key bytes. */
  public byte[] bytes() {
    return raw.clone();
  }

  /** Standard base64 of the 32 raw bytes. */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(raw);
  }

  /** Lowercase hex of the first 8 bytes of SHA-256 over the raw key (16 characters). */
  public String keyId() {
    return fingerprint(raw);
  }

  byte[] rawUnsafe() {
    return raw;
  }

  private static String fingerprint(byte[] raw) {
    return Digests.hex(Arrays.copyOf(Digests.sha256(raw), 8));
  }

  private static byte[] probeScalar() {
    byte[] k = new byte[X25519.SCALAR_SIZE];
    k[0] = 8;
    k[31] = 0x40;
    return k;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AgreementPublicKey other && Arrays.equals(raw, other.raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  /** {@code X25519PublicKey[keyId=<16 hex>]}. */
  @Override
  public String toString() {
    return "X25519PublicKey[keyId=" + keyId() + "]";
  }
}
