package dev.rampart.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.audit.internal.RecordCodec;
import dev.rampart.crypto.Identity;
import dev.rampart.crypto.PublicKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of tampering is detected, and the failure names the record. */
class AuditVerifierTest {
  private static final PublicKey KEY = Fixtures.coordinator().publicKey();

  @TempDir Path dir;
  private Path segment;
  private List<byte[]> lines;

  @BeforeEach
  void writeFiveRecords() {
    Fixtures.writeLog(dir, 5, Fixtures.options().build());
    segment = dir.resolve("audit-000001.log");
    lines = Fixtures.lines(segment);
  }

  private VerificationFailure failureOf(VerificationResult result) {
    assertThat(result.valid()).as("tampering must be detected").isFalse();
    assertThat(result.exitCode()).isEqualTo(AuditVerifier.EXIT_INVALID);
    return result.failure().orElseThrow();
  }

  private void rewrite(List<byte[]> newLines) {
    Fixtures.write(segment, Fixtures.concat(newLines));
  }

  @Test
  void verify_untouchedLog_isValidWithHead() {
    VerificationResult result = AuditVerifier.verify(dir, KEY);

    assertThat(result.valid()).isTrue();
    assertThat(result.exitCode()).isZero();
    assertThat(result.recordCount()).isEqualTo(5);
    assertThat(result.segmentCount()).isEqualTo(1);
    assertThat(result.head()).hasValue(AuditRecord.parse(lines.get(4)).head());
    assertThat(result.summary()).startsWith("VALID: 5 records in 1 segment, head seq 5");
  }

  /** Flips one bit at every byte of every record: each edit is pinned to its own line. */
  @Test
  void verify_anySingleByteEdited_failsAtThatRecord() {
    Path small = dir.resolve("small");
    Fixtures.writeLog(small, 3, Fixtures.options().build());
    Path segment = small.resolve("audit-000001.log");
    List<byte[]> lines = Fixtures.lines(segment);
    byte[] original = Fixtures.read(segment);
    int[] lineOf = new int[original.length];
    int[] startOf = new int[lines.size()];
    for (int l = 0, at = 0; l < lines.size(); at += lines.get(l).length, l++) {
      startOf[l] = at;
      Arrays.fill(lineOf, at, at + lines.get(l).length, l + 1);
    }
    for (int position = 0; position < original.length; position++) {
      byte[] edited = original.clone();
      edited[position] ^= 0x01;
      Fixtures.write(segment, edited);

      VerificationFailure f = failureOf(AuditVerifier.verify(small, KEY));

      assertThat(f.line()).as("edit at byte %d: %s", position, f.describe())
          .isEqualTo(lineOf[position]);
      assertThat(f.byteOffset()).isEqualTo(startOf[lineOf[position] - 1]);
      assertThat(f.kind()).isIn(FailureKind.MALFORMED, FailureKind.BAD_SIGNATURE,
          FailureKind.WRONG_SIGNER, FailureKind.TORN_TAIL);
    }
  }

