package dev.rampart.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rampart.audit.internal.CanonicalJson;
import dev.rampart.audit.internal.DirectoryLock;
import dev.rampart.audit.internal.RecordCodec;
import dev.rampart.crypto.Identity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The append-only, hash-chained, signed audit log of one run.
 *
 * <h2>On-disk format</h2>
 * A directory of segment files {@code audit-000001.log}, {@code audit-000002.log}, ... (at least
 * six digits, numbered from 1 without gaps), each a sequence of lines
 *
 * <pre>
 * payload TAB base64(signature) LF
 * payload = {"seq":N,"time":"2026-01-31T12:00:00.123Z","type":"ANOMALY","prev":"64 hex",
 *            "signer":"16 hex key id","body":{...}}
 * </pre>
 *
 * <ul>
 *   <li>{@code seq} counts from 1; {@code time} is ISO-8601 UTC from the injected
 *       {@link InstantSource}; {@code type} a {@link RecordType} name; {@code prev} the lowercase
 *       hex SHA-256 of the previous record's whole line (LF included), 64 zeros for the first;
 *       {@code signer} the signing key's {@code keyId()}; {@code body} a JSON object.
 *   <li>The payload is compact UTF-8 JSON with the keys in exactly that order and the body's keys
 *       sorted; numbers are finite. It never holds a raw TAB or LF.
 *   <li>The signature is Ed25519 over {@code SHA-256("rampart/v1/audit-record" || 0x00 ||
 *       payload)}, in canonical padded base64 (88 characters).
 *   <li>Hashing and verification use the raw line bytes, never re-serialised JSON. The same
 *       bytes are what the mirror receives.
 *   <li>A segment is rolled when the next line would push a non-empty segment past
 *       {@link Options.Builder#maxSegmentBytes}; lines are never split. An exclusive OS lock on
 *       {@code audit.lock} keeps a second writer out; {@code quarantine/} holds torn tails moved
 *       aside by {@link #repairTornTail}.
 * </ul>
 *
 * <h2>Durability</h2>
 * Each record is written with one {@code write} before {@code append} returns, then forced to
 * disk as the {@link FsyncPolicy} says (default {@link FsyncPolicy#EVERY_RECORD}), and only then
 * passed to the mirror callback, so the mirror never holds a record the files may lose. A failed
 * write makes the log unusable; reopening it reports any torn tail.
 *
 * <h2>Reopening and crashes</h2>
 * {@link #open} verifies the existing chain in full with the signer's public key and continues it
 * (next {@code seq}, {@code prev} = hash of the last line). A torn last record (no LF: an
 * interrupted write) makes {@code open} throw an {@link AuditIntegrityException} of kind
 * {@link FailureKind#TORN_TAIL} naming the segment and byte offset; nothing is dropped silently.
 * {@link #repairTornTail} is the explicit way out: it moves the torn bytes to a quarantine file
 * and appends a {@link RecordType#TAIL_REPAIRED} record that says so. Any other failure (an
 * edited, missing or foreign record) is never repaired and the log refuses to open. A log is
 * signed by one key; opening it with another identity fails with {@link FailureKind#WRONG_SIGNER}.
 *
 * <p>Thread-safe: appends are serialised, and the mirror callback sees records in sequence order.
 * {@link #close()} is idempotent.
 */
public final class AuditLog implements AutoCloseable {
  private final Path directory;
  private final DirectoryLock directoryLock;
  private final ChainAppender chain;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean closed;

  private AuditLog(Path directory, Identity signer, Options options, DirectoryLock directoryLock,
      LogState state) {
    this.directory = directory;
    this.directoryLock = directoryLock;
    this.chain = new ChainAppender(directory, signer, options, state);
  }

  /**
   * Opens (creating if needed) the audit log in {@code directory} and continues its chain.
   *
   * @param directory the audit directory; created with its parents when missing
   * @param signer the coordinator identity that signs every record
   * @param options durability, segment size, clock and mirror
   * @return the open log; close it to release the directory lock
   * @throws AuditIntegrityException when the existing chain is not intact: torn tail (see
   *     {@link #repairTornTail}), or any verification failure; or when a quarantined tail has no
   *     {@link RecordType#TAIL_REPAIRED} record yet
   * @throws AuditException when the directory cannot be created or read, or is locked by another
   *     writer
   */
  public static AuditLog open(Path directory, Identity signer, Options options) {
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(options, "options");
    DirectoryLock lock = LogDirectory.lock(directory);
    try {
      LogState state = LogState.scan(directory, signer.publicKey());
      List<Path> pending = TailRepairs.unrecorded(directory, state.quarantineFilesRecorded());
      if (!pending.isEmpty()) {
        throw new AuditException("quarantined tail " + directory.relativize(pending.get(0))
            + " has no TAIL_REPAIRED record yet; run AuditLog.repairTornTail to record it");
      }
      return new AuditLog(directory, signer, options, lock, state);
    } catch (RuntimeException e) {
      LogDirectory.unlockAfter(e, lock);
      throw e;
    }
  }

  /**
   * Moves a torn tail (an interrupted last write) out of the chain and records that it did so.
   *
   * <p>Steps: verify the chain; when the only failure is {@link FailureKind#TORN_TAIL}, copy the
   * torn bytes to {@code quarantine/<segment>.<offset>.torn} (written atomically and forced),
   * truncate the segment to the offset and force it; then append one
   * {@link RecordType#TAIL_REPAIRED} record per quarantine file not yet recorded (so an
   * interrupted repair is finished by running it again). A valid chain with nothing to record is
   * left untouched.
   *
   * @param operator who authorised the repair, written into the record
   * @return the repairs recorded by this call, empty when there was nothing to do
   * @throws AuditIntegrityException when the chain has any failure other than a torn tail; such
   *     damage is evidence and is never repaired
   * @throws AuditException when the directory does not exist, is locked, or cannot be written
   */
  public static List<TailRepair> repairTornTail(Path directory, Identity signer, String operator,
      Options options) {
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(options, "options");
    if (!Files.isDirectory(directory)) {
      throw new AuditException("audit directory " + directory + " does not exist");
    }
    DirectoryLock lock = LogDirectory.lock(directory);
    try {
      TailRepairs.quarantineTornTail(directory, signer.publicKey());
      LogState state = LogState.scan(directory, signer.publicKey());
      List<Path> pending = TailRepairs.unrecorded(directory, state.quarantineFilesRecorded());
      try (AuditLog log = new AuditLog(directory, signer, options, lock, state)) {
        return TailRepairs.record(log, directory, pending, operator);
      }
    } catch (RuntimeException e) {
      LogDirectory.unlockAfter(e, lock);
      throw e;
    }
  }

  /**
   * Signs, chains and durably appends one record, then hands its bytes to the mirror.
   *
   * @param type the record type; {@link RecordType#TAIL_REPAIRED} is reserved for
   *     {@link #repairTornTail}
   * @param body a JSON-serialisable map (see {@link AuditEvents} for the documented bodies);
   *     values may be strings, numbers (finite), booleans, null, lists, arrays, maps, enums and
   *     records; keys are written sorted
   * @return the record as written
   * @throws IllegalArgumentException when the body holds a non-finite number, bytes, or anything
   *     Jackson cannot serialise; nothing is written
   * @throws AuditException when the record exceeds {@link Options.Builder#maxRecordBytes} (nothing
   *     is written), the log is closed or failed, writing fails (the log then fails), or the
   *     mirror callback throws (the record is already durable and stays in the chain)
   */
  public AuditRecord append(RecordType type, Map<String, ?> body) {
    Objects.requireNonNull(type, "type");
    if (type == RecordType.TAIL_REPAIRED) {
      throw new IllegalArgumentException("TAIL_REPAIRED records are written only by repairTornTail");
    }
    return write(type, body);
  }

  AuditRecord write(RecordType type, Map<String, ?> body) {
    Objects.requireNonNull(body, "body");
    JsonNode tree = CanonicalJson.toTree(body);
    lock.lock();
    try {
      if (closed) {
        throw new AuditException("audit log " + directory + " is closed");
      }
      return chain.append(type, tree);
    } finally {
      lock.unlock();
    }
  }

  /** Sequence number of the last record, 0 when the log is empty. */
  public long lastSequence() {
    lock.lock();
    try {
      return chain.lastSequence();
    } finally {
      lock.unlock();
    }
  }

  /** Lowercase hex SHA-256 of the last record's line; 64 zeros when the log is empty. */
  public String lastHash() {
    lock.lock();
    try {
      return chain.lastHash();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The current head, to be kept outside the log and passed to
   * {@link AuditVerifier#verify(Path, dev.rampart.crypto.PublicKey, ChainHead)} later.
   *
   * @throws AuditException when the log is empty
   */
  public ChainHead head() {
    lock.lock();
    try {
      if (chain.lastSequence() == 0) {
        throw new AuditException("audit log " + directory + " is empty: it has no head yet");
      }
      return new ChainHead(chain.lastSequence(), chain.lastHash());
    } finally {
      lock.unlock();
    }
  }

  /** The audit directory. */
  public Path directory() {
    return directory;
  }

  /**
   * Forces the open segment to disk when the policy is not {@link FsyncPolicy#NONE}, closes it
   * and releases the directory lock. Idempotent.
   *
   * @throws AuditException when forcing or closing fails
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try (DirectoryLock held = directoryLock) {
        chain.close();
      }
    } catch (IOException e) {
      throw new AuditException("cannot close audit log " + directory + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** {@code AuditLog[dir=..., lastSequence=N]}. */
  @Override
  public String toString() {
    return "AuditLog[dir=" + directory + ", lastSequence=" + lastSequence() + "]";
  }

  /**
   * How an {@link AuditLog} writes: durability, segment and record size limits, clock and mirror.
   * Immutable and thread-safe (the mirror callback must be safe to call from the appending
   * thread).
   */
  public static final class Options {
    /** Default segment size limit: 64 MiB. */
    public static final long DEFAULT_MAX_SEGMENT_BYTES = 64L << 20;
    /**
     * Default record size limit: 1,000,000 bytes, below Kafka's default {@code message.max.bytes}
     * (1,048,588) so every record fits the mirror topic unchanged.
     */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1_000_000;
    /** Smallest accepted size limit for segments and records, in bytes. */
    public static final int MIN_LIMIT_BYTES = 1024;

    private final FsyncPolicy fsyncPolicy;
    private final long maxSegmentBytes;
    private final int maxRecordBytes;
    private final InstantSource clock;
    private final Consumer<byte[]> mirror;

    private Options(Builder b) {
      this.fsyncPolicy = b.fsyncPolicy;
      this.maxSegmentBytes = b.maxSegmentBytes;
      this.maxRecordBytes = b.maxRecordBytes;
      this.clock = b.clock;
      this.mirror = b.mirror;
    }

    /** {@link FsyncPolicy#EVERY_RECORD}, 64 MiB segments, 1,000,000-byte records, system clock, no mirror. */
    public static Options defaults() {
      return builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
      return new Builder();
    }

    /** When records are forced to disk. */
    public FsyncPolicy fsyncPolicy() {
      return fsyncPolicy;
    }

    /** Size in bytes past which a non-empty segment is rolled. */
    public long maxSegmentBytes() {
      return maxSegmentBytes;
    }

    /** Largest record line accepted by {@code append}, in bytes, LF included. */
    public int maxRecordBytes() {
      return maxRecordBytes;
    }

    /** Source of each record's {@code time}. */
    public InstantSource clock() {
      return clock;
    }

    /** Receives a copy of each record's exact line bytes after it is durably written. */
    public Consumer<byte[]> mirror() {
      return mirror;
    }

    /** Builds {@link Options}; each setter validates its value. Not thread-safe. */
    public static final class Builder {
      private FsyncPolicy fsyncPolicy = FsyncPolicy.EVERY_RECORD;
      private long maxSegmentBytes = DEFAULT_MAX_SEGMENT_BYTES;
      private int maxRecordBytes = DEFAULT_MAX_RECORD_BYTES;
      private InstantSource clock = InstantSource.system();
      private Consumer<byte[]> mirror = bytes -> { };

      private Builder() {}

      /** Sets the durability policy (default {@link FsyncPolicy#EVERY_RECORD}). */
      public Builder fsyncPolicy(FsyncPolicy policy) {
        this.fsyncPolicy = Objects.requireNonNull(policy, "fsyncPolicy");
        return this;
      }

      /**
       * Sets the segment size limit in bytes, at least {@value #MIN_LIMIT_BYTES} (default 64 MiB).
       * A record longer than the limit gets a segment of its own.
       */
      public Builder maxSegmentBytes(long bytes) {
        if (bytes < MIN_LIMIT_BYTES) {
          throw new IllegalArgumentException("maxSegmentBytes must be >= " + MIN_LIMIT_BYTES
              + ", but maxSegmentBytes=" + bytes);
        }
        this.maxSegmentBytes = bytes;
        return this;
      }

      /**
       * Sets the record size limit in bytes, in [{@value #MIN_LIMIT_BYTES}, 16 MiB] (default
       * 1,000,000). Keep it below the mirror topic's {@code max.message.bytes}.
       */
      public Builder maxRecordBytes(int bytes) {
        if (bytes < MIN_LIMIT_BYTES || bytes > RecordCodec.MAX_LINE_BYTES) {
          throw new IllegalArgumentException("maxRecordBytes must be in [" + MIN_LIMIT_BYTES + ", "
              + RecordCodec.MAX_LINE_BYTES + "], but maxRecordBytes=" + bytes);
        }
        this.maxRecordBytes = bytes;
        return this;
      }

      /** Sets the clock that stamps records (default {@link InstantSource#system()}). */
      public Builder clock(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
      }

      /**
       * Sets the mirror callback, called with a copy of each record's line bytes (LF included)
       * after the write and fsync, on the appending thread, in sequence order, while the log is
       * locked: it must return quickly (e.g. an asynchronous Kafka send) and must not append.
       * An exception it throws reaches the caller of {@code append}; the record stays written.
       */
      public Builder mirror(Consumer<byte[]> mirror) {
        this.mirror = Objects.requireNonNull(mirror, "mirror");
        return this;
      }

      /** The options. */
      public Options build() {
        return new Options(this);
      }
    }
  }
}
