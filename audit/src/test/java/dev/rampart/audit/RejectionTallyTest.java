package dev.rampart.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.protocol.RejectionReason;
import dev.rampart.protocol.Untrusted;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RejectionTallyTest {
  private static final String CONTROL_SENDER = "\u0001".repeat(200_000);

  @TempDir Path dir;

  /** Writes each body as one record and returns the records read back. */
  private List<AuditRecord> write(List<Map<String, Object>> bodies, RecordType type) {
    try (AuditLog log = AuditLog.open(dir, Fixtures.coordinator(), Fixtures.options().build())) {
      bodies.forEach(b -> log.append(type, b));
    }
    return AuditQuery.load(dir);
  }

  private static RejectionTally flood(int records) {
    RejectionTally tally = new RejectionTally(4);
    RejectionReason[] reasons = RejectionReason.values();
    for (int i = 0; i < records; i++) {
      // Worst case for the encoded size: every kept character needs a JSON escape.
      String sender = i + "\"\u00ff".repeat(Untrusted.MAX_ID_CHARS);
      tally.add(sender, reasons[i % reasons.length], "\\\u00ff".repeat(100_000));
    }
    return tally;
  }

  @Test
  void toBody_floodOfDistinctHostileSenders_recordSizeIndependentOfCountAndUnderBound() {
    RejectionTally small = flood(1_000);
    RejectionTally large = flood(100_000);

    List<AuditRecord> records = write(List.of(AuditEvents.rejectionsSummarized(small),
        AuditEvents.rejectionsSummarized(large)), RecordType.REJECTIONS_SUMMARIZED);

    int smallBytes = records.get(0).bytes().length;
    int largeBytes = records.get(1).bytes().length;
    assertThat(largeBytes).isLessThan(RejectionTally.MAX_BODY_BYTES).isBetween(smallBytes - 64, smallBytes + 64);
    assertThat(records.get(1).body()).containsEntry("total", 100_000);
    assertThat(AuditVerifier.verify(dir, Fixtures.coordinator().publicKey()).valid()).isTrue();
  }

  @Test
  void toBody_floodOfDistinctSenders_countsPerReasonComplete() {
    RejectionTally tally = flood(100_000);

    long perReason = tally.byReason().values().stream().mapToLong(Long::longValue).sum();
    assertThat(perReason).isEqualTo(100_000);
    assertThat(tally.byReason()).hasSize(RejectionReason.values().length);
    Map<String, Object> body = tally.toBody();
    assertThat(body).containsEntry("senderCountsExact", false);
    assertThat((List<?>) body.get("bySender")).hasSize(RejectionTally.MAX_SENDERS_SHOWN);
    assertThat((List<?>) body.get("samples")).hasSize(RejectionTally.MAX_SAMPLES);
  }

  @Test
  void toBody_senderOf200KilobytesOfControlCharacters_isEscapedAndTheRecordIsWritten() {
    RejectionTally tally = new RejectionTally(2);
    tally.add(CONTROL_SENDER, RejectionReason.UNKNOWN_CLIENT, "client '" + CONTROL_SENDER + "' is not enrolled");

    AuditRecord r = write(List.of(AuditEvents.rejectionsSummarized(tally)), RecordType.REJECTIONS_SUMMARIZED).get(0);

    assertThat(r.bytes().length).isLessThan(RejectionTally.MAX_BODY_BYTES);
    @SuppressWarnings("unchecked")
    Map<String, Object> sample = ((List<Map<String, Object>>) r.body().get("samples")).get(0);
    assertThat((String) sample.get("client")).startsWith("\\u0001\\u0001").doesNotContain("\u0001")
        .hasSizeLessThanOrEqualTo(Untrusted.MAX_ID_CHARS);
    assertThat((String) sample.get("detail")).doesNotContain("\u0001");
    assertThat(AuditVerifier.verify(dir, Fixtures.coordinator().publicKey()).valid()).isTrue();
  }

  @Test
  void updateRejected_senderOf200KilobytesOfControlCharacters_isCutAndTheRecordIsWritten() {
    Map<String, Object> body = AuditEvents.updateRejected(2, CONTROL_SENDER, RejectionReason.BAD_SIGNATURE,
        "signature of '" + CONTROL_SENDER + "' does not verify");

    AuditRecord r = write(List.of(body), RecordType.UPDATE_REJECTED).get(0);

    assertThat(r.bytes().length).isLessThan(RejectionTally.MAX_BODY_BYTES);
    assertThat((String) r.body().get("client")).hasSizeLessThanOrEqualTo(Untrusted.MAX_ID_CHARS);
    assertThat((String) r.body().get("detail")).startsWith("signature of '\\u0001");
  }

  @Test
  void toBody_heavySenderAmongManyOneOffs_isListedFirstAndCountsAddUp() {
    RejectionTally tally = new RejectionTally(1);
    for (int i = 0; i < 10_000; i++) {
      tally.add(i % 3 == 0 ? "mallory" : "forged-" + i, RejectionReason.BAD_SIGNATURE, "x");
    }

    Map<String, Object> body = tally.toBody();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> senders = (List<Map<String, Object>>) body.get("bySender");
    assertThat(senders.get(0)).containsEntry("client", "mallory");
    assertThat((Long) senders.get(0).get("count")).isBetween(3_334L, 3_334L + 10_000L / RejectionTally.TRACKED_SENDERS);
    long listed = senders.stream().mapToLong(s -> (Long) s.get("count")).sum();
    assertThat(listed + (Long) body.get("otherSenders")).isEqualTo(10_000L);
  }

  @Test
  void toBody_fewSenders_countsExact() {
    RejectionTally tally = new RejectionTally(1);
    tally.add("eve", RejectionReason.UNKNOWN_CLIENT, "a");
    tally.add("eve", RejectionReason.UNKNOWN_CLIENT, "b");
    tally.add("?", RejectionReason.MALFORMED, "c");

    Map<String, Object> body = tally.toBody();

    assertThat(body).containsEntry("senderCountsExact", true).containsEntry("otherSenders", 0L)
        .containsEntry("total", 3L);
    assertThat(body.get("bySender")).isEqualTo(List.of(Map.of("client", "eve", "count", 2L),
        Map.of("client", "?", "count", 1L)));
    assertThat(body.get("byReason")).isEqualTo(Map.of("UNKNOWN_CLIENT", 2L, "MALFORMED", 1L));
  }
}