  static Stream<Arguments> namedEdits() {
    return Stream.of(
        Arguments.of("body value", "record for round 3", "record for round 8",
            FailureKind.BAD_SIGNATURE),
        Arguments.of("prev hash", "\"prev\":\"", "\"prev\":\"f", FailureKind.MALFORMED),
        Arguments.of("seq", "\"seq\":3", "\"seq\":4", FailureKind.BAD_SIGNATURE),
        Arguments.of("type", "UPDATE_ACCEPTED", "UPDATE_REJECTED", FailureKind.BAD_SIGNATURE),
        Arguments.of("time", "09:00:02Z", "09:00:09Z", FailureKind.BAD_SIGNATURE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("namedEdits")
  void verify_fieldEditedInRecordThree_namesRecordThree(String what, String from, String to,
      FailureKind kind) {
    List<byte[]> edited = new ArrayList<>(lines);
    String line = new String(lines.get(2), StandardCharsets.UTF_8);
    assertThat(line).contains(from);
    edited.set(2, line.replaceFirst(java.util.regex.Pattern.quote(from), to)
        .getBytes(StandardCharsets.UTF_8));
    rewrite(edited);

    VerificationFailure f = failureOf(AuditVerifier.verify(dir, KEY));

    assertThat(f.kind()).isEqualTo(kind);
    assertThat(f.line()).isEqualTo(3);
    assertThat(f.sequence()).hasValue(what.equals("seq") ? 4 : 3);
  }

  @Test
  void verify_prevHashDigitChanged_badSignatureAtThatRecord() {
    String line = new String(lines.get(3), StandardCharsets.UTF_8);
    int at = line.indexOf("\"prev\":\"") + 8 + 10;
    char c = line.charAt(at);
    String edited = line.substring(0, at) + (c == 'a' ? 'b' : 'a') + line.substring(at + 1);
    List<byte[]> all = new ArrayList<>(lines);
    all.set(3, edited.getBytes(StandardCharsets.UTF_8));
    rewrite(all);

    VerificationFailure f = failureOf(AuditVerifier.verify(dir, KEY));

    assertThat(f.kind()).isEqualTo(FailureKind.BAD_SIGNATURE);
    assertThat(f.line()).isEqualTo(4);
    assertThat(f.sequence()).hasValue(4);
  }

  @Test
  void verify_signatureLastDataCharacterChanged_detectedAsNonCanonical() {
    // The last base64 character before "==" carries 4 unused bits; a lenient decoder would map
    // an edit there to the same signature and miss it.
    byte[] line = lines.get(4).clone();
    int lastData = line.length - 4;
    line[lastData] = (byte) (line[lastData] == 'A' ? 'B' : 'A');
    List<byte[]> all = new ArrayList<>(lines);
    all.set(4, line);
    rewrite(all);

    VerificationFailure f = failureOf(AuditVerifier.verify(dir, KEY));

    assertThat(f.line()).isEqualTo(5);
    assertThat(f.kind()).isIn(FailureKind.MALFORMED, FailureKind.BAD_SIGNATURE);
  }

  @Test
  void verify_recordDeleted_badSequenceAtNextRecord() {
    List<byte[]> all = new ArrayList<>(lines);
    all.remove(2);
    rewrite(all);

    VerificationFailure f = failureOf(AuditVerifier.verify(dir, KEY));

    assertThat(f.kind()).isEqualTo(FailureKind.BAD_SEQUENCE);
    assertThat(f.line()).isEqualTo(3);
    assertThat(f.sequence()).hasValue(4);
    assertThat(f.detail()).isEqualTo("expected seq 3, found 4");
  }

  @Test
  void verify_firstRecordDeleted_badSequenceAtLineOne() {
    rewrite(lines.subList(1, lines.size()));

    VerificationFailure f = failureOf(AuditVerifier.verify(dir, KEY));

    assertThat(f.kind()).isEqualTo(FailureKind.BAD_SEQUENCE);
    assertThat(f.line()).isEqualTo(1);
    assertThat(f.sequence()).hasValue(2);
  }

  @Test
  void verify_twoRecordsSwapped_badSequenceAtFirstSwapped() {
    List<byte[]> all = new ArrayList<>(lines);
    Collections.swap(all, 1, 2);
    rewrite(all);

    VerificationFailure f = failureOf(AuditVerifier.verify(dir, KEY));

    assertThat(f.kind()).isEqualTo(FailureKind.BAD_SEQUENCE);
    assertThat(f.line()).isEqualTo(2);
    assertThat(f.sequence()).hasValue(3);
  }

  @Test
  void verify_recordReplayed_badSequenceAtCopy() {
    List<byte[]> all = new ArrayList<>(lines);
    all.add(2, lines.get(1));
    rewrite(all);

    VerificationFailure f = failureOf(AuditVerifier.verify(dir, KEY));

    assertThat(f.kind()).isEqualTo(FailureKind.BAD_SEQUENCE);
    assertThat(f.line()).isEqualTo(3);
    assertThat(f.sequence()).hasValue(2);
  }

  @Test
  void verify_tailCutMidLine_tornTailNamingOffset() {
    byte[] all = Fixtures.read(segment);
    int lastStart = all.length - lines.get(4).length;
    Fixtures.write(segment, Arrays.copyOf(all, lastStart + 17));

    VerificationFailure f = failureOf(AuditVerifier.verify(dir, KEY));

    assertThat(f.kind()).isEqualTo(FailureKind.TORN_TAIL);
    assertThat(f.line()).isEqualTo(5);
    assertThat(f.byteOffset()).isEqualTo(lastStart);
    assertThat(f.source()).isEqualTo("audit-000001.log");
  }

  @Test
  void verify_tailCutJustBeforeLf_tornTail() {
    byte[] all = Fixtures.read(segment);
    Fixtures.write(segment, Arrays.copyOf(all, all.length - 1));

    VerificationFailure f = failureOf(AuditVerifier.verify(dir, KEY));

    assertThat(f.kind()).isEqualTo(FailureKind.TORN_TAIL);
    assertThat(f.sequence()).hasValue(5);
  }

  @Test
  void verify_recordResignedWithOtherKey_badSignature() {
    Identity intruder = Fixtures.intruder();
    byte[] payload = AuditRecord.parse(lines.get(2)).payload();
    List<byte[]> all = new ArrayList<>(lines);
    all.set(2, RecordCodec.line(payload, intruder.sign(RecordCodec.signedDigest(payload))));
    rewrite(all);

    VerificationFailure f = failureOf(AuditVerifier.verify(dir, KEY));

    assertThat(f.kind()).isEqualTo(FailureKind.BAD_SIGNATURE);
    assertThat(f.line()).isEqualTo(3);
    assertThat(f.sequence()).hasValue(3);
  }

  @Test
  void verify_wholeLogForgedWithOtherKey_wrongSignerAtFirstRecord() {
    Path forged = dir.resolve("forged");
    try (AuditLog log = AuditLog.open(forged, Fixtures.intruder(), Fixtures.options().build())) {
      log.append(RecordType.JOB_STARTED, Fixtures.body(0, "x"));
    }

    VerificationFailure f = failureOf(AuditVerifier.verify(forged, KEY));

    assertThat(f.kind()).isEqualTo(FailureKind.WRONG_SIGNER);
    assertThat(f.line()).isEqualTo(1);
    assertThat(f.detail()).contains(Fixtures.intruder().publicKey().keyId());
    assertThat(AuditVerifier.verify(forged, Fixtures.intruder().publicKey()).valid()).isTrue();
  }

  @Test
  void verify_recordEditedAndResignedWithRealKey_brokenChainAtNextRecord() {
    // Only the key holder can do this; the chain still pins the edit to the record after it.
    Identity real = Fixtures.coordinator();
    String payload = new String(AuditRecord.parse(lines.get(1)).payload(), StandardCharsets.UTF_8)
        .replace("record for round 2", "record for round 9");
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    List<byte[]> all = new ArrayList<>(lines);
    all.set(1, RecordCodec.line(bytes, real.sign(RecordCodec.signedDigest(bytes))));
    rewrite(all);

    VerificationFailure f = failureOf(AuditVerifier.verify(dir, KEY));

    assertThat(f.kind()).isEqualTo(FailureKind.BROKEN_CHAIN);
    assertThat(f.line()).isEqualTo(3);
    assertThat(f.sequence()).hasValue(3);
  }

  @Test
  void verify_middleSegmentDropped_segmentGapNamingNextSegment() throws IOException {
    Path multi = dir.resolve("multi");
    Fixtures.writeLog(multi, 12, Fixtures.options().maxSegmentBytes(1024).build());
    Files.delete(multi.resolve("audit-000002.log"));

    VerificationFailure f = failureOf(AuditVerifier.verify(multi, KEY));

    assertThat(f.kind()).isEqualTo(FailureKind.SEGMENT_GAP);
    assertThat(f.source()).isEqualTo("audit-000003.log");
    assertThat(f.line()).isEqualTo(1);
    assertThat(f.sequence()).isPresent();
  }

  @Test
  void verify_firstSegmentDropped_segmentGap() throws IOException {
    Path multi = dir.resolve("multi");
    Fixtures.writeLog(multi, 12, Fixtures.options().maxSegmentBytes(1024).build());
    Files.delete(multi.resolve("audit-000001.log"));

    VerificationFailure f = failureOf(AuditVerifier.verify(multi, KEY));

    assertThat(f.kind()).isEqualTo(FailureKind.SEGMENT_GAP);
    assertThat(f.source()).isEqualTo("audit-000002.log");
  }

  @Test
  void verify_lastSegmentDropped_detectedOnlyAgainstExpectedHead() throws IOException {
    Path multi = dir.resolve("multi");
    List<AuditRecord> written = Fixtures.writeLog(multi, 12,
        Fixtures.options().maxSegmentBytes(1024).build());
    ChainHead head = written.get(written.size() - 1).head();
    List<Path> segments;
    try (Stream<Path> files = Files.list(multi)) {
      segments = files.filter(p -> p.toString().endsWith(".log")).sorted().toList();
    }
    Files.delete(segments.get(segments.size() - 1));

    assertThat(AuditVerifier.verify(multi, KEY).valid()).isTrue();
    VerificationFailure f = failureOf(AuditVerifier.verify(multi, KEY, head));
    assertThat(f.kind()).isEqualTo(FailureKind.TRUNCATED);
    assertThat(f.detail()).contains("expected head is seq 12");
  }

  @Test
  void verify_expectedHeadWithOtherHash_headMismatch() {
    ChainHead fake = new ChainHead(3, "ab".repeat(32));

    VerificationFailure f = failureOf(AuditVerifier.verify(dir, KEY, fake));

    assertThat(f.kind()).isEqualTo(FailureKind.HEAD_MISMATCH);
    assertThat(f.line()).isEqualTo(3);
  }

  @Test
  void verify_severalAnchorsOneChanged_headMismatchAtThatSequence() {
    ChainHead second = AuditRecord.parse(lines.get(1)).head();
    ChainHead fake = new ChainHead(4, "cd".repeat(32));

    VerificationFailure f = failureOf(AuditVerifier.verify(dir, KEY, List.of(second, fake, second)));

    assertThat(f.kind()).isEqualTo(FailureKind.HEAD_MISMATCH);
    assertThat(f.sequence()).hasValue(4);
  }

  @Test
  void verify_anchorBeyondCutTail_truncatedNamingFirstMissingSequence() {
    List<ChainHead> anchors = List.of(AuditRecord.parse(lines.get(1)).head(), AuditRecord.parse(lines.get(4)).head());
    rewrite(lines.subList(0, 3));

    assertThat(AuditVerifier.verify(dir, KEY).valid()).isTrue();
    VerificationFailure f = failureOf(AuditVerifier.verify(dir, KEY, anchors));
    assertThat(f.kind()).isEqualTo(FailureKind.TRUNCATED);
    assertThat(f.sequence()).hasValue(4);
  }

  @Test
  void verify_allAnchorsMatch_valid() {
    List<ChainHead> anchors = lines.stream().map(l -> AuditRecord.parse(l).head()).toList();

    assertThat(AuditVerifier.verify(dir, KEY, anchors).valid()).isTrue();
  }

  @Test
  void verify_anchorsDisagreeOnOneSequence_throwsNamingIt() {
    List<ChainHead> anchors = List.of(new ChainHead(2, "ab".repeat(32)), new ChainHead(2, "cd".repeat(32)));

    assertThatThrownBy(() -> AuditVerifier.verify(dir, KEY, anchors))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seq 2");
  }

  @Test
  void verify_segmentEndsWithoutLfBeforeLaterSegment_malformed() throws IOException {
    Path multi = dir.resolve("multi");
    Fixtures.writeLog(multi, 12, Fixtures.options().maxSegmentBytes(1024).build());
    Path first = multi.resolve("audit-000001.log");
    byte[] bytes = Files.readAllBytes(first);
    Files.write(first, Arrays.copyOf(bytes, bytes.length - 1));

    VerificationFailure f = failureOf(AuditVerifier.verify(multi, KEY));

    assertThat(f.kind()).isEqualTo(FailureKind.MALFORMED);
    assertThat(f.source()).isEqualTo("audit-000001.log");
  }

  @Test
  void verify_emptyDirectory_noRecords() throws IOException {
    Path empty = Files.createDirectory(dir.resolve("empty"));

    assertThat(failureOf(AuditVerifier.verify(empty, KEY)).kind())
        .isEqualTo(FailureKind.NO_RECORDS);
  }

  @Test
  void verify_missingDirectory_throwsForExitCodeTwo() {
    assertThatThrownBy(() -> AuditVerifier.verify(dir.resolve("nope"), KEY))
        .isInstanceOf(AuditException.class).hasMessageContaining("does not exist");
  }

  @Test
  void verifyRecords_mirrorList_detectsReorderByPosition() {
    List<byte[]> mirror = new ArrayList<>(lines);
    assertThat(AuditVerifier.verifyRecords(mirror, KEY).valid()).isTrue();
    Collections.swap(mirror, 3, 4);

    VerificationFailure f = failureOf(AuditVerifier.verifyRecords(mirror, KEY));

    assertThat(f.source()).isEqualTo("mirror");
    assertThat(f.line()).isEqualTo(4);
    assertThat(f.kind()).isEqualTo(FailureKind.BAD_SEQUENCE);
    assertThat(f.byteOffset()).isEqualTo(lines.get(0).length + lines.get(1).length
        + lines.get(2).length);
  }

  @Test
  void compareMirror_sameRecordsShuffledWithDuplicates_valid() {
    List<byte[]> mirror = new ArrayList<>(lines);
    mirror.add(lines.get(2).clone());
    Collections.reverse(mirror);

    VerificationResult result = AuditVerifier.compareMirror(dir, mirror, KEY);

    assertThat(result.valid()).as(result.summary()).isTrue();
    assertThat(result.recordCount()).isEqualTo(5);
  }

  @Test
  void compareMirror_mirrorLacksRecord_mirrorIncompleteAtFileRecord() {
    List<byte[]> mirror = new ArrayList<>(lines);
    mirror.remove(3);

    VerificationFailure f = failureOf(AuditVerifier.compareMirror(dir, mirror, KEY));

    assertThat(f.kind()).isEqualTo(FailureKind.MIRROR_INCOMPLETE);
    assertThat(f.source()).isEqualTo("audit-000001.log");
    assertThat(f.line()).isEqualTo(4);
    assertThat(f.sequence()).hasValue(4);
  }

  @Test
  void compareMirror_filesLostTail_truncatedNamingMissingSeq() {
    List<byte[]> mirror = new ArrayList<>(lines);
    rewrite(lines.subList(0, 3));

    VerificationFailure f = failureOf(AuditVerifier.compareMirror(dir, mirror, KEY));

    assertThat(f.kind()).isEqualTo(FailureKind.TRUNCATED);
    assertThat(f.sequence()).hasValue(4);
    assertThat(f.line()).isEqualTo(4);
  }

  @Test
  void compareMirror_mirrorRecordDiffers_mirrorMismatch() {
    List<byte[]> mirror = new ArrayList<>(lines);
    byte[] forged = lines.get(1).clone();
    forged[40] ^= 1;
    mirror.set(1, forged);

    VerificationFailure f = failureOf(AuditVerifier.compareMirror(dir, mirror, KEY));

    assertThat(f.kind()).isIn(FailureKind.MIRROR_MISMATCH, FailureKind.MALFORMED);
    assertThat(f.line()).isEqualTo(2);
  }

  @Test
  void compareMirror_mirrorExtraRecordForged_failsOnMirrorRecord() {
    Identity intruder = Fixtures.intruder();
    AuditRecord last = AuditRecord.parse(lines.get(4));
    byte[] payload = ("{\"seq\":6,\"time\":\"2026-03-01T10:00:00Z\",\"type\":\"JOB_ENDED\","
        + "\"prev\":\"" + last.hash() + "\",\"signer\":\"" + KEY.keyId() + "\",\"body\":{}}")
        .getBytes(StandardCharsets.UTF_8);
    List<byte[]> mirror = new ArrayList<>(lines);
    mirror.add(RecordCodec.line(payload, intruder.sign(RecordCodec.signedDigest(payload))));

    VerificationFailure f = failureOf(AuditVerifier.compareMirror(dir, mirror, KEY));

    assertThat(f.kind()).isEqualTo(FailureKind.BAD_SIGNATURE);
    assertThat(f.source()).isEqualTo("mirror");
    assertThat(f.line()).isEqualTo(6);
  }

  @Test
  void compareMirror_tamperedFiles_reportsFilesFirst() {
    List<byte[]> mirror = new ArrayList<>(lines);
    List<byte[]> all = new ArrayList<>(lines);
    all.remove(1);
    rewrite(all);

    VerificationFailure f = failureOf(AuditVerifier.compareMirror(dir, mirror, KEY));

    assertThat(f.kind()).isEqualTo(FailureKind.BAD_SEQUENCE);
    assertThat(f.source()).isEqualTo("audit-000001.log");
  }
}
