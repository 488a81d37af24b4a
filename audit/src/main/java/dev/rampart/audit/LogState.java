package dev.rampart.audit;

import dev.rampart.audit.internal.RecordCodec;
import dev.rampart.audit.internal.SegmentFiles;
import dev.rampart.crypto.PublicKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where an existing chain ends, read by a full verification, so a reopened log can continue it.
 * Immutable.
 *
 * @param lastSequence sequence of the last record, 0 when empty
 * @param lastHash hash of the last record, 64 zeros when empty
 * @param segmentNumber number of the last segment, 0 when none exists
 * @param segmentSize size of the last segment in bytes
 * @param quarantineFilesRecorded {@code quarantineFile} values of all TAIL_REPAIRED records
 */
record LogState(long lastSequence, String lastHash, long segmentNumber, long segmentSize,
    Set<String> quarantineFilesRecorded) {

  static LogState scan(Path directory, PublicKey key) {
    Set<String> recorded = new HashSet<>();
    VerificationResult result = new ChainScanner(key, Collections.emptyNavigableMap(), (record, source, line, offset) -> {
      if (record.type() == RecordType.TAIL_REPAIRED
          && record.body().get("quarantineFile") instanceof String file) {
        recorded.add(file);
      }
    }).scanDirectory(directory);
    try {
      List<SegmentFiles.Segment> segments = SegmentFiles.list(directory);
      if (result.failure().isPresent()) {
        VerificationFailure f = result.failure().get();
        if (f.kind() != FailureKind.NO_RECORDS) {
          throw new AuditIntegrityException(f, advice(f, directory));
        }
      }
      if (segments.isEmpty()) {
        return new LogState(0, RecordCodec.GENESIS_HASH, 0, 0, Set.copyOf(recorded));
      }
      SegmentFiles.Segment last = segments.get(segments.size() - 1);
      ChainHead head = result.head().orElse(null);
      return new LogState(head == null ? 0 : head.sequence(),
          head == null ? RecordCodec.GENESIS_HASH : head.hash(), last.number(),
          Files.size(last.path()), Set.copyOf(recorded));
    } catch (IOException e) {
      throw new AuditException("cannot read audit directory " + directory + ": " + e.getMessage(),
          e);
    }
  }

  private static String advice(VerificationFailure f, Path directory) {
    if (f.kind() == FailureKind.TORN_TAIL) {
      return "the log will not be continued over a torn record; AuditLog.repairTornTail moves "
          + "the torn bytes to " + directory.resolve(TailRepairs.QUARANTINE) + " and records "
          + "the repair in the chain";
    }
    return "the log will not be continued; this damage is not repaired automatically";
  }
}
