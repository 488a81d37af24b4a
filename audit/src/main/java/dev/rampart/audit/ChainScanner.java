package dev.rampart.audit;

import dev.rampart.audit.internal.LineReader;
import dev.rampart.audit.internal.RecordCodec;
import dev.rampart.audit.internal.RecordFormatException;
import dev.rampart.audit.internal.SegmentFiles;
import dev.rampart.crypto.PublicKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks a chain record by record and stops at the first failure. Checks, in this order for each
 * line: it parses; its signer is the pinned key's id; the signature verifies; {@code seq} is the
 * previous plus one; {@code prev} is the previous line's hash. Around the lines: segment numbers
 * are contiguous from 1, only the last segment may end without LF (torn tail) or be empty, and
 * every expected head (anchor), when given, is reached with the same hash.
 *
 * <p>Not thread-safe; one scan per instance.
 */
final class ChainScanner {
  static final String MIRROR = "mirror";
  private static final Pattern SEQ_PREFIX = Pattern.compile("^\\{\"seq\":(\\d{1,18})[,}]");

  private final PublicKey key;
  private final NavigableMap<Long, String> anchors;
  private final Visitor visitor;
  private long expectedSeq = 1;
  private String prevHash = RecordCodec.GENESIS_HASH;
  private long count;
  private ChainHead head;
  private int segmentCount;
  private long linesInLastSegment;

  /** Receives each record that passed every check, with where it was found. */
  @FunctionalInterface
  interface Visitor {
    void visit(AuditRecord record, String source, long line, long byteOffset);
  }

  /**
   * A scanner checking {@code anchors} (sequence to expected record hash; empty for none) on the
   * way.
   */
  ChainScanner(PublicKey key, NavigableMap<Long, String> anchors, Visitor visitor) {
    this.key = key;
    this.anchors = anchors;
    this.visitor = visitor == null ? (r, s, l, o) -> { } : visitor;
  }

