package dev.rampart.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rampart.audit.AuditLog.Options;
import dev.rampart.audit.internal.RecordCodec;
import dev.rampart.audit.internal.RecordFormatException;
import dev.rampart.audit.internal.SegmentWriter;
import dev.rampart.crypto.Identity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * The record-writing half of an {@link AuditLog}: builds each record's payload, signs and chains
 * it, checks its size, writes it through the {@link SegmentWriter}, hands the bytes to the mirror,
 * and keeps the chain's head ({@code seq} and hash of the last line).
 *
 * <p>A failed write leaves the appender failed: every later append is refused with the first
 * failure in the message. Not thread-safe: the log serialises every call under its lock.
 */
final class ChainAppender {
  private final Path directory;
  private final Identity signer;
  private final Options options;
  private final SegmentWriter writer;
  private long lastSequence;
  private String lastHash;
  private String failure;

  ChainAppender(Path directory, Identity signer, Options options, LogState state) {
    this.directory = directory;
    this.signer = signer;
    this.options = options;
    this.lastSequence = state.lastSequence();
    this.lastHash = state.lastHash();
    FsyncPolicy policy = options.fsyncPolicy();
    this.writer = new SegmentWriter(directory, state.segmentNumber(), state.segmentSize(),
        options.maxSegmentBytes(), policy == FsyncPolicy.EVERY_RECORD,
        policy != FsyncPolicy.NONE);
  }

  /** Signs, chains, writes and mirrors one record with the canonical {@code tree} as its body. */
  AuditRecord append(RecordType type, JsonNode tree) {
    if (failure != null) {
      throw new AuditException("audit log " + directory + " failed earlier (" + failure + ")");
    }
    long seq = lastSequence + 1;
    Instant time = Objects.requireNonNull(options.clock().instant(), "clock returned null");
    byte[] payload = RecordCodec.payload(seq, time, type.name(), lastHash,
        signer.publicKey().keyId(), tree);
    byte[] line = RecordCodec.line(payload, signer.sign(RecordCodec.signedDigest(payload)));
    if (line.length > options.maxRecordBytes()) {
      throw new AuditException(type + " record seq " + seq + " is " + line.length
          + " bytes, more than maxRecordBytes=" + options.maxRecordBytes()
          + "; nothing was written");
    }
    writeLine(seq, line);
    AuditRecord record = decodeOwn(line);
    lastSequence = seq;
    lastHash = record.hash();
    mirror(record, line);
    return record;
  }

  long lastSequence() {
    return lastSequence;
  }

  String lastHash() {
    return lastHash;
  }

  /** Forces (as the policy says) and closes the open segment. */
  void close() throws IOException {
    writer.close();
  }

  private void writeLine(long seq, byte[] line) {
    try {
      writer.append(line);
    } catch (IOException e) {
      failure = "writing seq " + seq + " to " + writer.segmentPath() + " failed: " + e.getMessage();
      throw new AuditException("cannot write audit record seq " + seq + " to "
          + writer.segmentPath() + ": " + e.getMessage() + "; the log is now unusable, reopen it "
          + "to check the tail", e);
    }
  }

  private static AuditRecord decodeOwn(byte[] line) {
    try {
      return AuditRecord.decode(line);
    } catch (RecordFormatException e) {
      throw new IllegalStateException("the log wrote a line it cannot read back: "
          + e.getMessage(), e);
    }
  }

  private void mirror(AuditRecord record, byte[] line) {
    try {
      options.mirror().accept(line.clone());
    } catch (RuntimeException e) {
      throw new AuditException("audit record seq " + record.sequence() + " was written, but the "
          + "mirror callback failed: " + e, e);
    }
  }
}
