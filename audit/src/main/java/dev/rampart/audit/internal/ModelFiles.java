package dev.rampart.audit.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Binary codec of a stored model file:
 *
 * <pre>
 * magic     8 bytes  "RMODEL" 0x00 0x01   (format version 1)
 * dimension 4 bytes  unsigned big-endian parameter count
 * values    4 × dimension bytes, IEEE-754 float32 little-endian, raw bits (NaN payloads kept)
 * </pre>
 *
 * <p>SHA-256 over everything after the magic equals {@code FloatVectors.digest(values)}, the
 * model digest, so a file's name can be checked without decoding it first.
 *
 * <p>Stateless and thread-safe.
 */
public final class ModelFiles {
  /** The 8-byte magic and format version. */
  private static final byte[] MAGIC = {'R', 'M', 'O', 'D', 'E', 'L', 0, 1};
  /** Bytes before the first value. */
  public static final int HEADER_BYTES = MAGIC.length + 4;

  private ModelFiles() {}

  /** Encodes {@code values}; the array is not retained. */
  public static byte[] encode(float[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(Math.addExact(HEADER_BYTES,
        Math.multiplyExact(values.length, Float.BYTES)));
    buffer.put(MAGIC).putInt(values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      buffer.putInt(Float.floatToRawIntBits(v));
    }
    return buffer.array();
  }

  /** Lowercase hex SHA-256 of the bytes after the magic: the model digest of a well-formed file. */
  public static String digestHex(byte[] file) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(file, MAGIC.length, Math.max(0, file.length - MAGIC.length));
      return java.util.HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /**
   * Decodes a file after checking its magic and length.
   *
   * @throws IllegalArgumentException naming the defect
   */
  public static float[] decode(byte[] file) {
    if (file.length < HEADER_BYTES || !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0,
        MAGIC.length)) {
      throw new IllegalArgumentException("missing the header " + new String(MAGIC, 0, 6,
          StandardCharsets.US_ASCII) + " v1");
    }
    ByteBuffer buffer = ByteBuffer.wrap(file);
    long dimension = Integer.toUnsignedLong(buffer.getInt(MAGIC.length));
    long expected = HEADER_BYTES + 4 * dimension;
    if (file.length != expected) {
      throw new IllegalArgumentException("header declares dimension=" + dimension + " ("
          + expected + " bytes) but the file has " + file.length + " bytes");
    }
    float[] values = new float[(int) dimension];
    buffer.position(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < values.length; i++) {
      values[i] = Float.intBitsToFloat(buffer.getInt());
    }
    return values;
  }
}