  VerificationResult scanDirectory(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new AuditException("audit directory " + directory + " does not exist or is not a "
          + "directory");
    }
    try {
      List<SegmentFiles.Segment> segments = SegmentFiles.list(directory);
      if (segments.isEmpty()) {
        return result(new VerificationFailure(FailureKind.NO_RECORDS, SegmentFiles.name(1), 1, 0,
            OptionalLong.empty(), "no audit segment files in " + directory));
      }
      for (int i = 0; i < segments.size(); i++) {
        segmentCount++;
        VerificationFailure f = scanSegment(segments.get(i), i + 1, i == segments.size() - 1);
        if (f != null) {
          return result(f);
        }
      }
      SegmentFiles.Segment last = segments.get(segments.size() - 1);
      return result(finish(last.name(), linesInLastSegment + 1, Files.size(last.path())));
    } catch (IOException e) {
      throw new AuditException("cannot read audit directory " + directory + ": " + e.getMessage(),
          e);
    }
  }

  private VerificationFailure scanSegment(SegmentFiles.Segment segment, long expectedNumber,
      boolean last) throws IOException {
    if (segment.number() != expectedNumber) {
      return new VerificationFailure(FailureKind.SEGMENT_GAP, segment.name(), 1, 0,
          firstSequence(segment.path()), "expected " + SegmentFiles.name(expectedNumber)
              + " next, found " + segment.name() + ": a segment is missing");
    }
    long lineNo = 0;
    try (InputStream in = Files.newInputStream(segment.path())) {
      LineReader reader = new LineReader(in, RecordCodec.MAX_LINE_BYTES);
      for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
        lineNo++;
        VerificationFailure f = checkLine(line, segment.name(), lineNo, last);
        if (f != null) {
          return f;
        }
      }
    }
    linesInLastSegment = lineNo;
    if (lineNo == 0 && !last) {
      return new VerificationFailure(FailureKind.SEGMENT_GAP, segment.name(), 1, 0,
          OptionalLong.empty(), "segment is empty but later segments exist");
    }
    return null;
  }

  private VerificationFailure checkLine(LineReader.Line line, String source, long lineNo,
      boolean lastSegment) {
    byte[] bytes = line.bytes();
    if (line.oversized()) {
      return new VerificationFailure(FailureKind.MALFORMED, source, lineNo, line.offset(),
          peekSequence(bytes), "line is longer than " + RecordCodec.MAX_LINE_BYTES + " bytes");
    }
    if (!line.terminated()) {
      if (lastSegment) {
        return new VerificationFailure(FailureKind.TORN_TAIL, source, lineNo, line.offset(),
            peekSequence(bytes), "the segment ends with " + bytes.length
                + " bytes without a terminating LF (an interrupted write or a cut file)");
      }
      return new VerificationFailure(FailureKind.MALFORMED, source, lineNo, line.offset(),
          peekSequence(bytes), "the segment ends inside a record, but later segments exist");
    }
    return accept(bytes, source, lineNo, line.offset());
  }

  VerificationResult scanRecords(List<byte[]> records) {
    long offset = 0;
    for (int i = 0; i < records.size(); i++) {
      byte[] bytes = records.get(i);
      VerificationFailure f = accept(bytes.clone(), MIRROR, i + 1, offset);
      if (f != null) {
        return result(f);
      }
      offset += bytes.length;
    }
    if (records.isEmpty()) {
      return result(new VerificationFailure(FailureKind.NO_RECORDS, MIRROR, 1, 0,
          OptionalLong.empty(), "the list of records is empty"));
    }
    return result(finish(MIRROR, records.size() + 1L, offset));
  }

  /** Checks one complete line; returns null when it extends the chain. */
  VerificationFailure accept(byte[] bytes, String source, long lineNo, long offset) {
    AuditRecord record;
    try {
      record = AuditRecord.decode(bytes);
    } catch (RecordFormatException e) {
      return new VerificationFailure(FailureKind.MALFORMED, source, lineNo, offset,
          peekSequence(bytes), e.getMessage());
    }
    OptionalLong seq = OptionalLong.of(record.sequence());
    if (!record.signerKeyId().equals(key.keyId())) {
      return new VerificationFailure(FailureKind.WRONG_SIGNER, source, lineNo, offset, seq,
          "record names signer " + record.signerKeyId() + ", but the pinned key is "
              + key.keyId());
    }
    if (!verifySignature(bytes, record)) {
      return new VerificationFailure(FailureKind.BAD_SIGNATURE, source, lineNo, offset, seq,
          "signature does not verify under key " + key.keyId());
    }
    if (record.sequence() != expectedSeq) {
      return new VerificationFailure(FailureKind.BAD_SEQUENCE, source, lineNo, offset, seq,
          "expected seq " + expectedSeq + ", found " + record.sequence());
    }
    if (!record.previousHash().equals(prevHash)) {
      return new VerificationFailure(FailureKind.BROKEN_CHAIN, source, lineNo, offset, seq,
          "prev is " + record.previousHash() + ", but the previous record hashes to " + prevHash);
    }
    String anchored = anchors.get(record.sequence());
    if (anchored != null && !anchored.equals(record.hash())) {
      return new VerificationFailure(FailureKind.HEAD_MISMATCH, source, lineNo, offset, seq,
          "record hashes to " + record.hash() + ", but the expected head (anchor) "
              + record.sequence() + ":" + anchored + " says otherwise: the record was changed");
    }
    count++;
    expectedSeq++;
    prevHash = record.hash();
    head = record.head();
    visitor.visit(record, source, lineNo, offset);
    return null;
  }

  /** Checks the signer and signature of one decoded record only; null when both are right. */
  VerificationFailure acceptSigned(byte[] bytes, AuditRecord record) {
    if (!record.signerKeyId().equals(key.keyId())) {
      return new VerificationFailure(FailureKind.WRONG_SIGNER, "mirror", 1, 0,
          OptionalLong.of(record.sequence()), "signer " + record.signerKeyId());
    }
    if (!verifySignature(bytes, record)) {
      return new VerificationFailure(FailureKind.BAD_SIGNATURE, "mirror", 1, 0,
          OptionalLong.of(record.sequence()), "signature does not verify under key " + key.keyId());
    }
    return null;
  }

  private boolean verifySignature(byte[] bytes, AuditRecord record) {
    try {
      RecordCodec.Split split = RecordCodec.split(bytes);
      return key.verify(RecordCodec.signedDigest(split.payload()), split.signature());
    } catch (RecordFormatException e) {
      return false;
    }
  }

  private VerificationFailure finish(String source, long nextLine, long endOffset) {
    if (count == 0) {
      return new VerificationFailure(FailureKind.NO_RECORDS, source, 1, 0, OptionalLong.empty(),
          "the segments hold no record");
    }
    if (!anchors.isEmpty() && anchors.lastKey() > head.sequence()) {
      return new VerificationFailure(FailureKind.TRUNCATED, source, nextLine, endOffset,
          OptionalLong.of(head.sequence() + 1), "the chain ends at seq " + head.sequence()
              + ", but the expected head is seq " + anchors.lastKey() + " (an anchor): seq "
              + (head.sequence() + 1) + " onwards is missing");
    }
    return null;
  }

  private VerificationResult result(VerificationFailure failure) {
    return new VerificationResult(segmentCount, count, Optional.ofNullable(head),
        Optional.ofNullable(failure));
  }

  /** The {@code seq} a damaged line claims, read from its first bytes, when legible. */
  static OptionalLong peekSequence(byte[] bytes) {
    String start = new String(bytes, 0, Math.min(bytes.length, 32), StandardCharsets.ISO_8859_1);
    Matcher m = SEQ_PREFIX.matcher(start);
    return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }

  private static OptionalLong firstSequence(Path segment) throws IOException {
    try (InputStream in = Files.newInputStream(segment)) {
      return peekSequence(in.readNBytes(32));
    }
  }
}
