package dev.rampart.crypto.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds unambiguous byte strings by writing each field as a 4-byte big-endian length followed by
 * its bytes, so no two different field lists encode to the same bytes.
 *
 * <p>Not thread-safe; use one instance per encoding.
 */
public final class LengthPrefixed {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

  /** Appends a length-prefixed byte field. */
  public LengthPrefixed bytes(byte[] field) {
    writeInt(field.length);
    out.writeBytes(field);
    return this;
  }

  /** Appends a length-prefixed UTF-8 string field. */
  public LengthPrefixed utf8(String field) {
    return bytes(field.getBytes(StandardCharsets.UTF_8));
  }

  /** Appends a fixed 8-byte big-endian integer (no length prefix: its size is fixed). */
  public LengthPrefixed int64(long value) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (value >>> shift));
    }
    return this;
  }

  /** The encoding so far. */
  public byte[] toByteArray() {
    return out.toByteArray();
  }

  private void writeInt(int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }
}
