package dev.rampart.audit;

import dev.rampart.protocol.Hex;
import dev.rampart.protocol.RejectionReason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a small but complete run through the public API: job start, rounds with accepted and
 * rejected updates, anomalies (client "mallory" is excluded every round, "bank-2" is clipped in
 * even rounds), commits with metrics, a rollback from version 6 to version 4, more rounds on the
 * new branch and the job end.
 */
final class SyntheticRun {
  static final List<String> CLIENTS = List.of("bank-1", "bank-2", "bank-3", "bank-4", "mallory");
  static final int ROUNDS_BEFORE_ROLLBACK = 6;
  static final int ROLLBACK_TO_ROUND = 4;
  static final int ROUNDS_AFTER_ROLLBACK = 3;

  final Path auditDir;
  final ModelStore store;
  final List<AuditRecord> records = new ArrayList<>();

  private SyntheticRun(Path auditDir, ModelStore store) {
    this.auditDir = auditDir;
    this.store = store;
  }

  static SyntheticRun write(Path runDir) {
    SyntheticRun run = new SyntheticRun(runDir.resolve("audit"),
        ModelStore.open(runDir.resolve("models")));
    try (AuditLog log = AuditLog.open(run.auditDir, Fixtures.coordinator(),
        Fixtures.options().build())) {
      run.play(log);
    }
    return run;
  }

  private void play(AuditLog log) {
    ThreatModel threat = ThreatModel.builder().assumedByzantine(1).clientCount(CLIENTS.size())
        .aggregation("nnm>krum").maxUpdateNorm(10.0).maxUpdateBytes(1 << 20).build();
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("rounds", ROUNDS_BEFORE_ROLLBACK + ROUNDS_AFTER_ROLLBACK);
    settings.put("learningRate", 0.05);
    settings.put("dataset", "synthetic <b>mnist</b> & co");
    records.add(log.append(RecordType.JOB_STARTED, AuditEvents.jobStarted("job-42",
        "rampart 0.1.0 (abc123)", threat, Map.of("data", 11L, "model", 12L), settings)));
    ModelRef current = store.put(params(0), null, 0, log.lastSequence());
    for (int round = 1; round <= ROUNDS_BEFORE_ROLLBACK; round++) {
      current = round(log, round, current);
    }
    ModelRef target = store.byRound(ROLLBACK_TO_ROUND).orElseThrow();
    records.add(log.append(RecordType.ROLLBACK, AuditEvents.rollback(current.version(), target,
        "accuracy dropped after round 5", "alice")));
    current = target;
    for (int round = ROUNDS_BEFORE_ROLLBACK + 1;
        round <= ROUNDS_BEFORE_ROLLBACK + ROUNDS_AFTER_ROLLBACK; round++) {
      current = round(log, round, current);
    }
    records.add(log.append(RecordType.JOB_ENDED, AuditEvents.jobEnded("COMPLETED",
        ROUNDS_BEFORE_ROLLBACK + ROUNDS_AFTER_ROLLBACK, current.version(), current.digest(), "")));
  }

  private ModelRef round(AuditLog log, int round, ModelRef parent) {
    records.add(log.append(RecordType.ROUND_PLANNED, AuditEvents.roundPlanned(round,
        parent.version(), CLIENTS, Map.of(), List.of())));
    List<String> accepted = new ArrayList<>();
    for (String client : CLIENTS) {
      if (client.equals("bank-4") && round % 3 == 0) {
        records.add(log.append(RecordType.UPDATE_REJECTED, AuditEvents.updateRejected(round,
            client, RejectionReason.LATE, "arrived 2.1 s after the deadline <late>")));
        continue;
      }
      accepted.add(client);
      records.add(log.append(RecordType.UPDATE_ACCEPTED, AuditEvents.updateAccepted(round, client,
          parent.version(), Hex.of(new byte[32]), 100)));
    }
    if (round == 2) {
      records.add(log.append(RecordType.UPDATE_REJECTED, AuditEvents.updateRejected(round,
          "mallory", RejectionReason.DUPLICATE, "second update in round 2")));
    }
    List<ClientAnomaly> evidence = new ArrayList<>();
    for (String client : accepted) {
      boolean bad = client.equals("mallory");
      boolean clipped = client.equals("bank-2") && round % 2 == 0;
      evidence.add(new ClientAnomaly(client, bad, bad ? 0.0 : 1.0 / (accepted.size() - 1),
          0.0, clipped ? 0.5 : 1.0, bad ? 90.0 + round : 10.0 + round, bad ? 7.5 : 1.2,
          bad || clipped));
    }
    records.add(log.append(RecordType.ANOMALY, AuditEvents.anomaly(round, "nnm>krum", evidence)));
    float[] params = params(round + (round > ROUNDS_BEFORE_ROLLBACK ? 100 : 0));
    ModelRef ref = store.put(params, parent.digest(), round, log.lastSequence() + 1);
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put(AuditEvents.METRIC_TRAIN_LOSS, 2.0 / (round + 1));
    metrics.put(AuditEvents.METRIC_TEST_ACCURACY, round == 5 || round == 6 ? 0.4 : 0.5 + 0.04 * round);
    metrics.put(AuditEvents.METRIC_TEST_LOSS, round == 1 ? Double.NaN : 1.0 / round);
    AuditRecord commit = log.append(RecordType.AGGREGATE_COMMITTED, AuditEvents.aggregateCommitted(
        new AggregateCommit(round, "nnm>krum", accepted.stream().filter(c -> !c.equals("mallory"))
            .toList(), ref.version(), ref.digest(), parent.digest(), metrics)));
    records.add(commit);
    if (commit.sequence() != ref.auditSequence()) {
      throw new IllegalStateException("model stored with seq " + ref.auditSequence()
          + " but committed by seq " + commit.sequence());
    }
    return ref;
  }

  static float[] params(int seed) {
    float[] p = new float[32];
    for (int i = 0; i < p.length; i++) {
      p[i] = seed * 0.01f + i;
    }
    return p;
  }
}
