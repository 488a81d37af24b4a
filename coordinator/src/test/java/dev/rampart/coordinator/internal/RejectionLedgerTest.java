package dev.rampart.coordinator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.audit.AuditQuery;
import dev.rampart.audit.AuditRecord;
import dev.rampart.audit.AuditVerifier;
import dev.rampart.audit.FsyncPolicy;
import dev.rampart.audit.RecordType;
import dev.rampart.audit.RejectionTally;
import dev.rampart.coordinator.Rejection;
import dev.rampart.crypto.Digests;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.RejectionReason;
import dev.rampart.protocol.Untrusted;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RejectionLedgerTest {
  private static final Identity COORDINATOR = Identity.fromPrivateKey("coordinator",
      Digests.sha256("coordinator".getBytes(StandardCharsets.UTF_8)));
  private static final String CONTROL = "\u0001".repeat(200_000);

  @TempDir Path run;

  /** Writes the ledger as the coordinator does at the end of a round; returns the log's records. */
  private List<AuditRecord> record(RejectionLedger ledger) {
    try (AuditTrail trail = AuditTrail.open(run, COORDINATOR, FsyncPolicy.NONE, bytes -> { })) {
      ledger.individual().forEach(trail::rejected);
      trail.rejectionsSummarized(ledger.summary());
    }
    return AuditQuery.load(run.resolve(AuditTrail.AUDIT_DIR));
  }

  private static long auditBytes(List<AuditRecord> records) {
    return records.stream().mapToLong(r -> r.bytes().length).sum();
  }

  @Test
  void add_controlCharacterSenderOf200Kilobytes_isSummarisedEscapedAndTheLogVerifies() {
    RejectionLedger ledger = new RejectionLedger(2);
    ledger.add(new Rejection(2, CONTROL, RejectionReason.UNKNOWN_CLIENT, "client '" + CONTROL + "' is not enrolled"));
    ledger.add(new Rejection(2, "client-1", RejectionReason.DUPLICATE, "second update: " + CONTROL));

    List<AuditRecord> records = record(ledger);

    assertThat(records).extracting(AuditRecord::type)
        .containsExactly(RecordType.UPDATE_REJECTED, RecordType.REJECTIONS_SUMMARIZED);
    assertThat(records).allSatisfy(r -> assertThat(r.bytes().length).isLessThan(RejectionTally.MAX_BODY_BYTES));
    assertThat(new String(records.get(1).bytes(), StandardCharsets.UTF_8)).contains("\\\\u0001\\\\u0001");
    assertThat(ledger.retained()).allSatisfy(r -> assertThat(r.claimedSender()).doesNotContain("\u0001"));
    assertThat(AuditVerifier.verify(run.resolve(AuditTrail.AUDIT_DIR), COORDINATOR.publicKey()).valid()).isTrue();
  }

  private static RejectionLedger flood(int records) {
    RejectionLedger ledger = new RejectionLedger(3);
    for (int i = 0; i < records; i++) {
      RejectionReason reason = i % 2 == 0 ? RejectionReason.BAD_SIGNATURE : RejectionReason.CHUNK_CORRUPT;
      ledger.add(new Rejection(3, "forged-" + i + "-" + "x".repeat(500), reason, "detail " + "y".repeat(2_000)));
    }
    ledger.add(new Rejection(3, "client-1", RejectionReason.DUPLICATE, "a second update"));
    return ledger;
  }

  @Test
  void add_floodOfUnauthenticatedRecords_auditBytesDoNotGrowWithTheFlood() {
    RejectionLedger small = flood(100);
    long smallBytes = auditBytes(record(small));
    RejectionLedger large = flood(100_000);
    long largeBytes = auditBytes(record(large)) - smallBytes;

    assertThat(largeBytes).isBetween(smallBytes - 100, smallBytes + 100);
    assertThat(large.counts()).containsOnly(Map.entry(RejectionReason.BAD_SIGNATURE, 50_000L),
        Map.entry(RejectionReason.CHUNK_CORRUPT, 50_000L), Map.entry(RejectionReason.DUPLICATE, 1L));
    assertThat(large.total()).isEqualTo(100_001);
    assertThat(large.individual()).extracting(Rejection::reason).containsExactly(RejectionReason.DUPLICATE);
    assertThat(large.retained()).hasSize(RejectionLedger.MAX_RETAINED)
        .allSatisfy(r -> assertThat(r.detail()).hasSizeLessThanOrEqualTo(Untrusted.MAX_TEXT_CHARS));
  }

  @Test
  void add_enrolledSenderFloodsAuthenticatedRejections_recordsTheCapAndSummarisesTheRest() {
    RejectionLedger ledger = new RejectionLedger(5);
    for (int i = 0; i < 1_000; i++) {
      ledger.add(new Rejection(5, "client-3", RejectionReason.PAST_ROUND, "replay " + i));
    }
    ledger.add(new Rejection(5, "client-4", RejectionReason.DUPLICATE, "once"));

    assertThat(ledger.individual()).hasSize(RejectionLedger.MAX_INDIVIDUAL_PER_SENDER + 1);
    assertThat(ledger.summary().total()).isEqualTo(1_000 - RejectionLedger.MAX_INDIVIDUAL_PER_SENDER);
    assertThat(ledger.counts()).containsEntry(RejectionReason.PAST_ROUND, 1_000L);
  }

  @Test
  void add_manyEnrolledSenders_individualRecordsCappedPerRound() {
    RejectionLedger ledger = new RejectionLedger(5);
    for (int i = 0; i < 10_000; i++) {
      ledger.add(new Rejection(5, "client-" + i, RejectionReason.STALE_MODEL, "old model"));
    }

    assertThat(ledger.individual()).hasSize(RejectionLedger.MAX_INDIVIDUAL);
    assertThat(ledger.summary().total()).isEqualTo(10_000 - RejectionLedger.MAX_INDIVIDUAL);
  }
}
