package dev.rampart.protocol.internal;

import com.google.protobuf.ByteString;
import dev.rampart.protocol.Sha256;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;

/**
 * A dense client update read piece by piece, in order, as its chunks arrive: the float run of
 * {@link DenseLayout} is decoded straight into the update's {@code float[]}, the body is hashed as
 * it passes, and only the few bytes before and after the floats are kept. So a message's pieces
 * are let go of as soon as they are read, and its bytes and its floats never coexist whole. Not
 * thread-safe; owned by a {@link ChunkSet}. Not API.
 */
public final class DenseStream {
  private final DenseLayout layout;
  private final byte[] head;
  private final float[] floats;
  private final byte[] tail;
  private final MessageDigest body = Sha256.newDigest();
  private final byte[] carry = new byte[Float.BYTES];
  private int carried;
  private int nextFloat;
  private long position;

  /** A stream for a message laid out as {@code layout}; allocates its floats and the head and tail at once. */
  public DenseStream(DenseLayout layout) {
    this.layout = layout;
    this.head = new byte[(int) layout.floatsStart()];
    this.floats = new float[layout.floatCount()];
    this.tail = new byte[layout.tailLength()];
  }

  /** Bytes this stream holds however much has arrived: the floats, the head and the tail. */
  public long reservedBytes() {
    return layout.reservedBytes();
  }

  /** Reads the next piece of the message, the one that starts where the last one ended. */
  public void consume(ByteString piece) {
    long start = position;
    long end = start + piece.size();
    copy(piece, start, 0, layout.floatsStart(), head, 0);
    long from = Math.max(start, layout.bodyStart());
    long to = Math.min(end, layout.bodyEnd());
    if (from < to) {
      Sha256.update(body, piece.substring((int) (from - start), (int) (to - start)));
    }
    from = Math.max(start, layout.floatsStart());
    to = Math.min(end, layout.floatsEnd());
    if (from < to) {
      decode(piece.substring((int) (from - start), (int) (to - start)));
    }
    copy(piece, start, layout.floatsEnd(), Long.MAX_VALUE, tail, layout.floatsEnd());
    position = end;
  }

  /** Copies the part of {@code piece} (starting at message offset {@code start}) in {@code [from, to)} into {@code into}, which starts at {@code intoAt}. */
  private static void copy(ByteString piece, long start, long from, long to, byte[] into, long intoAt) {
    long a = Math.max(start, from);
    long b = Math.min(start + piece.size(), to);
    if (a < b) {
      piece.copyTo(into, (int) (a - start), (int) (a - intoAt), (int) (b - a));
    }
  }

  private void decode(ByteString run) {
    int offset = 0;
    while (carried > 0 && offset < run.size()) {
      carry[carried++] = run.byteAt(offset++);
      if (carried == Float.BYTES) {
        floats[nextFloat++] = ByteBuffer.wrap(carry).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get();
        carried = 0;
      }
    }
    int whole = (run.size() - offset) / Float.BYTES;
    if (whole > 0) {
      run.substring(offset, offset + whole * Float.BYTES).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN)
          .asFloatBuffer().get(floats, nextFloat, whole);
      nextFloat += whole;
      offset += whole * Float.BYTES;
    }
    while (offset < run.size()) {
      carry[carried++] = run.byteAt(offset++);
    }
  }

  /** Whether every byte of the message has been read; {@code length} is the message's length. */
  public boolean finished(long length) {
    return position == length && nextFloat == floats.length && carried == 0;
  }

  /**
   * The message once {@link #finished}: the envelope with its float run cut out and the body's
   * SHA-256 and floats beside it, or, when a later field would override the located run (see
   * {@link DenseLayout#reduce}), the message's bytes as they were sent, rebuilt from the floats.
   */
  public Result result() {
    byte[] reduced = layout.reduce(head, tail);
    if (reduced != null) {
      return new Result(reduced, body.digest(), floats);
    }
    byte[] whole = new byte[Math.toIntExact(head.length + (long) floats.length * Float.BYTES + tail.length)];
    System.arraycopy(head, 0, whole, 0, head.length);
    ByteBuffer.wrap(whole, head.length, floats.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN)
        .asFloatBuffer().put(floats);
    System.arraycopy(tail, 0, whole, whole.length - tail.length, tail.length);
    return new Result(whole, null, null);
  }

  /**
   * A finished message: {@code envelope} is the reduced envelope when {@code bodySha256} and
   * {@code floats} are set, else the whole envelope as sent.
   */
  public record Result(byte[] envelope, byte[] bodySha256, float[] floats) {}
}
