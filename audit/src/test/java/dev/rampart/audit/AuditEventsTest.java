package dev.rampart.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rampart.protocol.RejectionReason;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditEventsTest {
  @TempDir Path dir;

  private AuditRecord roundTrip(RecordType type, Map<String, Object> body) {
    try (AuditLog log = AuditLog.open(dir, Fixtures.coordinator(), Fixtures.options().build())) {
      log.append(type, body);
    }
    List<AuditRecord> records = AuditQuery.load(dir);
    return records.get(records.size() - 1);
  }

  @Test
  void jobStarted_threatModel_recordsBoundAndEverySetting() {
    ThreatModel threat = ThreatModel.builder().assumedByzantine(2).clientCount(20)
        .aggregation("bucketing(2)>cwtm").secureAggregation(4).compression("randk(0.1)")
        .maxUpdateNorm(5.0).build();

    AuditRecord r = roundTrip(RecordType.JOB_STARTED, AuditEvents.jobStarted("job", "v1", threat,
        Map.of("data", 1L), Map.of("rounds", 30)));

    @SuppressWarnings("unchecked")
    Map<String, Object> t = (Map<String, Object>) r.body().get("threatModel");
    assertThat(t).containsEntry("assumedByzantine", 2).containsEntry("groupSize", 4)
        .containsEntry("groupCount", 5).containsEntry("boundHolds", true)
        .containsEntry("secureAggregation", true).containsEntry("compression", "randk(0.1)")
        .containsEntry("maxUpdateNorm", 5.0).containsEntry("maxUpdateBytes", null)
        .containsEntry("clientAuthentication", "ed25519-registry");
    assertThat(r.body()).containsEntry("seeds", Map.of("data", 1))
        .containsEntry("settings", Map.of("rounds", 30));
  }

  @Test
  void threatModel_tooFewGroups_boundDoesNotHold() {
    ThreatModel threat = ThreatModel.builder().assumedByzantine(2).clientCount(12)
        .aggregation("krum").secureAggregation(4).build();

    assertThat(threat.groupCount()).isEqualTo(3);
    assertThat(threat.boundHolds()).isFalse();
  }

  @Test
  void threatModel_missingOrBadFields_nameTheValue() {
    assertThatThrownBy(() -> ThreatModel.builder().clientCount(3).build())
        .hasMessageContaining("assumedByzantine=-1");
    assertThatThrownBy(() -> ThreatModel.builder().secureAggregation(1))
        .hasMessageContaining("groupSize=1");
    assertThatThrownBy(() -> ThreatModel.builder().assumedByzantine(4).clientCount(3)
        .aggregation("avg").build()).hasMessageContaining("assumedByzantine=4");
  }

  @Test
  void roundClosed_recordsDeadlineHowAndCounts_andRefusesNegativeCounts() {
    AuditRecord r = roundTrip(RecordType.ROUND_CLOSED, AuditEvents.roundClosed(3,
        java.time.Instant.parse("2026-12-07T01:02:03.456Z"), AuditEvents.ClosedBy.DEADLINE, 2, 7));

    assertThat(r.round()).hasValue(3);
    assertThat(r.body()).containsEntry("deadline", "2026-12-07T01:02:03.456Z").containsEntry("closedBy", "DEADLINE")
        .containsEntry("accepted", 2).containsEntry("rejected", 7);
    assertThatThrownBy(() -> AuditEvents.roundClosed(3, java.time.Instant.EPOCH, AuditEvents.ClosedBy.ALL_ANSWERED,
        -1, 0)).hasMessageContaining("accepted=-1");
  }

  @Test
  void anomaly_nanEvidence_writtenAsNullAndSuspectedListed() {
    List<ClientAnomaly> clients = List.of(
        new ClientAnomaly("a", false, Double.NaN, 0.25, 1.0, Double.NaN, 3.5, true),
        new ClientAnomaly("b", false, Double.NaN, 0.0, 1.0, Double.NaN, Double.NaN, false));

    AuditRecord r = roundTrip(RecordType.ANOMALY, AuditEvents.anomaly(4, "cwmed", clients));

    assertThat(r.body()).containsEntry("round", 4).containsEntry("suspected", List.of("a"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> entries = (List<Map<String, Object>>) r.body().get("clients");
    assertThat(entries.get(0)).containsEntry("weight", null).containsEntry("score", null)
        .containsEntry("trimmedShare", 0.25).containsEntry("excluded", false);
    assertThat((Double) entries.get(0).get("distanceToAggregate")).isCloseTo(3.5, within(0.0));
    assertThat(entries.get(1)).containsEntry("distanceToAggregate", null);
    assertThat(r.clients()).containsExactly("a", "b");
  }

  @Test
  void updateRejected_reasonAndClient_recorded() {
    AuditRecord r = roundTrip(RecordType.UPDATE_REJECTED,
        AuditEvents.updateRejected(3, "?", RejectionReason.MALFORMED, "bad frame"));

    assertThat(r.body()).containsExactlyInAnyOrderEntriesOf(Map.of("round", 3, "client", "?",
        "reason", "MALFORMED", "detail", "bad frame"));
  }

  @Test
  void aggregateCommitted_metricsWithNan_nullInJson() {
    String digest = "ab".repeat(32);
    AggregateCommit commit = new AggregateCommit(2, "krum", List.of("a", "b"), 2, digest, null,
        Map.of(AuditEvents.METRIC_TRAIN_LOSS, Double.NaN));

    AuditRecord r = roundTrip(RecordType.AGGREGATE_COMMITTED, AuditEvents.aggregateCommitted(commit));

    assertThat(r.body()).containsEntry("parentDigest", null).containsEntry("modelVersion", 2)
        .containsEntry("inputs", List.of("a", "b"));
    @SuppressWarnings("unchecked")
    Map<String, Object> metrics = (Map<String, Object>) r.body().get("metrics");
    assertThat(metrics).containsEntry("trainLoss", null);
  }

  @Test
  void rollbackAndJobEnded_fieldsFromModelRef() {
    ModelRef target = new ModelRef(5, "cd".repeat(32), Optional.empty(), OptionalLong.empty(), 5,
        40, 10);

    AuditRecord r = roundTrip(RecordType.ROLLBACK, AuditEvents.rollback(10, target, "drift", "bob"));

    assertThat(r.body()).containsEntry("fromVersion", 10).containsEntry("toVersion", 5)
        .containsEntry("toRound", 5).containsEntry("toDigest", "cd".repeat(32))
        .containsEntry("operator", "bob").containsEntry("reason", "drift");
    assertThat(AuditEvents.jobEnded("COMPLETED", 15, 15, "ef".repeat(32), ""))
        .containsOnlyKeys("status", "rounds", "finalVersion", "finalDigest", "detail");
  }

  @Test
  void aggregateCommit_badDigest_namesField() {
    assertThatThrownBy(() -> new AggregateCommit(1, "avg", List.of(), 1, "abc", null, Map.of()))
        .hasMessageContaining("modelDigest").hasMessageContaining("length 3");
  }
}
