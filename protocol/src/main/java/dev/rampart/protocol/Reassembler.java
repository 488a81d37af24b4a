package dev.rampart.protocol;

import com.google.protobuf.CodedInputStream;
import dev.rampart.protocol.internal.ChunkSet;
import dev.rampart.protocol.internal.DenseStream;
import dev.rampart.protocol.wire.Chunk;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.Frame;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Puts chunked envelopes back together and checks them against the announced length and set
 * digest ({@link Sha256#ofPieces}: each piece's data is hashed once, when it arrives, for its
 * signature check and the set digest together).
 * Every reader of a Rampart topic, coordinator and client, reassembles through one of these.
 *
 * <p>Bounded ({@link ReassemblyLimits}): a record longer than {@code maxFrameBytes} is refused
 * unparsed; a chunk announcing a whole above {@code maxMessageBytes}, or a count that no writer
 * could have produced for that length (more than one piece per
 * {@value #MIN_PIECE_BYTES} bytes, or fewer pieces than {@code maxFrameBytes} allows), is refused
 * before anything is allocated. Pieces are stored as they arrive, never preallocated per count,
 * and every stored byte plus a fixed per-piece and per-set overhead counts against
 * {@code maxPendingBytes}; a {@link #decodingDense} reader reserves a dense update's floats in full
 * when its first bytes show their length (the announced length bounds them), counts that
 * reservation instead of the pieces it has read, and refuses the set as {@code OVERSIZED} when the
 * reservation would exceed the budget. At most {@code maxPendingSets} incomplete sets are held, and at most
 * {@code maxPendingSetsPerSender} of one sender, so one sender cannot crowd out the others. An
 * incomplete set is dropped by {@link #expire()} at the expiry its sender wrote, but never later
 * than {@code maxTtl} after its first chunk arrived.
 *
 * <p>Authenticated: every chunk names its sender and is signed by it. After the cheap checks
 * above, the {@link ChunkVerifier} decides (known sender, key id, signature) before anything of
 * the chunk is stored; a chunk it refuses is rejected alone and leaves every set untouched, so a
 * party that cannot sign can neither cancel nor stall an honest transfer. A transfer id must start
 * with {@code sender + "/"}, so another sender, even an enrolled one, cannot add to or contradict a
 * transfer that is not its own. A chunk delivered twice
 * is harmless; a verified chunk that contradicts its set (other count, length, digest, expiry or
 * data) is its sender's own equivocation and drops that set as
 * {@link RejectionReason#CHUNK_CORRUPT}. Single-frame envelopes are passed through unchanged;
 * their envelope signature is the caller's to check, as is the envelope of a reassembled set.
 *
 * <p>{@link #accept} never throws: every input is answered with a {@link Reassembly}.
 *
 * <p>Not thread-safe: one instance per consuming thread.
 */
public final class Reassembler {
  /** Smallest piece an honest writer cuts (all but the last piece of a set are this large or larger). */
  public static final int MIN_PIECE_BYTES = Framing.MIN_MAX_FRAME_BYTES - Framing.CHUNK_OVERHEAD;
  /** Longest accepted transfer id, in characters. */
  public static final int MAX_TRANSFER_ID_LENGTH = 256;

  private final ReassemblyLimits limits;
  private final ChunkVerifier verifier;
  private final InstantSource clock;
  private final boolean decodeDense;
  private final Map<String, ChunkSet> pending = new LinkedHashMap<>();
  private final Map<String, Integer> setsBySender = new HashMap<>();
  private long pendingBytes;

  private Reassembler(ReassemblyLimits limits, ChunkVerifier verifier, InstantSource clock, boolean decodeDense) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.decodeDense = decodeDense;
  }

  /**
   * A reassembler.
   *
   * @param limits the bounds to enforce, e.g. {@link ReassemblyLimits#defaults()}
   * @param verifier decides whether a chunk was signed by the sender it names
   * @param clock the source of "now" for expiry
   */
  public static Reassembler create(ReassemblyLimits limits, ChunkVerifier verifier, InstantSource clock) {
    return new Reassembler(limits, verifier, clock, false);
  }

  /**
   * A reassembler that decodes the floats of a chunked dense client update as its chunks arrive
   * (for a reader of the updates topic): such a set holds its update's {@code float[]}, reserved
   * in full against {@code maxPendingBytes} when the first bytes show the layout, and a chunk is
   * let go of once it is read, so the chunks and the decoded update never coexist whole. Such a
   * set completes as a {@link Reassembly.Complete} whose {@link Reassembly.Complete#dense() dense}
   * part holds the floats and the SHA-256 of the body as sent, and whose envelope is the one sent
   * with {@code float32_le} left empty. A message whose bytes put a later field over the floats read
   * (a second body, payload or {@code float32_le}, which a protobuf parser would keep instead) is
   * rebuilt from them and completes whole, as every other message does. Whole-frame envelopes are
   * passed through as with {@link #create}.
   *
   * @param limits the bounds to enforce, e.g. {@link ReassemblyLimits#defaults()}
   * @param verifier decides whether a chunk was signed by the sender it names
   * @param clock the source of "now" for expiry
   */
  public static Reassembler decodingDense(ReassemblyLimits limits, ChunkVerifier verifier, InstantSource clock) {
    return new Reassembler(limits, verifier, clock, true);
  }

  /**
   * Parses one Kafka record value and feeds it in. Never throws: malformed, oversized, unsigned
   * or badly signed input is answered with {@link Reassembly.Rejected}, whose detail names
   * {@code recordKey} when there is one.
   *
   * @param recordKey the record's Kafka key, may be null; only used to name the record
   * @param recordValue the record's value, may be null; a chunk's data is kept in it, not copied,
   *     until its set completes or is dropped, so the caller must not write to it afterwards
   */
  public Reassembly accept(String recordKey, byte[] recordValue) {
    Reassembly outcome;
    try {
      outcome = acceptRecord(recordValue);
    } catch (RuntimeException e) {
      outcome = new Reassembly.Rejected(RejectionReason.MALFORMED,
          "record could not be read (" + e.getClass().getSimpleName() + ")", "");
    }
    if (recordKey != null && outcome instanceof Reassembly.Rejected r) {
      return new Reassembly.Rejected(r.reason(), r.detail() + " (record key " + quote(recordKey) + ")",
          r.transferId());
    }
    return outcome;
  }

  private Reassembly acceptRecord(byte[] recordValue) {
    if (recordValue == null) {
      return new Reassembly.Rejected(RejectionReason.MALFORMED, "record without value", "");
    }
    if (recordValue.length > limits.maxFrameBytes()) {
      return new Reassembly.Rejected(RejectionReason.OVERSIZED, "record of " + recordValue.length
          + " bytes is above maxFrameBytes=" + limits.maxFrameBytes(), "");
    }
    Frame frame;
    try {
      frame = Frame.parseFrom(aliasing(CodedInputStream.newInstance(recordValue)));
    } catch (IOException e) { // a byte array's stream only fails as InvalidProtocolBufferException
      return new Reassembly.Rejected(RejectionReason.MALFORMED,
          "record of " + recordValue.length + " bytes is not a Rampart frame", "");
    }
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
    String id = shortened(chunk.getTransferId());
    String problem = ChunkChecks.shape(chunk);
    if (problem != null) {
      return new Reassembly.Rejected(RejectionReason.MALFORMED, problem, id);
    }
    if (chunk.getSignature().isEmpty()) {
      return new Reassembly.Rejected(RejectionReason.UNSIGNED, "unsigned chunk "
          + Integer.toUnsignedString(chunk.getIndex()) + " of " + id, id);
    }
    problem = ChunkChecks.sender(chunk);
    if (problem != null) {
      return new Reassembly.Rejected(RejectionReason.MALFORMED, problem, id);
    }
    if (chunk.getWholeLength() > limits.maxMessageBytes()) {
      return new Reassembly.Rejected(RejectionReason.OVERSIZED, "chunk set " + id + " announces "
          + chunk.getWholeLength() + " bytes, above maxMessageBytes=" + limits.maxMessageBytes(), id);
    }
    problem = ChunkChecks.count(chunk, limits.maxFrameBytes());
    if (problem != null) {
      return new Reassembly.Rejected(RejectionReason.MALFORMED, problem, id);
    }
    // The one hash of the data on this side: the signature check and the set digest share it.
    byte[] dataSha256 = Sha256.of(chunk.getData());
    Optional<ChunkRefusal> refusal = verify(chunk, dataSha256);
    if (refusal.isPresent()) {
      return new Reassembly.Rejected(refusal.get().reason(), refusal.get().detail(), id);
    }
    return store(chunk, id, dataSha256);
  }

  private Optional<ChunkRefusal> verify(Chunk chunk, byte[] dataSha256) {
    try {
      return Objects.requireNonNull(verifier.verify(chunk, dataSha256), "verifier answer");
    } catch (RuntimeException e) {
      return Optional.of(new ChunkRefusal(RejectionReason.BAD_SIGNATURE,
          "chunk signature could not be checked (" + e.getClass().getSimpleName() + ")"));
    }
  }

  private Reassembly store(Chunk chunk, String id, byte[] dataSha256) {
    // One sender per transfer id: ChunkChecks.sender requires the id to start with "sender/".
    String key = chunk.getTransferId();
    int index = chunk.getIndex();
    long cost = chunk.getData().size() + (long) ReassemblyLimits.PIECE_OVERHEAD_BYTES;
    ChunkSet set = pending.get(key);
    if (set == null) {
      Reassembly refused = admit(chunk, id);
      if (refused != null) {
        return refused;
      }
      set = new ChunkSet(chunk, expiry(chunk), decodeDense);
      pending.put(key, set);
      setsBySender.merge(set.sender(), 1, Integer::sum);
      pendingBytes += ReassemblyLimits.SET_OVERHEAD_BYTES;
    } else if (!set.matches(chunk)) {
      return corrupt(key, "signed chunk " + index + " of " + id
          + " contradicts its set's count, length, digest or expiry", id);
    }
    byte[] existing = set.pieceDigest(index);
    if (existing != null) {
      return MessageDigest.isEqual(existing, dataSha256) ? new Reassembly.Redelivered(id, index)
          : corrupt(key, "signed chunk " + index + " of " + id + " arrived twice with different data", id);
    }
    if (set.bytes() + chunk.getData().size() > set.wholeLength()) {
      return corrupt(key, "chunks of " + id + " carry more than the announced " + set.wholeLength() + " bytes", id);
    }
    if (pendingBytes + cost > limits.maxPendingBytes()) {
      drop(key);
      return new Reassembly.Rejected(RejectionReason.OVERSIZED, "holding chunk " + index + " of " + id
          + " would exceed maxPendingBytes=" + limits.maxPendingBytes(), id);
    }
    long before = set.charged();
    set.put(index, chunk.getData(), dataSha256, limits.maxPendingBytes() - pendingBytes - cost);
    pendingBytes += set.charged() - before;
    // The floats are reserved only when they fit the room passed in, so the budget bounds what is
    // allocated, not only what is kept, and a set within it keeps pendingBytes within it.
    if (set.overBudget()) {
      drop(key);
      return new Reassembly.Rejected(RejectionReason.OVERSIZED, "reserving the dense floats of " + id
          + " at chunk " + index + " would exceed maxPendingBytes=" + limits.maxPendingBytes(), id);
    }
    if (!set.complete()) {
      return new Reassembly.Pending(id, set.received(), set.count());
    }
    drop(key);
    return complete(id, set);
  }

  /** Null if a new set for {@code chunk} fits the set counts, otherwise the rejection; bytes are checked per piece. */
  private Reassembly admit(Chunk chunk, String id) {
    String sender = chunk.getSender();
    int ofSender = setsBySender.getOrDefault(sender, 0);
    if (ofSender >= limits.maxPendingSetsPerSender()) {
      return new Reassembly.Rejected(RejectionReason.OVERSIZED, "already " + ofSender + " incomplete chunk sets of "
          + sender + " held (maxPendingSetsPerSender=" + limits.maxPendingSetsPerSender() + "); refusing " + id, id);
    }
    if (pending.size() >= limits.maxPendingSets()) {
      return new Reassembly.Rejected(RejectionReason.OVERSIZED, "already " + pending.size()
          + " incomplete chunk sets held (maxPendingSets=" + limits.maxPendingSets() + "); refusing " + id, id);
    }
    return null;
  }

  private Reassembly complete(String id, ChunkSet set) {
    if (set.bytes() != set.wholeLength()) {
      return new Reassembly.Rejected(RejectionReason.CHUNK_CORRUPT, "chunk set " + id + " carries "
          + set.bytes() + " bytes but announced " + set.wholeLength(), id);
    }
    if (!set.digestMatches()) {
      return new Reassembly.Rejected(RejectionReason.CHUNK_CORRUPT,
          "chunk set " + id + " does not match its announced set digest", id);
    }
    Reassembly.Dense dense = null;
    byte[] whole;
    if (set.streaming()) {
      DenseStream.Result streamed = set.streamed();
      whole = streamed.envelope();
      dense = streamed.floats() == null ? null : new Reassembly.Dense(streamed.bodySha256(), streamed.floats());
    } else {
      whole = set.join();
    }
    Envelope envelope;
    try {
      envelope = Envelope.parseFrom(aliasing(CodedInputStream.newInstance(whole)));
    } catch (IOException e) { // a byte array's stream only fails as InvalidProtocolBufferException
      return new Reassembly.Rejected(RejectionReason.MALFORMED,
          "chunk set " + id + " reassembles to bytes that are not an envelope", id);
    }
    if (!envelope.getSender().equals(set.sender())) {
      return new Reassembly.Rejected(RejectionReason.CHUNK_CORRUPT, "chunk set " + id + " signed by "
          + set.sender() + " carries an envelope of sender " + quote(envelope.getSender()), id);
    }
    return new Reassembly.Complete(envelope, dense);
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
      ChunkSet set = it.next().getValue();
      if (set.expiresAtMillis() <= now) {
        it.remove();
        release(set);
        String id = set.transferId();
        dropped.add(new Reassembly.Rejected(RejectionReason.CHUNK_INCOMPLETE, "chunk set " + id
            + " expired with " + set.received() + " of " + set.count() + " chunks", id));
      }
    }
    return dropped;
  }

  /** Number of chunk sets still waiting for chunks. */
  public int pendingSets() {
    return pending.size();
  }

  /** Bytes reserved for incomplete sets: their data plus the per-piece and per-set overhead. */
  public long pendingBytes() {
    return pendingBytes;
  }

  private long expiry(Chunk chunk) {
    long latest = clock.millis() + limits.maxTtl().toMillis();
    return chunk.getExpiresAtMs() > 0 ? Math.min(chunk.getExpiresAtMs(), latest) : latest;
  }

  private Reassembly corrupt(String key, String detail, String id) {
    drop(key);
    return new Reassembly.Rejected(RejectionReason.CHUNK_CORRUPT, detail, id);
  }

  private void drop(String key) {
    ChunkSet set = pending.remove(key);
    if (set != null) {
      release(set);
    }
  }

  private void release(ChunkSet set) {
    pendingBytes -= set.charged() + ReassemblyLimits.SET_OVERHEAD_BYTES;
    setsBySender.computeIfPresent(set.sender(), (s, n) -> n == 1 ? null : n - 1);
  }

  /**
   * Lets the parsed message's bytes fields share {@code in}'s buffer instead of copying it: a
   * chunk's data stays in its record value until the set is joined, and an envelope's body in the
   * joined bytes, which nothing else holds or writes.
   */
  private static CodedInputStream aliasing(CodedInputStream in) {
    in.enableAliasing(true);
    return in;
  }

  /** A transfer id as the sender wrote it, cut and escaped for details and logs ({@link Untrusted#id}). */
  private static String shortened(String s) {
    return Untrusted.id(s);
  }

  private static String quote(String s) {
    return s == null ? "null" : "'" + Untrusted.id(s) + "'";
  }
}
