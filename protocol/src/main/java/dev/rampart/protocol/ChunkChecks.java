package dev.rampart.protocol;

import dev.rampart.protocol.wire.Chunk;

/**
 * The cheap checks a {@link Reassembler} applies to a chunk before it asks the verifier and before
 * it allocates anything. Each returns null when the chunk passes, otherwise a description naming
 * the bad value. Stateless and thread-safe.
 */
final class ChunkChecks {
  /** Longest accepted sender id, in characters (party ids are 1-64 characters). */
  static final int MAX_SENDER_LENGTH = 64;
  private static final int SHA256_BYTES = 32;

  private ChunkChecks() {}

  /** Transfer id, index, count, digest, length and data present and within range. */
  static String shape(Chunk chunk) {
    String id = chunk.getTransferId();
    if (id.isEmpty() || id.length() > Reassembler.MAX_TRANSFER_ID_LENGTH) {
      return "chunk transfer id of " + id.length() + " characters (expected 1-"
          + Reassembler.MAX_TRANSFER_ID_LENGTH + ")";
    }
    if (chunk.getCount() == 0 || Integer.compareUnsigned(chunk.getIndex(), chunk.getCount()) >= 0) {
      return "chunk index=" + Integer.toUnsignedString(chunk.getIndex()) + " outside count="
          + Integer.toUnsignedString(chunk.getCount()) + " in " + id;
    }
    if (chunk.getWholeSha256().size() != SHA256_BYTES) {
      return "chunk digest of " + chunk.getWholeSha256().size() + " bytes (expected 32) in " + id;
    }
    if (chunk.getWholeLength() <= 0) {
      return "chunk whole_length=" + Long.toUnsignedString(chunk.getWholeLength()) + " in " + id;
    }
    if (chunk.getData().isEmpty() || chunk.getData().size() > chunk.getWholeLength()) {
      return "chunk " + Integer.toUnsignedString(chunk.getIndex()) + " of " + id + " carries "
          + chunk.getData().size() + " bytes of an announced " + chunk.getWholeLength();
    }
    return null;
  }

  /** Sender present, of party-id length, and the prefix of the transfer id. */
  static String sender(Chunk chunk) {
    String sender = chunk.getSender();
    if (sender.isEmpty() || sender.length() > MAX_SENDER_LENGTH) {
      return "chunk sender of " + sender.length() + " characters (expected 1-" + MAX_SENDER_LENGTH + ")";
    }
    if (!chunk.getTransferId().startsWith(sender + "/")) {
      return "chunk transfer id does not start with its sender '" + sender + "/'";
    }
    return null;
  }

  /**
   * The count is one a writer could have produced for the announced length: at most one piece
   * per {@link Reassembler#MIN_PIECE_BYTES} (rounded up) and at least one per
   * {@code maxFrameBytes}, since no piece is longer than the largest record read.
   */
  static String count(Chunk chunk, int maxFrameBytes) {
    long count = Integer.toUnsignedLong(chunk.getCount());
    long length = chunk.getWholeLength();
    long most = (length + Reassembler.MIN_PIECE_BYTES - 1) / Reassembler.MIN_PIECE_BYTES;
    if (count > most) {
      return "chunk count=" + count + " for " + length + " bytes exceeds " + most + " (pieces of at least "
          + Reassembler.MIN_PIECE_BYTES + " bytes) in " + chunk.getTransferId();
    }
    if (count * maxFrameBytes < length) {
      return "chunk count=" + count + " cannot carry " + length + " bytes in records of at most maxFrameBytes="
          + maxFrameBytes + " in " + chunk.getTransferId();
    }
    return null;
  }
}
