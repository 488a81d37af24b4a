package dev.rampart.protocol.internal;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;

/**
 * Where the dense floats of a serialized {@code CLIENT_UPDATE} envelope lie: the offsets of
 * {@code Envelope.body} (field 7), of {@code ClientUpdate.dense} (field 6) inside it and of
 * {@code DenseVector.float32_le} (field 2) inside that, found by walking the protobuf wire format
 * of the message's first bytes. Not API.
 *
 * <p>Only the first occurrence of each field is located, and only an envelope whose {@code type}
 * (field 2) says {@code CLIENT_UPDATE} before its body; anything else (another type, a group, a
 * length that runs past its parent, a float run shorter than {@value #MIN_FLOAT_BYTES} bytes or
 * not a multiple of 4) is {@link Status#NO}, and the caller reassembles the message whole. Whether
 * the located run is the one a parser keeps (no later occurrence overrides it) can only be told
 * from the bytes after it: see {@link #reduce}.
 *
 * <p>Every offset is an index into the whole serialized envelope. Immutable and thread-safe.
 */
public final class DenseLayout {
  /** Shortest float run worth decoding as it arrives; shorter messages are joined whole. */
  public static final int MIN_FLOAT_BYTES = 4096;
  private static final int ENVELOPE_TYPE = 2;
  private static final int ENVELOPE_BODY = 7;
  private static final int UPDATE_DENSE = 6;
  private static final int UPDATE_COMPRESSED = 7;
  private static final int DENSE_FLOATS = 2;
  private static final int CLIENT_UPDATE = 3;
  private static final int LENGTH_DELIMITED = 2;

  /** What {@link #locate} made of the bytes it was given. */
  public enum Status {
    /** The float run is located. */
    FOUND,
    /** The bytes end before the float run's start could be told: give more. */
    NEED_MORE,
    /** The message is not a dense client update this class can stream. */
    NO
  }

  /** The outcome of {@link #locate}: a status, and the layout when it is {@link Status#FOUND}. */
  public record Located(Status status, DenseLayout layout) {}

  private final long bodyStart;
  private final long bodyEnd;
  private final long denseStart;
  private final long denseEnd;
  private final long floatsStart;
  private final long floatsEnd;
  private final long wholeLength;
  private final int bodyTagAt;
  private final int denseTagAt;
  private final int floatsTagAt;

  private DenseLayout(Field body, Field dense, Field floats, long wholeLength) {
    this.bodyTagAt = (int) body.tagAt;
    this.bodyStart = body.start;
    this.bodyEnd = body.end;
    this.denseTagAt = (int) dense.tagAt;
    this.denseStart = dense.start;
    this.denseEnd = dense.end;
    this.floatsTagAt = (int) floats.tagAt;
    this.floatsStart = floats.start;
    this.floatsEnd = floats.end;
    this.wholeLength = wholeLength;
  }

  /**
   * Locates the float run from the first {@code length} bytes of a message of {@code wholeLength}
   * bytes. Never throws on any input.
   */
  public static Located locate(byte[] head, int length, long wholeLength) {
    Walk w = new Walk(head, length);
    Field body = w.find(0, wholeLength, ENVELOPE_BODY, true);
    if (body.status != Status.FOUND) {
      return new Located(body.status, null);
    }
    Field dense = w.find(body.start, body.end, UPDATE_DENSE, false);
    if (dense.status != Status.FOUND) {
      return new Located(dense.status, null);
    }
    Field floats = w.find(dense.start, dense.end, DENSE_FLOATS, false);
    if (floats.status != Status.FOUND) {
      return new Located(floats.status, null);
    }
    long run = floats.end - floats.start;
    if (run < MIN_FLOAT_BYTES || run % Float.BYTES != 0) {
      return new Located(Status.NO, null);
    }
    return new Located(Status.FOUND, new DenseLayout(body, dense, floats, wholeLength));
  }

  /** Offset of the first float byte: the bytes before it are the head. */
  public long floatsStart() {
    return floatsStart;
  }

  /** Offset just past the last float byte: the bytes from here to the end are the tail. */
  public long floatsEnd() {
    return floatsEnd;
  }

  /** Offset of the first byte of the envelope's body. */
  public long bodyStart() {
    return bodyStart;
  }

  /** Offset just past the envelope's body. */
  public long bodyEnd() {
    return bodyEnd;
  }

  /** Number of floats in the run. */
  public int floatCount() {
    return (int) ((floatsEnd - floatsStart) / Float.BYTES);
  }

  /**
   * Bytes a {@link DenseStream} of this layout allocates: the floats, the head and the tail,
   * which together are the whole message.
   */
  public long reservedBytes() {
    return wholeLength;
  }

  /** Number of bytes after the float run. */
  public int tailLength() {
    return (int) (wholeLength - floatsEnd);
  }

