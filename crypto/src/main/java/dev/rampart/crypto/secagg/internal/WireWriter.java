package dev.rampart.crypto.secagg.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Appends the fields of the secure-aggregation wire format: fixed-width big-endian integers and
 * length-prefixed byte strings ({@code u32be(length) ‖ bytes}), so every field list has exactly
 * one encoding.
 *
 * <p>Not thread-safe; use one instance per encoding.
 */
public final class WireWriter {
  private byte[] buffer;
  private int size;

  /** A writer whose buffer starts at {@code initialCapacity} bytes and grows as needed. */
  public WireWriter(int initialCapacity) {
    buffer = new byte[Math.max(16, initialCapacity)];
  }

  /** Appends one unsigned byte (the low 8 bits of {@code value}). */
  public WireWriter u8(int value) {
    ensure(1);
    buffer[size++] = (byte) value;
    return this;
  }

  /** Appends a 4-byte big-endian integer. */
  public WireWriter i32(int value) {
    ensure(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      buffer[size++] = (byte) (value >>> shift);
    }
    return this;
  }

  /** Appends an 8-byte big-endian integer. */
  public WireWriter i64(long value) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buffer[size++] = (byte) (value >>> shift);
    }
    return this;
  }

  /** Appends {@code bytes} without a length prefix (for fixed-size fields such as a magic). */
  public WireWriter raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
    return this;
  }

  /** Appends {@code u32be(bytes.length) ‖ bytes}. */
  public WireWriter bytes(byte[] bytes) {
    i32(bytes.length);
    return raw(bytes);
  }

  /** Appends a length-prefixed UTF-8 string. */
  public WireWriter string(String text) {
    return bytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Appends {@code u32be(values.length)} and every value as a 4-byte big-endian integer. */
  public WireWriter ints(int[] values) {
    i32(values.length);
    ensure(4 * values.length);
    ByteBuffer.wrap(buffer, size, 4 * values.length).asIntBuffer().put(values);
    size += 4 * values.length;
    return this;
  }

  /** Number of bytes written so far. */
  public int size() {
    return size;
  }

  /** A copy of the bytes written so far. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  private void ensure(int extra) {
    long needed = (long) size + extra;
    if (needed > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("encoding exceeds 2 GiB");
    }
    if (needed > buffer.length) {
      long grown = Math.max(needed, 2L * buffer.length);
      buffer = Arrays.copyOf(buffer, (int) Math.min(grown, Integer.MAX_VALUE - 8));
    }
  }
}
