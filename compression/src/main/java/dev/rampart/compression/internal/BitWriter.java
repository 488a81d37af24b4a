package dev.rampart.compression.internal;

/**
 * Packs fixed-width unsigned fields into bytes, least significant bit first; the last byte is
 * zero-padded.
 *
 * <p>Not thread-safe.
 */
final class BitWriter {
  private final byte[] bytes;
  private int bytePosition;
  private long accumulator;
  private int pending;

  /** A writer for exactly {@code totalBits} bits. */
  BitWriter(long totalBits) {
    long length = (totalBits + 7) / 8;
    if (length > Integer.MAX_VALUE - 64) {
      throw new IllegalArgumentException("bit-packed body of " + totalBits
          + " bits does not fit in a byte array");
    }
    bytes = new byte[(int) length];
  }

  /** Appends the low {@code width} bits of {@code value}, width in [1, 32]. */
  void write(int value, int width) {
    accumulator |= (value & ((1L << width) - 1)) << pending;
    pending += width;
    while (pending >= 8) {
      bytes[bytePosition++] = (byte) accumulator;
      accumulator >>>= 8;
      pending -= 8;
    }
  }

  /** The packed bytes, flushing a partial last byte. */
  byte[] finish() {
    if (pending > 0) {
      bytes[bytePosition++] = (byte) accumulator;
      accumulator = 0;
      pending = 0;
    }
    return bytes;
  }

  /** Bytes needed for {@code count} fields of {@code width} bits. */
  static long bytesFor(long count, int width) {
    return (count * width + 7) / 8;
  }
}
