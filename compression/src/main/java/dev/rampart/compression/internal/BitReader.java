package dev.rampart.compression.internal;

/**
 * Reads fixed-width unsigned fields packed least significant bit first, from a region whose length
 * the caller has already validated; reading past the region or finding non-zero padding bits is
 * reported as an {@link IllegalArgumentException}.
 *
 * <p>Not thread-safe.
 */
final class BitReader {
  private final ByteReader source;
  private final int end;
  private int bytePosition;
  private long accumulator;
  private int available;

  /** Reads the next {@code length} bytes of {@code source}, which are consumed. */
  BitReader(ByteReader source, int length, String field) {
    source.require(length, field);
    this.source = source;
    this.bytePosition = source.position();
    this.end = bytePosition + length;
    source.skip(length, field);
  }

  /** The next {@code width}-bit field, width in [1, 32]. */
  int read(int width) {
    while (available < width) {
      if (bytePosition >= end) {
        throw source.fail("bit-packed body ends early");
      }
      accumulator |= (long) (source.data()[bytePosition++] & 0xFF) << available;
      available += 8;
    }
    int value = (int) (accumulator & ((1L << width) - 1));
    accumulator >>>= width;
    available -= width;
    return value;
  }

  /** Fails unless every remaining bit of the region is zero. */
  void requireZeroPadding() {
    if (accumulator != 0 || bytePosition != end) {
      throw source.fail("bit-packed body has non-zero padding or unread bytes");
    }
  }
}
