package dev.rampart.crypto.secagg;

import dev.rampart.crypto.Digests;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable byte string: keys, digests, session ids, ciphertexts and signatures inside
 * secure-aggregation messages, so that records never expose a mutable array.
 *
 * <p>Equality is by content (constant-time comparison). {@link #toString()} prints the length and
 * a short SHA-256 fingerprint, never the bytes. Immutable and thread-safe.
 */
public final class Octets {
  /** The empty byte string. */
  public static final Octets EMPTY = new Octets(new byte[0]);

  private final byte[] bytes;

  private Octets(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * The byte string with the given content.
   *
   * @param bytes any bytes, not null; copied
   */
  public static Octets of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return bytes.length == 0 ? EMPTY : new Octets(bytes.clone());
  }

  /** Takes ownership of {@code bytes} without copying; the caller must not change them later. */
  static Octets wrap(byte[] bytes) {
    return bytes.length == 0 ? EMPTY : new Octets(bytes);
  }

  /** A copy of the bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** Package-internal view without copying; never modify it. */
  byte[] raw() {
    return bytes;
  }

  /** Number of bytes. */
  public int length() {
    return bytes.length;
  }

  /** Whether the length is zero. */
  public boolean isEmpty() {
    return bytes.length == 0;
  }

  /** Lowercase hexadecimal of the bytes (for tests and audit records of public values only). */
  public String hex() {
    return Digests.hex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Octets other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** {@code Octets[<n> bytes, sha256:<8 hex>]}; never the bytes themselves. */
  @Override
  public String toString() {
    return "Octets[" + bytes.length + " bytes, sha256:"
        + Digests.hex(Arrays.copyOf(Digests.sha256(bytes), 4)) + "]";
  }
}
