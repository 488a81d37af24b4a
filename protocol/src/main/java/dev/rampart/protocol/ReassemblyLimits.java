package dev.rampart.protocol;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds a {@link Reassembler} enforces on chunked messages. Immutable and thread-safe.
 *
 * <p>Every byte a reader reserves for an incomplete chunk set (the piece data plus
 * {@link #PIECE_OVERHEAD_BYTES} per stored piece and {@link #SET_OVERHEAD_BYTES} per set) counts
 * against {@link #maxPendingBytes}; nothing is reserved per announced chunk count.
 *
 * @param maxMessageBytes largest reassembled envelope, in bytes; a chunk announcing a longer whole
 *     is refused before anything is stored
 * @param maxPendingBytes bytes that incomplete chunk sets may reserve in total, at least
 *     {@code maxMessageBytes}
 * @param maxPendingSets incomplete chunk sets held at once, all senders together, at least 1
 * @param maxPendingSetsPerSender incomplete chunk sets held at once for one sender, 1 to
 *     {@code maxPendingSets}
 * @param maxTtl longest an incomplete set is kept after its first chunk arrived, positive and at
 *     most {@link #MAX_TTL_BOUND}; the
 *     expiry a sender writes is clamped to {@code now + maxTtl}
 * @param maxFrameBytes largest Kafka record value read, in bytes, at least
 *     {@link Framing#MIN_MAX_FRAME_BYTES}; longer records are refused unparsed
 */
public record ReassemblyLimits(long maxMessageBytes, long maxPendingBytes, int maxPendingSets,
    int maxPendingSetsPerSender, Duration maxTtl, int maxFrameBytes) {

  /** Upper end of the default {@link #maxMessageBytes}: 256 MiB. */
  public static final long DEFAULT_MAX_MESSAGE_BYTES = 256L << 20;
  /** Upper end of the default {@link #maxPendingBytes}: 2 GiB. */
  public static final long DEFAULT_MAX_PENDING_BYTES = 2L << 30;
  /** The default {@link #maxPendingBytes} is at most the JVM's max heap divided by this. */
  public static final int DEFAULT_HEAP_FRACTION = 4;
  /** Default {@link #maxPendingSets}. */
  public static final int DEFAULT_MAX_PENDING_SETS = 10_000;
  /** Default {@link #maxPendingSetsPerSender}. */
  public static final int DEFAULT_MAX_PENDING_SETS_PER_SENDER = 64;
  /** Default {@link #maxTtl}: 10 minutes. */
  public static final Duration DEFAULT_MAX_TTL = Duration.ofMinutes(10);
  /** Default {@link #maxFrameBytes}: 1 MiB, the broker's default record limit. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 1 << 20;
  /** Longest accepted {@link #maxTtl}: 365 days. */
  public static final Duration MAX_TTL_BOUND = Duration.ofDays(365);
  /** Bytes counted per stored piece on top of its data (map entry, buffer header). */
  public static final int PIECE_OVERHEAD_BYTES = 128;
  /** Bytes counted per incomplete set on top of its pieces (ids, digest, map entries). */
  public static final int SET_OVERHEAD_BYTES = 1024;

  /** Validates the fields; the message names the bad value. */
  public ReassemblyLimits {
    Objects.requireNonNull(maxTtl, "maxTtl");
    if (maxMessageBytes <= 0 || maxPendingBytes < maxMessageBytes) {
      throw new IllegalArgumentException("need 0 < maxMessageBytes <= maxPendingBytes, but maxMessageBytes="
          + maxMessageBytes + ", maxPendingBytes=" + maxPendingBytes);
    }
    if (maxPendingSets < 1 || maxPendingSetsPerSender < 1 || maxPendingSetsPerSender > maxPendingSets) {
      throw new IllegalArgumentException("need 1 <= maxPendingSetsPerSender <= maxPendingSets, but "
          + "maxPendingSetsPerSender=" + maxPendingSetsPerSender + ", maxPendingSets=" + maxPendingSets);
    }
    if (maxTtl.isNegative() || maxTtl.isZero() || maxTtl.compareTo(MAX_TTL_BOUND) > 0) {
      throw new IllegalArgumentException("maxTtl must be positive and at most " + MAX_TTL_BOUND
          + ", but maxTtl=" + maxTtl);
    }
    if (maxFrameBytes < Framing.MIN_MAX_FRAME_BYTES) {
      throw new IllegalArgumentException("maxFrameBytes must be at least " + Framing.MIN_MAX_FRAME_BYTES
          + ", but maxFrameBytes=" + maxFrameBytes);
    }
  }

  /**
   * The defaults for this JVM: {@code maxPendingBytes = min(2 GiB, maxHeap / 4)},
   * {@code maxMessageBytes = min(256 MiB, maxPendingBytes / 2)}, 10,000 sets in total, 64 per
   * sender, a 10 minute time-to-live and 1 MiB records. A process with a 512 MiB heap thus holds at
   * most 128 MiB of incomplete sets.
   */
  public static ReassemblyLimits defaults() {
    return forHeap(Runtime.getRuntime().maxMemory());
  }

  /**
   * The defaults for a JVM whose max heap is {@code maxHeapBytes} (see {@link #defaults()}).
   *
   * @param maxHeapBytes at least 1 MiB
   */
  public static ReassemblyLimits forHeap(long maxHeapBytes) {
    if (maxHeapBytes < (1L << 20)) {
      throw new IllegalArgumentException("maxHeapBytes must be at least 1 MiB, but maxHeapBytes=" + maxHeapBytes);
    }
    long pending = Math.min(DEFAULT_MAX_PENDING_BYTES, maxHeapBytes / DEFAULT_HEAP_FRACTION);
    return new ReassemblyLimits(Math.min(DEFAULT_MAX_MESSAGE_BYTES, pending / 2), pending,
        DEFAULT_MAX_PENDING_SETS, DEFAULT_MAX_PENDING_SETS_PER_SENDER, DEFAULT_MAX_TTL, DEFAULT_MAX_FRAME_BYTES);
  }

  /** A copy with another {@link #maxMessageBytes}. */
  public ReassemblyLimits withMaxMessageBytes(long bytes) {
    return new ReassemblyLimits(bytes, maxPendingBytes, maxPendingSets, maxPendingSetsPerSender, maxTtl,
        maxFrameBytes);
  }

  /** A copy with another {@link #maxPendingBytes}. */
  public ReassemblyLimits withMaxPendingBytes(long bytes) {
    return new ReassemblyLimits(maxMessageBytes, bytes, maxPendingSets, maxPendingSetsPerSender, maxTtl,
        maxFrameBytes);
  }

  /** A copy with other {@link #maxPendingSets} and {@link #maxPendingSetsPerSender}. */
  public ReassemblyLimits withMaxPendingSets(int total, int perSender) {
    return new ReassemblyLimits(maxMessageBytes, maxPendingBytes, total, perSender, maxTtl, maxFrameBytes);
  }

  /** A copy with another {@link #maxTtl}. */
  public ReassemblyLimits withMaxTtl(Duration ttl) {
    return new ReassemblyLimits(maxMessageBytes, maxPendingBytes, maxPendingSets, maxPendingSetsPerSender, ttl,
        maxFrameBytes);
  }

  /** A copy with another {@link #maxFrameBytes}. */
  public ReassemblyLimits withMaxFrameBytes(int bytes) {
    return new ReassemblyLimits(maxMessageBytes, maxPendingBytes, maxPendingSets, maxPendingSetsPerSender,
        maxTtl, bytes);
  }
}
