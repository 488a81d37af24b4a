package dev.rampart.protocol;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.rampart.protocol.internal.ChunkSet;
import dev.rampart.protocol.wire.Chunk;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.Frame;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts chunked envelopes back together and checks them against the announced SHA-256 and length.
 *
 * <p>Bounded: a set announcing more than {@code maxMessageBytes}, or chunks that would push the
 * bytes held for incomplete sets over {@code maxPendingBytes}, are rejected as
 * {@link RejectionReason#OVERSIZED}. Incomplete sets are dropped by {@link #expire()} once their
 * expiry (the round deadline the sender wrote into each chunk, or {@code now + defaultTtl} when it
 * wrote none) has passed. A chunk delivered twice is harmless; a chunk that contradicts an earlier
 * one (other count, digest, length or data) rejects the whole set as
 * {@link RejectionReason#CHUNK_CORRUPT}.
 *
 * <p>Not thread-safe: one instance per consuming thread.
 */
public final class Reassembler {
  /** Default largest reassembled message: 1 GiB. */
  public static final long DEFAULT_MAX_MESSAGE_BYTES = 1L << 30;
  /** Default bound on bytes held for incomplete sets: 2 GiB. */
  public static final long DEFAULT_MAX_PENDING_BYTES = 2L << 30;
  /** Default lifetime of an incomplete set whose chunks carry no expiry. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
  /** Most incomplete sets held at once; a flood of one-chunk sets cannot exhaust memory. */
  public static final int MAX_PENDING_SETS = 10_000;

  private final long maxMessageBytes;
  private final long maxPendingBytes;
  private final Duration defaultTtl;
  private final InstantSource clock;
  private final Map<String, ChunkSet> pending = new LinkedHashMap<>();
  private long pendingBytes;

  private Reassembler(long maxMessageBytes, long maxPendingBytes, Duration defaultTtl, InstantSource clock) {
    if (maxMessageBytes <= 0 || maxPendingBytes < maxMessageBytes) {
      throw new IllegalArgumentException("need 0 < maxMessageBytes <= maxPendingBytes, but maxMessageBytes="
          + maxMessageBytes + ", maxPendingBytes=" + maxPendingBytes);
    }
    if (defaultTtl.isNegative() || defaultTtl.isZero()) {
      throw new IllegalArgumentException("defaultTtl must be positive, but was " + defaultTtl);
    }
    this.maxMessageBytes = maxMessageBytes;
    this.maxPendingBytes = maxPendingBytes;
    this.defaultTtl = defaultTtl;
    this.clock = clock;
  }

  /** A reassembler with the default limits. */
  public static Reassembler create(InstantSource clock) {
    return new Reassembler(DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_PENDING_BYTES, DEFAULT_TTL, clock);
  }

  /** A reassembler with explicit limits; the message names any inconsistent value. */
  public static Reassembler create(long maxMessageBytes, long maxPendingBytes, Duration defaultTtl,
      InstantSource clock) {
    return new Reassembler(maxMessageBytes, maxPendingBytes, defaultTtl, clock);
  }

  /** Parses one Kafka record value and feeds it in; malformed bytes are rejected, never thrown. */
  public Reassembly accept(byte[] recordValue) {
    Frame frame;
    try {
      frame = Frame.parseFrom(recordValue);
    } catch (InvalidProtocolBufferException e) {
      return new Reassembly.Rejected(RejectionReason.MALFORMED,
          "record of " + recordValue.length + " bytes is not a Rampart frame", "");
    }
    return accept(frame);
  }

  /** Feeds one frame in. */
  public Reassembly accept(Frame frame) {
    switch (frame.getContentCase()) {
      case ENVELOPE:
        return new Reassembly.Complete(frame.getEnvelope());
      case CHUNK:
        return acceptChunk(frame.getChunk());
      default:
        return new Reassembly.Rejected(RejectionReason.MALFORMED, "frame carries neither envelope nor chunk", "");
    }
  }

  private Reassembly acceptChunk(Chunk chunk) {
    String id = chunk.getTransferId();
    String problem = validate(chunk);
    if (problem != null) {
      drop(id);
      return new Reassembly.Rejected(RejectionReason.MALFORMED, problem, id);
    }
    if (chunk.getWholeLength() > maxMessageBytes) {
      drop(id);
      return new Reassembly.Rejected(RejectionReason.OVERSIZED, "chunk set " + id + " announces "
          + chunk.getWholeLength() + " bytes, above maxMessageBytes=" + maxMessageBytes, id);
    }
    ChunkSet set = pending.get(id);
    if (set == null) {
      if (pending.size() >= MAX_PENDING_SETS) {
        return new Reassembly.Rejected(RejectionReason.OVERSIZED, "already " + pending.size()
            + " incomplete chunk sets held; dropping " + id, id);
      }
      set = new ChunkSet(chunk, expiry(chunk));
      pending.put(id, set);
    } else if (!set.matches(chunk)) {
      drop(id);
      return new Reassembly.Rejected(RejectionReason.CHUNK_CORRUPT,
          "chunk " + chunk.getIndex() + " of " + id + " contradicts the set's count, length or digest", id);
    }
    int index = chunk.getIndex();
    ByteString existing = set.piece(index);
    if (existing != null) {
      if (existing.equals(chunk.getData())) {
        return new Reassembly.Redelivered(id, index);
      }
      drop(id);
      return new Reassembly.Rejected(RejectionReason.CHUNK_CORRUPT,
          "chunk " + index + " of " + id + " arrived twice with different data", id);
    }
    if (pendingBytes + chunk.getData().size() > maxPendingBytes) {
      drop(id);
      return new Reassembly.Rejected(RejectionReason.OVERSIZED, "holding chunk " + index + " of " + id
          + " would exceed maxPendingBytes=" + maxPendingBytes, id);
    }
    set.put(index, chunk.getData());
    pendingBytes += chunk.getData().size();
    if (!set.complete()) {
      return new Reassembly.Pending(id, set.received(), set.count());
    }
    drop(id);
    return complete(id, set);
  }

  private static String validate(Chunk chunk) {
    if (chunk.getTransferId().isEmpty()) {
      return "chunk without transfer id";
    }
    if (chunk.getCount() == 0 || Integer.compareUnsigned(chunk.getIndex(), chunk.getCount()) >= 0) {
      return "chunk index=" + Integer.toUnsignedString(chunk.getIndex()) + " outside count="
          + Integer.toUnsignedString(chunk.getCount()) + " in " + chunk.getTransferId();
    }
    if (Integer.toUnsignedLong(chunk.getCount()) > Math.max(1, chunk.getWholeLength())) {
      return "chunk count=" + Integer.toUnsignedString(chunk.getCount()) + " exceeds announced length="
          + chunk.getWholeLength() + " in " + chunk.getTransferId();
    }
    if (chunk.getCount() > (1 << 20)) {
      return "chunk count=" + chunk.getCount() + " above 1048576 in " + chunk.getTransferId();
    }
    if (chunk.getWholeSha256().size() != 32) {
      return "chunk digest of " + chunk.getWholeSha256().size() + " bytes (expected 32) in " + chunk.getTransferId();
    }
    return null;
  }

  private Reassembly complete(String id, ChunkSet set) {
    if (set.bytes() != set.wholeLength()) {
      return new Reassembly.Rejected(RejectionReason.CHUNK_CORRUPT, "chunk set " + id + " carries "
          + set.bytes() + " bytes but announced " + set.wholeLength(), id);
    }
    byte[] whole = set.join();
    if (!set.digestMatches(FloatVectors.sha256().digest(whole))) {
      return new Reassembly.Rejected(RejectionReason.CHUNK_CORRUPT,
          "chunk set " + id + " does not match its announced SHA-256", id);
    }
    try {
      return new Reassembly.Complete(Envelope.parseFrom(whole));
    } catch (InvalidProtocolBufferException e) {
      return new Reassembly.Rejected(RejectionReason.MALFORMED,
          "chunk set " + id + " reassembles to bytes that are not an envelope", id);
    }
  }

  /**
   * Drops every incomplete set whose expiry has passed.
   *
   * @return one {@link RejectionReason#CHUNK_INCOMPLETE} rejection per dropped set
   */
  public List<Reassembly.Rejected> expire() {
    long now = clock.millis();
    List<Reassembly.Rejected> dropped = new ArrayList<>();
    Iterator<Map.Entry<String, ChunkSet>> it = pending.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, ChunkSet> entry = it.next();
      ChunkSet set = entry.getValue();
      if (set.expiresAtMillis() <= now) {
        it.remove();
        pendingBytes -= set.bytes();
        dropped.add(new Reassembly.Rejected(RejectionReason.CHUNK_INCOMPLETE, "chunk set " + entry.getKey()
            + " expired with " + set.received() + " of " + set.count() + " chunks", entry.getKey()));
      }
    }
    return dropped;
  }

  /** Number of chunk sets still waiting for chunks. */
  public int pendingSets() {
    return pending.size();
  }

  /** Bytes held for incomplete sets. */
  public long pendingBytes() {
    return pendingBytes;
  }

  private long expiry(Chunk chunk) {
    return chunk.getExpiresAtMs() > 0 ? chunk.getExpiresAtMs() : clock.millis() + defaultTtl.toMillis();
  }

  private void drop(String id) {
    ChunkSet set = pending.remove(id);
    if (set != null) {
      pendingBytes -= set.bytes();
    }
  }
}
