package dev.rampart.protocol;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.rampart.protocol.wire.Chunk;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.Frame;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns an {@link Envelope} into the Kafka record values that carry it: one {@link Frame} when it
 * fits, otherwise {@link Chunk}s of at most {@code maxFrameBytes} each, which a
 * {@link Reassembler} puts back together. Every chunk is signed by the envelope's sender through a
 * {@link ChunkSigner}, so readers store only chunks the sender wrote. Every chunk of a set
 * carries the set digest {@link Sha256#ofPieces} over the digests of all pieces: the bytes are
 * hashed once, piece by piece, for the set digest and each chunk's signature together.
 *
 * <p>Kafka's default limit on one record is about 1 MiB ({@code message.max.bytes} on the broker,
 * {@code max.request.size} on the producer); {@link #DEFAULT_MAX_FRAME_BYTES} leaves room for
 * record and batch headers under it. Stateless and thread-safe.
 */
public final class Framing {
  /** Default largest serialized frame: 900 KiB, under the broker's default 1 MiB record limit. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 900 * 1024;
  /** Smallest accepted frame limit; below it the chunk header would dominate. */
  public static final int MIN_MAX_FRAME_BYTES = 1024;
  /**
   * Bytes reserved for a chunk's own fields inside a frame: transfer id (at most 256 characters
   * including the sender), digest, indices, length, expiry, sender, key id and signature.
   */
  static final int CHUNK_OVERHEAD = 512;

  private Framing() {}

  /**
   * The frames that carry {@code envelope}.
   *
   * @param maxFrameBytes largest serialized frame, at least {@link #MIN_MAX_FRAME_BYTES}
   * @param expiresAtMillis epoch milliseconds after which a reader drops an incomplete set; 0 lets
   *     the reader decide (a reader keeps an incomplete set no longer than its own time-to-live)
   * @param signer signs each chunk as the envelope's sender; not called when one frame suffices
   * @throws IllegalArgumentException if {@code maxFrameBytes} is too small or {@code signer} signs
   *     as another party than the envelope's sender
   */
  public static List<Frame> frames(Envelope envelope, int maxFrameBytes, long expiresAtMillis, ChunkSigner signer) {
    Objects.requireNonNull(signer, "signer");
    if (maxFrameBytes < MIN_MAX_FRAME_BYTES) {
      throw new IllegalArgumentException("maxFrameBytes must be at least " + MIN_MAX_FRAME_BYTES
          + ", but maxFrameBytes=" + maxFrameBytes);
    }
    Frame whole = Frame.newBuilder().setEnvelope(envelope).build();
    if (whole.getSerializedSize() <= maxFrameBytes) {
      return List.of(whole);
    }
    byte[] bytes = envelope.toByteArray();
    int pieceSize = maxFrameBytes - CHUNK_OVERHEAD;
    int count = (bytes.length + pieceSize - 1) / pieceSize;
    List<byte[]> pieceDigests = new ArrayList<>(count);
    MessageDigest sha = Sha256.newDigest();
    for (int i = 0; i < count; i++) {
      int from = i * pieceSize;
      sha.update(bytes, from, Math.min(bytes.length, from + pieceSize) - from);
      pieceDigests.add(sha.digest());
    }
    byte[] digest = Sha256.ofPieces(pieceDigests, bytes.length);
    String transferId = transferId(envelope, digest);
    List<Frame> frames = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int from = i * pieceSize;
      int to = Math.min(bytes.length, from + pieceSize);
      // bytes is this method's own serialization, never written after this point: the chunks
      // may share it instead of each holding a copy.
      Chunk chunk = Chunk.newBuilder()
          .setTransferId(transferId)
          .setIndex(i)
          .setCount(count)
          .setWholeSha256(ByteString.copyFrom(digest))
          .setWholeLength(bytes.length)
          .setData(UnsafeByteOperations.unsafeWrap(bytes, from, to - from))
          .setExpiresAtMs(expiresAtMillis)
          .build();
      Chunk signed = signer.sign(chunk, pieceDigests.get(i));
      if (!signed.getSender().equals(envelope.getSender())) {
        throw new IllegalArgumentException("chunk signer '" + signed.getSender()
            + "' is not the envelope's sender '" + envelope.getSender() + "'");
      }
      frames.add(Frame.newBuilder().setChunk(signed).build());
    }
    return frames;
  }

  /** Unique per message: who sent what for which round, plus a digest prefix of the bytes. */
  private static String transferId(Envelope envelope, byte[] digest) {
    return envelope.getSender() + "/" + envelope.getType().name() + "/" + envelope.getRound() + "/"
        + Hex.prefix(digest, 12);
  }
}
