package dev.rampart.compression;

import dev.rampart.compression.internal.Messages;
import java.util.Arrays;

/**
 * A compressed vector as carried by the wire format's {@code CompressedVector {codec, dimension,
 * encoded}} message.
 *
 * <p>{@code encoded} is the codec's compact byte encoding; it starts with a format version byte
 * (currently 1) and a codec tag byte, followed by the codec's body (see {@link Compressors}).
 * The array is copied on the way in and on the way out, so instances are immutable and thread-safe.
 * {@link #equals}, {@link #hashCode} and {@link #toString} use the array's content; {@code
 * toString} never prints payload bytes.
 *
 * @param codec the codec name, e.g. {@code "randk"}; 1 to {@value #MAX_CODEC_LENGTH} printable
 *     ASCII characters without spaces
 * @param dimension the dense dimension d ≥ 1 of the vector this decodes to
 * @param encoded the codec's byte encoding; copied
 */
public record CompressedVector(String codec, int dimension, byte[] encoded) {
  /** Longest accepted codec name. */
  public static final int MAX_CODEC_LENGTH = 64;

  /** Validates and copies. */
  public CompressedVector {
    if (!Messages.isPrintableName(codec, MAX_CODEC_LENGTH)) {
      throw new IllegalArgumentException("codec must be 1 to " + MAX_CODEC_LENGTH
          + " printable ASCII characters without spaces, but was " + Messages.quote(codec));
    }
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be ≥ 1, but was " + dimension);
    }
    if (encoded == null) {
      throw new IllegalArgumentException("encoded must not be null");
    }
    encoded = encoded.clone();
  }

  /** A copy of the encoded bytes. */
  @Override
  public byte[] encoded() {
    return encoded.clone();
  }

  /** Length of the encoding in bytes. */
  public int encodedBytes() {
    return encoded.length;
  }

  /** Size in bytes of the same vector sent dense as float32: {@code 4 × dimension}. */
  public long denseBytes() {
    return 4L * dimension;
  }

  /**
   * {@link #encodedBytes()} / {@link #denseBytes()}: 1.0 costs as much as sending the vector
   * dense; rand-k at k = d/10 is about 0.10.
   */
  public double fractionOfDense() {
    return (double) encoded.length / denseBytes();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CompressedVector other
        && codec.equals(other.codec)
        && dimension == other.dimension
        && Arrays.equals(encoded, other.encoded);
  }

  @Override
  public int hashCode() {
    return (codec.hashCode() * 31 + dimension) * 31 + Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return "CompressedVector[codec=" + codec + ", dimension=" + dimension + ", encodedBytes="
        + encoded.length + "]";
  }
}
