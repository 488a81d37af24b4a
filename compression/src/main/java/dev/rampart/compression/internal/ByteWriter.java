package dev.rampart.compression.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Growable little-endian byte buffer for building encodings.
 *
 * <p>Not thread-safe.
 */
final class ByteWriter {
  private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class,
      ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
      ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class,
      ByteOrder.LITTLE_ENDIAN);

  private byte[] buffer;
  private int size;

  ByteWriter(int expectedBytes) {
    buffer = new byte[Math.max(16, expectedBytes)];
  }

  private void ensure(int more) {
    int needed = Math.addExact(size, more);
    if (needed > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length + (buffer.length >> 1)));
    }
  }

  void writeByte(int b) {
    ensure(1);
    buffer[size++] = (byte) b;
  }

  void writeShort(int v) {
    ensure(2);
    SHORT.set(buffer, size, (short) v);
    size += 2;
  }

  void writeFloat(float v) {
    ensure(4);
    FLOAT.set(buffer, size, v);
    size += 4;
  }

  void writeLong(long v) {
    ensure(8);
    LONG.set(buffer, size, v);
    size += 8;
  }

  /** Unsigned LEB128, shortest form; {@code value} ≥ 0. */
  void writeVarInt(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("varint value must be ≥ 0, but was " + value);
    }
    while (value >= 0x80) {
      writeByte((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    writeByte(value);
  }

  void writeBytes(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  /** Bytes taken by {@code value} as a varint. */
  static int varIntSize(int value) {
    int bits = 32 - Integer.numberOfLeadingZeros(value | 1);
    return (bits + 6) / 7;
  }
}
