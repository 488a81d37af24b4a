package dev.rampart.crypto;

import dev.rampart.protocol.RampartException;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * HKDF with HMAC-SHA256 (RFC 5869), via BouncyCastle's {@link HKDFBytesGenerator}.
 *
 * <p>An empty or null salt means the RFC's default (32 zero bytes); an empty or null info means
 * no context. Output length is 1 to {@value #MAX_OUTPUT_BYTES} bytes (255 hash blocks).
 *
 * <p>Stateless and thread-safe.
 */
public final class Hkdf {
  /** Largest output HKDF-SHA256 can produce: 255 * 32 bytes. */
  public static final int MAX_OUTPUT_BYTES = 255 * 32;
  /** Length of a pseudorandom key produced by {@link #extract}. */
  public static final int PRK_BYTES = 32;

  private Hkdf() {}

  /**
   * Extract then expand: {@code HKDF-Expand(HKDF-Extract(salt, ikm), info, length)}.
   *
   * @param ikm input keying material, e.g. an X25519 shared secret; not null
   * @param salt optional salt (null or empty for none)
   * @param info optional context (null or empty for none)
   * @param length output bytes, 1 to {@value #MAX_OUTPUT_BYTES}
   * @return a new array of {@code length} bytes
   * @throws RampartException naming the length if it is out of range
   */
  public static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
    Objects.requireNonNull(ikm, "ikm");
    requireLength(length);
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(ikm, salt, info));
    byte[] out = new byte[length];
    hkdf.generateBytes(out, 0, length);
    return out;
  }

  /**
   * HKDF-Extract (RFC 5869, section 2.2).
   *
   * @return the 32-byte pseudorandom key
   */
  public static byte[] extract(byte[] salt, byte[] ikm) {
    Objects.requireNonNull(ikm, "ikm");
    return new HKDFBytesGenerator(new SHA256Digest()).extractPRK(salt, ikm);
  }

  /**
   * HKDF-Expand (RFC 5869, section 2.3).
   *
   * @param prk pseudorandom key of at least 32 bytes (usually from {@link #extract})
   * @param info optional context (null or empty for none)
   * @param length output bytes, 1 to {@value #MAX_OUTPUT_BYTES}
   * @throws RampartException if {@code prk} is shorter than 32 bytes or the length is out of range
   */
  public static byte[] expand(byte[] prk, byte[] info, int length) {
    Objects.requireNonNull(prk, "prk");
    if (prk.length < PRK_BYTES) {
      throw new RampartException("HKDF prk must be at least " + PRK_BYTES + " bytes, but was "
          + prk.length);
    }
    requireLength(length);
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(HKDFParameters.skipExtractParameters(prk, info));
    byte[] out = new byte[length];
    hkdf.generateBytes(out, 0, length);
    return out;
  }

  private static void requireLength(int length) {
    if (length < 1 || length > MAX_OUTPUT_BYTES) {
      throw new RampartException(
          "HKDF output length must be 1-" + MAX_OUTPUT_BYTES + " bytes, but was " + length);
    }
  }
}