  /**
   * The envelope with the float field cut out (so {@code float32_le} reads empty; the two enclosing
   * lengths shortened, every other byte as sent), or null when a parser would not keep the located run: when the tail holds a later
   * {@code float32_le} in the same vector, a later {@code dense} or {@code compressed} payload in
   * the same update, or a later body in the envelope (each of these would override or merge with
   * what was located), or when the tail is not well-formed at those levels. A null answer means the
   * message must be read whole, as the bytes say.
   *
   * @param head the message's bytes before {@link #floatsStart()}
   * @param tail the message's bytes from {@link #floatsEnd()} on
   */
  public byte[] reduce(byte[] head, byte[] tail) {
    int denseRest = (int) (denseEnd - floatsEnd);
    int updateRest = (int) (bodyEnd - denseEnd);
    if (occurs(tail, 0, denseRest, DENSE_FLOATS, -1)
        || occurs(tail, denseRest, denseRest + updateRest, UPDATE_DENSE, UPDATE_COMPRESSED)
        || occurs(tail, denseRest + updateRest, tail.length, ENVELOPE_BODY, -1)) {
      return null;
    }
    int denseBefore = (int) (floatsTagAt - denseStart);
    long dense = denseBefore + (long) denseRest;
    int updateBefore = (int) (denseTagAt - bodyStart);
    long update = updateBefore + tagSize(UPDATE_DENSE) + sizeOf(dense) + dense + updateRest;
    long total = bodyTagAt + tagSize(ENVELOPE_BODY) + sizeOf(update) + update
        + (tail.length - denseRest - updateRest);
    byte[] out = new byte[Math.toIntExact(total)];
    CodedOutputStream o = CodedOutputStream.newInstance(out);
    try {
      o.write(head, 0, bodyTagAt);
      o.writeTag(ENVELOPE_BODY, LENGTH_DELIMITED);
      o.writeUInt32NoTag((int) update);
      o.write(head, (int) bodyStart, updateBefore);
      o.writeTag(UPDATE_DENSE, LENGTH_DELIMITED);
      o.writeUInt32NoTag((int) dense);
      o.write(head, (int) denseStart, denseBefore);
      o.write(tail, 0, tail.length);
      o.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new IllegalStateException("reduced envelope of " + total + " bytes did not fit its own size", e);
    }
    return out;
  }

  private static int tagSize(int field) {
    return CodedOutputStream.computeTagSize(field);
  }

  private static int sizeOf(long length) {
    return CodedOutputStream.computeUInt32SizeNoTag((int) length);
  }

  /** Whether {@code [from, to)} of {@code bytes}, read as one level of fields, holds field a or b, or is malformed. */
  private static boolean occurs(byte[] bytes, int from, int to, int a, int b) {
    Walk w = new Walk(bytes, to);
    long pos = from;
    while (pos < to) {
      Field f = w.next(pos, to);
      if (f.status != Status.FOUND || f.number == a || f.number == b) {
        return true;
      }
      pos = f.end;
    }
    return pos != to;
  }

  /** A field found by a walk: where its tag is, where its payload starts and ends, and its value when a varint. */
  private record Field(Status status, int number, int wireType, long tagAt, long start, long end, long value) {
    static Field of(Status status) {
      return new Field(status, 0, -1, 0, 0, 0, 0);
    }
  }

  /** A reader of protobuf wire format over the first {@code length} bytes of {@code bytes}. */
  private static final class Walk {
    private final byte[] bytes;
    private final int length;

    Walk(byte[] bytes, int length) {
      this.bytes = bytes;
      this.length = length;
    }

    /** The first occurrence of length-delimited field {@code wanted} in {@code [from, to)}. */
    Field find(long from, long to, int wanted, boolean envelope) {
      long pos = from;
      boolean update = !envelope;
      while (pos < to) {
        Field f = next(pos, to);
        if (f.status != Status.FOUND) {
          return f;
        }
        if (envelope && f.number == ENVELOPE_TYPE && f.wireType == 0) {
          update = f.value == CLIENT_UPDATE;
        }
        if (f.number == wanted) {
          return update && f.wireType == LENGTH_DELIMITED ? f : Field.of(Status.NO);
        }
        pos = f.end;
      }
      return Field.of(Status.NO);
    }

    /**
     * The field whose tag is at {@code pos}: for a varint, start = end and value = the varint; for
     * a length-delimited field, its payload's range; fixed widths skipped.
     */
    Field next(long pos, long to) {
      long[] tag = varint(pos, to);
      if (tag == null || tag[0] == -2) {
        return Field.of(tag == null ? Status.NEED_MORE : Status.NO);
      }
      long number = tag[0] >>> 3;
      int wireType = (int) (tag[0] & 7);
      long at = tag[1];
      if (number == 0 || tag[0] > 0xFFFF_FFFFL) {
        return Field.of(Status.NO);
      }
      switch (wireType) {
        case 0 -> {
          long[] v = varint(at, to);
          if (v == null || v[0] == -2) {
            return Field.of(v == null ? Status.NEED_MORE : Status.NO);
          }
          return new Field(Status.FOUND, (int) number, wireType, pos, v[1], v[1], v[0]);
        }
        case 1, 5 -> {
          long end = at + (wireType == 1 ? 8 : 4);
          return end > to ? Field.of(Status.NO) : new Field(Status.FOUND, (int) number, wireType, pos, end, end, 0);
        }
        case LENGTH_DELIMITED -> {
          long[] len = varint(at, to);
          if (len == null || len[0] == -2) {
            return Field.of(len == null ? Status.NEED_MORE : Status.NO);
          }
          if (len[0] < 0 || len[0] > Integer.MAX_VALUE || len[1] + len[0] > to) {
            return Field.of(Status.NO);
          }
          return new Field(Status.FOUND, (int) number, wireType, pos, len[1], len[1] + len[0], 0);
        }
        default -> {
          return Field.of(Status.NO);
        }
      }
    }

    /**
     * The varint at {@code pos} and the offset after it; null when the known bytes end inside it;
     * {@code {-2, ..}} when it is longer than 10 bytes or runs past {@code to}. A varint read as a
     * length or tag above 2^63 is negative and refused by the caller.
     */
    private long[] varint(long pos, long to) {
      long value = 0;
      for (int i = 0; i < 10; i++) {
        long at = pos + i;
        if (at >= to) {
          return new long[] {-2, 0};
        }
        if (at >= length) {
          return null;
        }
        int b = bytes[(int) at] & 0xff;
        value |= (long) (b & 0x7f) << (7 * i);
        if (b < 0x80) {
          return new long[] {value, at + 1};
        }
      }
      return new long[] {-2, 0};
    }
  }
}
