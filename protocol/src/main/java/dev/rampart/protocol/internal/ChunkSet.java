package dev.rampart.protocol.internal;

import com.google.protobuf.ByteString;
import dev.rampart.protocol.wire.Chunk;
import java.util.Arrays;

/**
 * The chunks received so far of one transfer, with the count, length and digest its first chunk
 * announced. Not thread-safe; owned by a {@code Reassembler}. Not API.
 */
public final class ChunkSet {
  private final int count;
  private final long wholeLength;
  private final byte[] digest;
  private final long expiresAtMillis;
  private final ByteString[] pieces;
  private int received;
  private long bytes;

  public ChunkSet(Chunk first, long expiresAtMillis) {
    this.count = first.getCount();
    this.wholeLength = first.getWholeLength();
    this.digest = first.getWholeSha256().toByteArray();
    this.expiresAtMillis = expiresAtMillis;
    this.pieces = new ByteString[count];
  }

  /** Whether {@code chunk} announces the same count, length and digest as the first one. */
  public boolean matches(Chunk chunk) {
    return chunk.getCount() == count && chunk.getWholeLength() == wholeLength
        && Arrays.equals(chunk.getWholeSha256().toByteArray(), digest);
  }

  /** The data stored at {@code index}, or null. */
  public ByteString piece(int index) {
    return pieces[index];
  }

  /** Stores the data of chunk {@code index}, which must not be stored yet. */
  public void put(int index, ByteString data) {
    pieces[index] = data;
    received++;
    bytes += data.size();
  }

  public boolean complete() {
    return received == count;
  }

  public int received() {
    return received;
  }

  public int count() {
    return count;
  }

  public long bytes() {
    return bytes;
  }

  public long wholeLength() {
    return wholeLength;
  }

  public long expiresAtMillis() {
    return expiresAtMillis;
  }

  /** Whether {@code sha256} equals the announced digest. */
  public boolean digestMatches(byte[] sha256) {
    return java.security.MessageDigest.isEqual(sha256, digest);
  }

  /** The stored pieces concatenated in index order; call only when complete. */
  public byte[] join() {
    byte[] whole = new byte[(int) bytes];
    int offset = 0;
    for (ByteString piece : pieces) {
      piece.copyTo(whole, offset);
      offset += piece.size();
    }
    return whole;
  }
}
