package dev.rampart.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * One Shamir share: the x-coordinate (index 1-255) and the share bytes, one GF(2^8) polynomial
 * value per secret byte (see {@link ShamirSharing}).
 *
 * <p>The wire form ({@link #encode()}) is the index as one unsigned byte followed by the value
 * bytes; the index must travel with the value because reconstruction interpolates at it.
 *
 * <p>Immutable and thread-safe; the value is copied in and out. {@link #toString()} omits the
 * value.
 */
public final class ShamirShare {
  /** Largest share index (GF(2^8) has 255 non-zero elements). */
  public static final int MAX_INDEX = 255;

  private final int index;
  private final byte[] value;

  private ShamirShare(int index, byte[] value) {
    this.index = index;
    this.value = value;
  }

  /**
   * A share with the given index and value.
   *
   * @param index x-coordinate, 1 to 255
   * @param value share bytes, at least 1; copied
   * @throws KeyFormatException naming the index or length if out of range
   */
  public static ShamirShare of(int index, byte[] value) {
    Objects.requireNonNull(value, "value");
    if (index < 1 || index > MAX_INDEX) {
      throw new KeyFormatException("Shamir share index must be 1-" + MAX_INDEX + ", but was " + index);
    }
    if (value.length == 0) {
      throw new KeyFormatException("Shamir share value must not be empty (index " + index + ")");
    }
    return new ShamirShare(index, value.clone());
  }

  /**
   * Parses the form written by {@link #encode()}.
   *
   * @throws KeyFormatException if the bytes are shorter than 2 or the index byte is 0
   */
  public static ShamirShare decode(byte[] encoded) {
    Objects.requireNonNull(encoded, "encoded");
    if (encoded.length < 2) {
      throw new KeyFormatException(
          "encoded Shamir share must be at least 2 bytes, but was " + encoded.length);
    }
    return of(encoded[0] & 0xff, Arrays.copyOfRange(encoded, 1, encoded.length));
  }

  /** {@code index (1 unsigned byte) ‖ value}. */
  public byte[] encode() {
    byte[] out = new byte[1 + value.length];
    out[0] = (byte) index;
    System.arraycopy(value, 0, out, 1, value.length);
    return out;
  }

  /** The x-coordinate, 1 to 255. */
  public int index() {
    return index;
  }

  /** A copy of the share bytes (same length as the secret). */
  public byte[] value() {
    return value.clone();
  }

  /** Length of the value in bytes. */
  public int length() {
    return value.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShamirShare other && index == other.index
        && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return 31 * index + Arrays.hashCode(value);
  }

  /** {@code ShamirShare[index=<i>, <n> bytes]}; never the value. */
  @Override
  public String toString() {
    return "ShamirShare[index=" + index + ", " + value.length + " bytes]";
  }
}
