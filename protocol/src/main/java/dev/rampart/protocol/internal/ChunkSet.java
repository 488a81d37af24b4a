package dev.rampart.protocol.internal;

import com.google.protobuf.ByteString;
import dev.rampart.protocol.ReassemblyLimits;
import dev.rampart.protocol.Sha256;
import dev.rampart.protocol.wire.Chunk;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The chunks received so far of one transfer, with the sender, count, length, digest and expiry
 * its first chunk announced. Pieces are stored as they arrive: nothing is reserved per announced
 * chunk count.
 *
 * <p>A set made {@linkplain #ChunkSet(Chunk, long, boolean) streaming} looks at its first bytes as
 * soon as they are in: when they start a dense client update ({@link DenseLayout}), it reserves the
 * update's floats and from then on reads every piece that continues the message in order into a
 * {@link DenseStream} and lets go of it; pieces that arrive early wait until the gap before them is
 * filled. Otherwise, and for every other set, pieces are kept until {@link #join}.
 *
 * <p>{@link #charged()} is what the set holds against the reader's budget: the data of stored
 * pieces, a fixed overhead per received piece and, once streaming, the stream's reservation. Not
 * thread-safe; owned by a {@code Reassembler}. Not API.
 */
public final class ChunkSet {
  private final String sender;
  private final String transferId;
  private final int count;
  private final long wholeLength;
  private final byte[] digest;
  private final long expiresAtMillis;
  private final long rawExpiry;
  private final Map<Integer, ByteString> pieces = new HashMap<>();
  private final Map<Integer, byte[]> pieceDigests = new HashMap<>();
  private long bytes;
  private long charged;
  /** Bytes the first pieces may span while the dense layout is looked for. */
  private static final int HEAD_LIMIT = 64 * 1024;
  private boolean undecided;
  private boolean overBudget;
  private DenseStream stream;
  /** Index of the first piece not read into the stream (or, while undecided, not in the contiguous prefix). */
  private int next;

  /**
   * A set started by {@code first}, which is not stored yet, decoding a dense update's floats as
   * they arrive when {@code streaming}.
   *
   * @param expiresAtMillis when the reader drops the set if still incomplete
   */
  public ChunkSet(Chunk first, long expiresAtMillis, boolean streaming) {
    this.undecided = streaming;
    this.sender = first.getSender();
    this.transferId = first.getTransferId();
    this.count = first.getCount();
    this.wholeLength = first.getWholeLength();
    this.digest = first.getWholeSha256().toByteArray();
    this.rawExpiry = first.getExpiresAtMs();
    this.expiresAtMillis = expiresAtMillis;
  }

  /** Whether {@code chunk} announces the same count, length, digest and expiry as the first one. */
  public boolean matches(Chunk chunk) {
    return chunk.getCount() == count
        && chunk.getWholeLength() == wholeLength && chunk.getExpiresAtMs() == rawExpiry
        && MessageDigest.isEqual(chunk.getWholeSha256().toByteArray(), digest);
  }

  /** The SHA-256 of the data stored at {@code index}, or null. */
  public byte[] pieceDigest(int index) {
    return pieceDigests.get(index);
  }

  /**
   * Stores the data of chunk {@code index}, which must not be stored yet; a streaming set that
   * finds its layout reserves the floats only when they fit {@code room}, and is otherwise
   * {@linkplain #overBudget() over budget}, without having allocated them.
   *
   * @param sha256 SHA-256 of {@code data}
   * @param room bytes the reader may still reserve once this piece is counted
   */
  public void put(int index, ByteString data, byte[] sha256, long room) {
    pieces.put(index, data);
    pieceDigests.put(index, sha256);
    bytes += data.size();
    charged += data.size() + (long) ReassemblyLimits.PIECE_OVERHEAD_BYTES;
    if (undecided && index == next) {
      decide(room);
    }
    if (stream != null) {
      while (pieces.containsKey(next)) {
        ByteString piece = pieces.remove(next++);
        stream.consume(piece);
        charged -= piece.size();
      }
    }
  }

  /** Looks for the dense layout in the contiguous prefix, when it grew, and starts the stream when found. */
  private void decide(long room) {
    while (pieces.containsKey(next)) {
      next++;
    }
    long prefix = 0;
    for (int i = 0; i < next && prefix < HEAD_LIMIT; i++) {
      prefix += pieces.get(i).size();
    }
    byte[] head = new byte[(int) Math.min(prefix, HEAD_LIMIT)];
    int at = 0;
    for (int i = 0; i < next && at < head.length; i++) {
      ByteString piece = pieces.get(i);
      int n = Math.min(piece.size(), head.length - at);
      piece.copyTo(head, 0, at, n);
      at += n;
    }
    DenseLayout.Located located = DenseLayout.locate(head, head.length, wholeLength);
    if (located.status() == DenseLayout.Status.FOUND && located.layout().reservedBytes() > room) {
      undecided = false;
      overBudget = true;
    } else if (located.status() == DenseLayout.Status.FOUND) {
      undecided = false;
      stream = new DenseStream(located.layout());
      charged += stream.reservedBytes();
      next = 0;
    } else if (located.status() == DenseLayout.Status.NO || prefix >= HEAD_LIMIT || prefix >= wholeLength) {
      undecided = false;
    }
  }

  /** Whether the set found its dense layout but its floats did not fit the room it was given; nothing was reserved. */
  public boolean overBudget() {
    return overBudget;
  }

  /** Whether every announced chunk is stored. */
  public boolean complete() {
    return pieceDigests.size() == count;
  }

  /** Chunks stored so far. */
  public int received() {
    return pieceDigests.size();
  }

  /** Bytes the set holds against the reader's budget, see the class comment. */
  public long charged() {
    return charged;
  }

  /** Whether the set reads a dense update as it arrives; then {@link #streamed} replaces {@link #join}. */
  public boolean streaming() {
    return stream != null;
  }

  /** The streamed message; call only when {@link #streaming()} and complete. */
  public DenseStream.Result streamed() {
    if (!stream.finished(wholeLength)) {
      throw new IllegalStateException("chunk set " + transferId + " is not read to its end");
    }
    return stream.result();
  }

  /** The announced chunk count. */
  public int count() {
    return count;
  }

  /** The signer every chunk of the set names. */
  public String sender() {
    return sender;
  }

  /** The transfer id every chunk of the set carries. */
  public String transferId() {
    return transferId;
  }

  /** Data bytes stored so far. */
  public long bytes() {
    return bytes;
  }

  /** The announced length of the whole envelope. */
  public long wholeLength() {
    return wholeLength;
  }

  /** Epoch milliseconds after which the set is dropped if still incomplete. */
  public long expiresAtMillis() {
    return expiresAtMillis;
  }

  /**
   * Whether the announced digest is {@link Sha256#ofPieces} of the stored pieces' digests; call
   * only when complete. Costs one hash of {@code 32 × count} bytes, not of the data.
   */
  public boolean digestMatches() {
    List<byte[]> ordered = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ordered.add(pieceDigests.get(i));
    }
    return MessageDigest.isEqual(Sha256.ofPieces(ordered, bytes), digest);
  }

  /**
   * The stored pieces concatenated in index order; call only when complete, and once: the set
   * lets go of its pieces as it copies them, so that the records they sit in can be collected
   * while the joined bytes are decoded.
   */
  public byte[] join() {
    byte[] whole = new byte[(int) bytes];
    int offset = 0;
    for (int i = 0; i < count; i++) {
      ByteString piece = pieces.remove(i);
      piece.copyTo(whole, offset);
      offset += piece.size();
    }
    return whole;
  }
}
