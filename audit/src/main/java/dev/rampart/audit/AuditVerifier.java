package dev.rampart.audit;

import dev.rampart.audit.internal.RecordFormatException;
import dev.rampart.crypto.PublicKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Verifies audit chains against the pinned coordinator key and names the first bad record.
 *
 * <p>Checks, for every line in order: it parses as a record ({@link FailureKind#MALFORMED}); its
 * signer key id is the pinned key's ({@link FailureKind#WRONG_SIGNER}); its Ed25519 signature
 * verifies ({@link FailureKind#BAD_SIGNATURE}); its {@code seq} is the previous plus one, starting
 * at 1 ({@link FailureKind#BAD_SEQUENCE}); its {@code prev} is the SHA-256 of the previous line
 * ({@link FailureKind#BROKEN_CHAIN}). Around the lines: segment files are numbered 1, 2, 3...
 * without gaps ({@link FailureKind#SEGMENT_GAP}); only the last segment may end without LF, and
 * then the chain is reported torn ({@link FailureKind#TORN_TAIL}). Records cut from the end at a
 * record boundary leave a valid shorter chain; only an outside reference reveals them: an expected
 * {@link ChainHead} or the Kafka mirror ({@link #compareMirror}).
 *
 * <p>Command-line exit codes: {@value #EXIT_VALID} valid, {@value #EXIT_INVALID} invalid,
 * {@value #EXIT_UNREADABLE} usage error or unreadable input (an {@link AuditException}).
 *
 * <p>Cost: one Ed25519 verification and two SHA-256 passes per record; reads segments
 * sequentially with a 64 KiB buffer and holds one line at a time (plus, for
 * {@link #compareMirror}, 32 bytes and a location per record).
 *
 * <p>Stateless and thread-safe.
 */
public final class AuditVerifier {
  /** Exit code: the chain is valid. */
  public static final int EXIT_VALID = 0;
  /** Exit code: the chain is invalid; the failure names the first bad record. */
  public static final int EXIT_INVALID = 1;
  /** Exit code: bad usage, or the directory or mirror could not be read at all. */
  public static final int EXIT_UNREADABLE = 2;

  private static final NavigableMap<Long, String> NO_ANCHORS =
      Collections.emptyNavigableMap();

  private AuditVerifier() {}

  /**
   * Verifies the segment files of an audit directory.
   *
   * @param directory the audit directory (holding {@code audit-000001.log}...)
   * @param coordinatorKey the pinned key every record must be signed with
   * @return the result; invalid results name the first bad record
   * @throws AuditException when the directory does not exist or cannot be read
   */
  public static VerificationResult verify(Path directory, PublicKey coordinatorKey) {
    return verify(directory, coordinatorKey, List.of());
  }

  /**
   * Verifies an audit directory and that it reaches {@code expectedHead} with the same hash, so a
   * log cut at a record boundary (or a whole last segment deleted) is detected
   * ({@link FailureKind#TRUNCATED}, {@link FailureKind#HEAD_MISMATCH}).
   *
   * @param expectedHead a head recorded earlier, e.g. from {@link AuditLog#head()}; null to skip
   * @throws AuditException when the directory does not exist or cannot be read
   */
  public static VerificationResult verify(Path directory, PublicKey coordinatorKey,
      ChainHead expectedHead) {
    return verify(directory, coordinatorKey,
        expectedHead == null ? List.of() : List.of(expectedHead));
  }

  /**
   * Verifies an audit directory against heads recorded outside it (anchors, e.g. those the
   * clients took from signed round plans): for every anchor the chain must reach its sequence
   * and the record there must have its hash. A record changed (even re-signed with the
   * coordinator key) at an anchored sequence is {@link FailureKind#HEAD_MISMATCH} at that
   * sequence; a chain ending before the highest anchor is {@link FailureKind#TRUNCATED} naming
   * the first missing sequence.
   *
   * @param anchors the expected heads, in any order, duplicates allowed; empty to skip
   * @throws IllegalArgumentException when two anchors name one sequence with different hashes
   * @throws AuditException when the directory does not exist or cannot be read
   */
  public static VerificationResult verify(Path directory, PublicKey coordinatorKey,
      Collection<ChainHead> anchors) {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(coordinatorKey, "coordinatorKey");
    return new ChainScanner(coordinatorKey, index(anchors), null).scanDirectory(directory);
  }

  private static NavigableMap<Long, String> index(Collection<ChainHead> anchors) {
    NavigableMap<Long, String> bySeq = new TreeMap<>();
    for (ChainHead anchor : Objects.requireNonNull(anchors, "anchors")) {
      String earlier = bySeq.putIfAbsent(anchor.sequence(), anchor.hash());
      if (earlier != null && !earlier.equals(anchor.hash())) {
        throw new IllegalArgumentException("two anchors for seq " + anchor.sequence()
            + " disagree: " + earlier + " and " + anchor.hash());
      }
    }
    return Collections.unmodifiableNavigableMap(bySeq);
  }

  /**
   * Verifies records given as byte arrays, in sequence order (e.g. the audit topic sorted by
   * key). Each element must be exactly one record line, LF included. Failures name the source
   * {@code "mirror"} and the 1-based position in the list.
   *
   * @param records the record lines; not modified
   * @param coordinatorKey the pinned key
   */
  public static VerificationResult verifyRecords(List<byte[]> records, PublicKey coordinatorKey) {
    Objects.requireNonNull(records, "records");
    Objects.requireNonNull(coordinatorKey, "coordinatorKey");
    return new ChainScanner(coordinatorKey, NO_ANCHORS, null).scanRecords(records);
  }

  /**
   * The sequence number of {@code line} when it is exactly one well-formed record whose signer is
   * {@code coordinatorKey} and whose signature verifies under it; empty for anything else. Does
   * not check the chain. Never throws for hostile bytes, so a reader of the audit topic can skip
   * what an outsider wrote there.
   *
   * @param line one record line as mirrored, LF included
   * @param coordinatorKey the pinned key
   */
  public static OptionalLong signedSequence(byte[] line, PublicKey coordinatorKey) {
    Objects.requireNonNull(coordinatorKey, "coordinatorKey");
    if (line == null) {
      return OptionalLong.empty();
    }
    try {
      ChainScanner scanner = new ChainScanner(coordinatorKey, null, null);
      AuditRecord record = AuditRecord.decode(line);
      VerificationFailure failure = scanner.acceptSigned(line, record);
      return failure == null ? OptionalLong.of(record.sequence()) : OptionalLong.empty();
    } catch (RuntimeException | RecordFormatException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * Verifies the files, then checks that the mirror holds exactly the same records: the same
   * bytes for every sequence number, none missing ({@link FailureKind#MIRROR_INCOMPLETE}), none
   * different ({@link FailureKind#MIRROR_MISMATCH}) and none beyond the files' last record
   * ({@link FailureKind#TRUNCATED}: the files lost their tail, after the mirror's extra records
   * were themselves verified as a chain). The mirror may arrive in any order (a multi-partition
   * topic) and may repeat a record with identical bytes (producer retries); it is sorted by
   * {@code seq} first.
   *
   * @param directory the audit directory
   * @param mirrorRecords the record lines read from the mirror, in consumption order
   * @param coordinatorKey the pinned key
   * @return the files' result when they are invalid, else the comparison's; failures about the
   *     mirror alone name source {@code "mirror"} and the 1-based consumption position
   * @throws AuditException when the directory does not exist or cannot be read
   */
  public static VerificationResult compareMirror(Path directory, List<byte[]> mirrorRecords,
      PublicKey coordinatorKey) {
    Objects.requireNonNull(mirrorRecords, "mirrorRecords");
    Map<Long, Located> files = new HashMap<>();
    VerificationResult fileResult = new ChainScanner(coordinatorKey, NO_ANCHORS,
        (r, source, line, offset) -> files.put(r.sequence(), new Located(r.hash(), source, line,
            offset))).scanDirectory(directory);
    if (!fileResult.valid()) {
      return fileResult;
    }
    long last = fileResult.head().orElseThrow().sequence();
    MirrorIndex mirror = MirrorIndex.of(mirrorRecords);
    VerificationFailure failure = mirror.failure;
    if (failure == null) {
      failure = comparePrefix(files, mirror, last);
    }
    if (failure == null && mirror.bySeq.size() > 0 && mirror.bySeq.lastKey() > last) {
      failure = mirrorBeyondFiles(mirror, files.get(last), last, coordinatorKey);
    }
    return new VerificationResult(fileResult.segmentCount(), fileResult.recordCount(),
        fileResult.head(), Optional.ofNullable(failure));
  }

  private static VerificationFailure comparePrefix(Map<Long, Located> files, MirrorIndex mirror,
      long last) {
    for (long seq = 1; seq <= last; seq++) {
      Located file = files.get(seq);
      Located copy = mirror.bySeq.get(seq);
      if (copy == null) {
        return file.failure(FailureKind.MIRROR_INCOMPLETE, seq, "the mirror lacks this record");
      }
      if (!copy.hash.equals(file.hash)) {
        return file.failure(FailureKind.MIRROR_MISMATCH, seq, "mirror position " + copy.line
            + " holds different bytes for this seq (hash " + copy.hash + ", file hash "
            + file.hash + ")");
      }
    }
    return null;
  }

  private static VerificationFailure mirrorBeyondFiles(MirrorIndex mirror, Located lastFile,
      long last, PublicKey key) {
    List<byte[]> sorted = new ArrayList<>();
    List<Located> where = new ArrayList<>();
    mirror.bySeq.forEach((seq, located) -> {
      sorted.add(mirror.bytes.get(located));
      where.add(located);
    });
    VerificationResult chain = new ChainScanner(key, NO_ANCHORS, null).scanRecords(sorted);
    if (!chain.valid()) {
      VerificationFailure f = chain.failure().orElseThrow();
      Located at = where.get((int) f.line() - 1);
      return new VerificationFailure(f.kind(), ChainScanner.MIRROR, at.line, at.offset,
          f.sequence(), f.detail());
    }
    Located first = mirror.bySeq.higherEntry(last).getValue();
    return new VerificationFailure(FailureKind.TRUNCATED, lastFile.source, lastFile.line + 1,
        lastFile.offset, OptionalLong.of(last + 1), "the files end at seq " + last
            + ", but the mirror holds verified records up to seq " + mirror.bySeq.lastKey()
            + " (seq " + (last + 1) + " at mirror position " + first.line + ")");
  }

  /** Where a record was found and its hash. */
  private record Located(String hash, String source, long line, long offset) {
    VerificationFailure failure(FailureKind kind, long seq, String detail) {
      return new VerificationFailure(kind, source, line, offset, OptionalLong.of(seq), detail);
    }
  }

  /** The mirror's records by seq, with the first defect found while indexing. */
  private static final class MirrorIndex {
    final TreeMap<Long, Located> bySeq = new TreeMap<>();
    final Map<Located, byte[]> bytes = new HashMap<>();
    VerificationFailure failure;

    static MirrorIndex of(List<byte[]> records) {
      MirrorIndex index = new MirrorIndex();
      long offset = 0;
      for (int i = 0; i < records.size() && index.failure == null; i++) {
        byte[] line = records.get(i).clone();
        index.add(line, i + 1, offset);
        offset += line.length;
      }
      return index;
    }

    private void add(byte[] line, long position, long offset) {
      AuditRecord record;
      try {
        record = AuditRecord.decode(line);
      } catch (RecordFormatException e) {
        failure = new VerificationFailure(FailureKind.MALFORMED, ChainScanner.MIRROR, position,
            offset, ChainScanner.peekSequence(line), e.getMessage());
        return;
      }
      Located here = new Located(record.hash(), ChainScanner.MIRROR, position, offset);
      Located earlier = bySeq.putIfAbsent(record.sequence(), here);
      if (earlier == null) {
        bytes.put(here, line);
      } else if (!earlier.hash.equals(here.hash)) {
        failure = new VerificationFailure(FailureKind.MIRROR_MISMATCH, ChainScanner.MIRROR,
            position, offset, OptionalLong.of(record.sequence()), "the mirror holds two different "
                + "records for this seq (positions " + earlier.line + " and " + position + ")");
      }
    }
  }
}
