package dev.rampart.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rampart.audit.AuditRecord;
import dev.rampart.audit.RecordType;
import dev.rampart.crypto.secagg.ClientPhase;
import dev.rampart.crypto.secagg.MessageKind;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.TopicNames;
import dev.rampart.testkit.KafkaFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator SIGKILLed inside a secure round, between P2 and P3, and restarted from the same
 * run directory. Three client JVMs form one group (threshold and minimum survivors 2); one member
 * falls silent after P1 in every session, so the group's P2 phase stays open until the phase
 * timeout, and the test kills the coordinator once the two other masked inputs of round 2 are on
 * the secagg topic and before any survivor list (P2 → P3) was sent. The restarted coordinator plans
 * round 2 again; the two members, whose first sessions revealed nothing, take part again with fresh
 * sessions, and the group unmasks with both. Neither member's masked input is used twice: each sent
 * one per attempt, and the two differ.
 */
class SecureCoordinatorRestartIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
  private static final int CLIENTS = 3;
  private static final int ROUNDS = 3;
  private static final int SILENT = 2;
  private static final String SECURE = String.join("\n",
      "secure-aggregation:",
      "  enabled: true",
      "  group-size: 3",
      "  threshold: 2",
      "  min-survivors: 2",
      "  phase-timeout: 10s",
      "");

  @TempDir Path dir;

  @Test
  void coordinatorKilledBetweenMaskedInputsAndSurvivorList_restarted_roundCommitsOnceFromFreshSessions()
      throws Exception {
    List<String> honest = List.of(ProcessJob.clientId(0), ProcessJob.clientId(1));
    try (ProcessJob job = new ProcessJob(dir, KAFKA.bootstrapServers(), "secure-coord-kill-it", CLIENTS, ROUNDS,
        "60s", 17, SECURE);
        SecAggTopicLog secagg = new SecAggTopicLog(KAFKA.bootstrapServers(),
            TopicNames.of(JobId.of("secure-coord-kill-it")).secagg())) {
      job.jvmOptions(name -> {
        List<String> o = new ArrayList<>(ProcessJob.JVM_OPTIONS);
        if (name.startsWith(ProcessJob.clientId(SILENT))) {
          o.add("-D" + SilentAfterInputClient.PHASE_PROPERTY + "=" + ClientPhase.SHARES_SENT.name());
        }
        return o;
      });
      Process[] clients = new Process[CLIENTS];
      for (int i = 0; i < CLIENTS; i++) {
        clients[i] = i == SILENT ? job.startClient(i, SilentAfterInputClient.class) : job.startClient(i);
      }
      for (int i = 0; i < CLIENTS; i++) {
        job.awaitLog(ProcessJob.clientId(i), 1, "waiting for the job's topics", JOB_TIMEOUT);
      }
      Process first = job.startCoordinator();
      await().atMost(JOB_TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> {
        List<SecAggTopicLog.Sent> all = secagg.poll();
        return honest.stream().allMatch(c -> all.stream().anyMatch(m -> m.round() == 2 && m.sender().equals(c)
            && m.kind() == MessageKind.MASKED_INPUT));
      });
      assertThat(secagg.of(2, "coordinator", MessageKind.SURVIVOR_LIST)).as("no P3 before the kill").isEmpty();
      ProcessJob.kill(first);
      Process second = job.startCoordinator();

      assertThat(ProcessJob.awaitExit(second, JOB_TIMEOUT)).as(job.log("coordinator", 2)).isZero();
      for (int i = 0; i < CLIENTS; i++) {
        assertThat(ProcessJob.awaitExit(clients[i], JOB_TIMEOUT)).as(job.log(ProcessJob.clientId(i), 1)).isZero();
      }
      assertThat(first.exitValue()).as("SIGKILL").isEqualTo(137);

      secagg.readToEnd(Duration.ofSeconds(30));
      for (String c : honest) {
        List<SecAggTopicLog.Sent> masked = secagg.of(2, c, MessageKind.MASKED_INPUT);
        assertThat(masked).as("%s's masked inputs of round 2: one per attempt", c).hasSize(2);
        assertThat(masked.get(1).body()).as("%s's second masked input comes from a fresh session", c)
            .isNotEqualTo(masked.get(0).body());
        assertThat(secagg.of(2, c, MessageKind.UNMASK_RESPONSE)).as("%s's unmask answers of round 2", c).hasSize(1);
      }
      assertThat(secagg.of(2, ProcessJob.clientId(SILENT), MessageKind.MASKED_INPUT)).isEmpty();

      AuditCounts audit = AuditCounts.read(job.runDirectory());
      assertThat(audit.attemptsPerRound()).as("round 2 planned twice").containsEntry(2L, 2);
      assertThat(audit.commitsPerRound()).isEqualTo(Map.of(1L, 1, 2L, 1, 3L, 1));
      for (long r = 1; r <= ROUNDS; r++) {
        assertThat(audit.acceptedInCommittedAttempt().get(r)).as("round %d inputs", r).containsExactly("group-0");
      }
      long survivors = audit.records().stream().filter(r -> r.type() == RecordType.UPDATE_ACCEPTED
          && r.round().orElse(0) == 2).map(AuditRecord::body).mapToLong(b -> ((Number) b.get("samples")).longValue())
          .reduce((a, b) -> b).orElse(0);
      assertThat(survivors).as("survivors of the committed attempt of round 2").isEqualTo(2);
      assertThat(job.auditCheck(KAFKA.bootstrapServers())).as(job.lastCheckOutput()).isZero();
      System.out.printf("SecureCoordinatorRestartIT: round 2 planned twice, committed once with %d survivors; each"
          + " honest member sent two different masked inputs and one unmask answer%n", survivors);
    }
  }
}
