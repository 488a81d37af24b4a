package dev.rampart.crypto.secagg.internal;

import dev.rampart.protocol.RampartException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads what {@link WireWriter} wrote, refusing every length or count above a caller-given bound
 * before allocating, so hostile input cannot make it allocate more than the input's size.
 *
 * <p>Every failure is a {@link RampartException} that names the field and the offending value.
 * Not thread-safe; use one instance per decoding.
 */
public final class WireReader {
  private final byte[] input;
  private int position;

  /** A reader over {@code input}, which is not copied and must not change while reading. */
  public WireReader(byte[] input) {
    this.input = input;
  }

  /** Reads one unsigned byte. */
  public int u8(String field) {
    need(1, field);
    return input[position++] & 0xff;
  }

  /** Reads a 4-byte big-endian integer. */
  public int i32(String field) {
    need(4, field);
    int v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (input[position++] & 0xff);
    }
    return v;
  }

  /** Reads an 8-byte big-endian integer. */
  public long i64(String field) {
    need(8, field);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (input[position++] & 0xff);
    }
    return v;
  }

  /** Reads exactly {@code length} bytes without a prefix. */
  public byte[] raw(int length, String field) {
    need(length, field);
    byte[] out = Arrays.copyOfRange(input, position, position + length);
    position += length;
    return out;
  }

  /** Reads a length-prefixed byte string of at most {@code maxLength} bytes. */
  public byte[] bytes(int maxLength, String field) {
    int length = count(maxLength, field + " length");
    return raw(length, field);
  }

  /** Reads a length-prefixed byte string of exactly {@code length} bytes. */
  public byte[] bytesExactly(int length, String field) {
    int actual = i32(field + " length");
    if (actual != length) {
      throw new RampartException(field + " must be " + length + " bytes, but is "
          + Integer.toUnsignedString(actual));
    }
    return raw(length, field);
  }

  /** Reads a length-prefixed, strictly valid UTF-8 string of at most {@code maxBytes} bytes. */
  public String string(int maxBytes, String field) {
    byte[] raw = bytes(maxBytes, field);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw)).toString();
    } catch (CharacterCodingException e) {
      throw new RampartException(field + " is not valid UTF-8");
    }
  }

  /** Reads a u32 count and refuses it above {@code max}. */
  public int count(int max, String field) {
    int n = i32(field);
    if (n < 0 || n > max) {
      throw new RampartException(field + " must be 0-" + max + ", but is "
          + Integer.toUnsignedString(n));
    }
    return n;
  }

  /**
   * Reads a u32 count, refuses it above {@code max}, and refuses it when the remaining input cannot
   * hold {@code count} entries of at least {@code minEntryBytes} bytes each, so a caller may size
   * a list by the count without letting a short hostile input make it allocate more.
   */
  public int count(int max, int minEntryBytes, String field) {
    int n = count(max, field);
    long needed = (long) n * minEntryBytes;
    if (needed > remaining()) {
      throw new RampartException(field + " " + n + " needs at least " + needed + " bytes, but "
          + remaining() + " remain at offset " + position);
    }
    return n;
  }

  /** Reads what {@link WireWriter#ints} wrote, at most {@code maxCount} values. */
  public int[] ints(int maxCount, String field) {
    int n = count(maxCount, 4, field + " count");
    int[] out = new int[n];
    ByteBuffer.wrap(input, position, 4 * n).asIntBuffer().get(out);
    position += 4 * n;
    return out;
  }

  /** Current offset from the start of the input. */
  public int position() {
    return position;
  }

  /** Bytes not read yet. */
  public int remaining() {
    return input.length - position;
  }

  /** Refuses trailing bytes. */
  public void expectEnd(String what) {
    if (position != input.length) {
      throw new RampartException(what + " has " + (input.length - position)
          + " unexpected trailing bytes");
    }
  }

  private void need(long n, String field) {
    if (n < 0 || input.length - position < n) {
      throw new RampartException(field + " is truncated: needs " + n + " bytes at offset "
          + position + " of " + input.length);
    }
  }
}
