package dev.rampart.compression.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Bounds-checked little-endian reader over an encoding received from another party. Every read
 * checks the remaining length first and reports a shortfall as an {@link IllegalArgumentException}
 * naming the codec and the field, never as an index exception.
 *
 * <p>Not thread-safe.
 */
final class ByteReader {
  private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class,
      ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
      ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class,
      ByteOrder.LITTLE_ENDIAN);

  private final byte[] data;
  private final String codec;
  private int position;

  ByteReader(byte[] data, String codec) {
    this.data = data;
    this.codec = codec;
  }

  int position() {
    return position;
  }

  int remaining() {
    return data.length - position;
  }

  byte[] data() {
    return data;
  }

  /** Fails unless at least {@code bytes} remain. */
  void require(long bytes, String field) {
    if (bytes > remaining()) {
      throw fail("truncated input: " + field + " needs " + bytes + " bytes but " + remaining()
          + " remain");
    }
  }

  /** Fails unless exactly {@code bytes} remain. */
  void requireExactly(long bytes, String field) {
    require(bytes, field);
    if (bytes < remaining()) {
      throw fail(field + " takes " + bytes + " bytes but " + remaining() + " remain");
    }
  }

  /** Fails unless the whole input has been read. */
  void requireEnd() {
    if (remaining() != 0) {
      throw fail(remaining() + " trailing bytes after the encoding");
    }
  }

  void skip(int bytes, String field) {
    require(bytes, field);
    position += bytes;
  }

  int readUnsignedByte(String field) {
    require(1, field);
    return data[position++] & 0xFF;
  }

  int readUnsignedShort(String field) {
    require(2, field);
    int v = (short) SHORT.get(data, position) & 0xFFFF;
    position += 2;
    return v;
  }

  float readFloat(String field) {
    require(4, field);
    float v = (float) FLOAT.get(data, position);
    position += 4;
    return v;
  }

  /** Reads a float and fails unless it is finite. */
  float readFiniteFloat(String field) {
    float v = readFloat(field);
    if (!Float.isFinite(v)) {
      throw fail(field + " is " + v + ", not finite");
    }
    return v;
  }

  /**
   * Reads {@code count} floats, failing unless each is finite; the message names the first bad
   * position.
   */
  float[] readFiniteFloats(int count, String field) {
    require(4L * count, field);
    float[] values = new float[count];
    for (int i = 0; i < count; i++) {
      values[i] = (float) FLOAT.get(data, position);
      position += 4;
      if (!Float.isFinite(values[i])) {
        throw fail(field + "[" + i + "] is " + values[i] + ", not finite");
      }
    }
    return values;
  }

  long readLong(String field) {
    require(8, field);
    long v = (long) LONG.get(data, position);
    position += 8;
    return v;
  }

  /**
   * Reads an unsigned LEB128 varint in canonical (shortest) form whose value is at most {@link
   * Integer#MAX_VALUE}.
   */
  int readVarInt(String field) {
    long value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = readUnsignedByte(field);
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (b == 0 && shift > 0) {
          throw fail(field + " is a varint in non-canonical form (trailing zero byte)");
        }
        if (value > Integer.MAX_VALUE) {
          throw fail(field + " = " + value + " exceeds " + Integer.MAX_VALUE);
        }
        return (int) value;
      }
    }
    throw fail(field + " is a varint longer than 5 bytes");
  }

  IllegalArgumentException fail(String problem) {
    return new IllegalArgumentException("codec " + codec + ": " + problem);
  }
}
