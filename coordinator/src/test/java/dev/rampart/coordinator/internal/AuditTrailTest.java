package dev.rampart.coordinator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.audit.AuditQuery;
import dev.rampart.audit.AuditRecord;
import dev.rampart.audit.AuditVerifier;
import dev.rampart.audit.ChainHead;
import dev.rampart.audit.FsyncPolicy;
import dev.rampart.audit.RecordType;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.Hex;
import dev.rampart.protocol.wire.RoundPlan;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit head that the coordinator signs into every round plan. */
class AuditTrailTest {
  private static final Identity COORDINATOR = Identity.generate("coordinator", new SecureRandom());

  @TempDir Path run;

  @Test
  void anchor_afterRoundPlanned_carriesThatRecordsSequenceAndHash() {
    RoundPlan plan = RoundPlan.newBuilder().setJobId("j").setRound(2).build();
    RoundPlan anchored;
    try (AuditTrail trail = AuditTrail.open(run, COORDINATOR, FsyncPolicy.EVERY_SEGMENT, bytes -> { })) {
      trail.roundPlanned(1, 0, List.of("c1"));
      trail.roundPlanned(2, 0, List.of("c1"));
      anchored = trail.anchor(plan);
    }
    AuditRecord last = AuditQuery.load(run.resolve(AuditTrail.AUDIT_DIR)).get(1);
    assertThat(last.type()).isEqualTo(RecordType.ROUND_PLANNED);
    assertThat(anchored.getAuditHead().getSequence()).isEqualTo(2L);
    assertThat(Hex.of(anchored.getAuditHead().getDigest().toByteArray())).isEqualTo(last.hash());
    ChainHead head = new ChainHead(anchored.getAuditHead().getSequence(),
        Hex.of(anchored.getAuditHead().getDigest().toByteArray()));
    assertThat(AuditVerifier.verify(run.resolve(AuditTrail.AUDIT_DIR), COORDINATOR.publicKey(), List.of(head))
        .valid()).isTrue();
  }

  @Test
  void anchor_withoutAuditLog_leavesThePlanUnchanged() {
    RoundPlan plan = RoundPlan.newBuilder().setJobId("j").setRound(1).build();
    assertThat(AuditTrail.disabled().anchor(plan).hasAuditHead()).isFalse();
  }
}
