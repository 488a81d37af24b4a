package dev.rampart.compression.internal;

import dev.rampart.compression.CompressedVector;

/**
 * The two-byte header every encoding starts with: format version, then the codec tag. A tag that
 * disagrees with the codec name on the wire is rejected, so a vector cannot be decoded by the
 * wrong codec.
 *
 * <p>Stateless and thread-safe.
 */
final class Wire {
  /** Current encoding format version. */
  static final int VERSION = 1;
  static final int HEADER_BYTES = 2;

  static final int TAG_IDENTITY = 0;
  static final int TAG_FP16 = 1;
  static final int TAG_RANDK = 2;
  static final int TAG_QSGD = 3;
  static final int TAG_TOPK = 4;
  static final int TAG_SIGN = 5;

  private Wire() {}

  /** A writer with the header already written. */
  static ByteWriter start(int tag, int expectedBytes) {
    ByteWriter writer = new ByteWriter(expectedBytes);
    writer.writeByte(VERSION);
    writer.writeByte(tag);
    return writer;
  }

  /** Checks codec name, version and tag, and returns a reader positioned after the header. */
  static ByteReader open(CompressedVector vector, String codec, int tag) {
    if (vector == null) {
      throw new IllegalArgumentException("codec " + codec + ": vector must not be null");
    }
    if (!vector.codec().equals(codec)) {
      throw new IllegalArgumentException("codec " + codec + " cannot decode a vector of codec "
          + Messages.quote(vector.codec()));
    }
    ByteReader reader = new ByteReader(vector.encoded(), codec);
    int version = reader.readUnsignedByte("version byte");
    if (version != VERSION) {
      throw reader.fail("unsupported encoding version " + version + "; this build reads version "
          + VERSION);
    }
    int actualTag = reader.readUnsignedByte("codec tag");
    if (actualTag != tag) {
      throw reader.fail("codec tag " + actualTag + " does not match the expected tag " + tag);
    }
    return reader;
  }
}
