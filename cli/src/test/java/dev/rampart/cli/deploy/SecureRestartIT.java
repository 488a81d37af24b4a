package dev.rampart.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rampart.audit.AuditRecord;
import dev.rampart.audit.AuditVerifier;
import dev.rampart.audit.RecordType;
import dev.rampart.crypto.Identity;
import dev.rampart.crypto.secagg.MessageKind;
import dev.rampart.crypto.secagg.UnmaskRequest;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.TopicNames;
import dev.rampart.testkit.KafkaFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SECAGG.md case 12 across processes: four client JVMs form one secure-aggregation group whose
 * threshold and minimum survivors are 4, so the group can only finish if every member answers P3
 * and P4. One member is SIGKILLed after its masked input (P2) is on the secagg topic and before it
 * answered anything later, then started again from the same {@code client.yaml}, hence the same
 * default state directory. Both copies of its masked input are read back from the topic.
 */
class SecureRestartIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(2);
  private static final int CLIENTS = 4;
  private static final int ROUNDS = 2;
  private static final int VICTIM = 3;
  private static final String SECURE = String.join("\n",
      "secure-aggregation:",
      "  enabled: true",
      "  group-size: 4",
      "  threshold: 4",
      "  min-survivors: 4",
      "  phase-timeout: 40s",
      "");

  @TempDir Path dir;

  @Test
  void clientKilledBetweenMaskedInputAndUnmask_restartedOnItsStateDirectory_resendsSameBytesAndGroupCompletes()
      throws Exception {
    String victim = ProcessJob.clientId(VICTIM);
    try (ProcessJob job = new ProcessJob(dir, KAFKA.bootstrapServers(), "secure-restart-it", CLIENTS, ROUNDS, "200s",
        13, SECURE);
        SecAggTopicLog secagg = new SecAggTopicLog(KAFKA.bootstrapServers(),
            TopicNames.of(JobId.of("secure-restart-it")).secagg())) {
      Process[] clients = new Process[CLIENTS];
      for (int i = 0; i < CLIENTS; i++) {
        clients[i] = i == VICTIM ? job.startClient(i, SilentAfterInputClient.class) : job.startClient(i);
      }
      for (int i = 0; i < CLIENTS; i++) {
        job.awaitLog(ProcessJob.clientId(i), 1, "waiting for the job's topics", JOB_TIMEOUT);
      }
      long start = System.nanoTime();
      Process coordinator = job.startCoordinator();
      await().atMost(JOB_TIMEOUT).pollInterval(Duration.ofMillis(20))
          .until(() -> secagg.poll().stream().anyMatch(m -> m.round() == 1 && m.sender().equals(victim)
              && m.kind() == MessageKind.MASKED_INPUT));
      assertThat(secagg.of(1, victim, MessageKind.CONSISTENCY_CHECK)).as("nothing after P2 before the kill").isEmpty();
      ProcessJob.kill(clients[VICTIM]);
      double killedAt = seconds(start);
      Path stateDirectory = dir.resolve("state").resolve(victim).resolve("secagg");
      assertThat(stateDirectory.resolve("secagg-secure-restart-it-r1-g0-" + victim + ".state")).isRegularFile();
      Process restarted = job.startClient(VICTIM);
      await().atMost(JOB_TIMEOUT).pollInterval(Duration.ofMillis(20))
          .until(() -> secagg.poll().stream().filter(m -> m.round() == 1 && m.sender().equals(victim)
              && m.kind() == MessageKind.MASKED_INPUT).count() >= 2);
      double resentAt = seconds(start);

      assertThat(ProcessJob.awaitExit(coordinator, JOB_TIMEOUT)).as(job.log("coordinator", 1)).isZero();
      double jobSeconds = seconds(start);
      for (int i = 0; i < CLIENTS; i++) {
        if (i != VICTIM) {
          assertThat(ProcessJob.awaitExit(clients[i], JOB_TIMEOUT)).as(job.log(ProcessJob.clientId(i), 1)).isZero();
        }
      }
      assertThat(ProcessJob.awaitExit(restarted, JOB_TIMEOUT)).as(job.log(victim, 2)).isZero();
      assertThat(clients[VICTIM].exitValue()).as("SIGKILL").isEqualTo(137);

      secagg.readToEnd(Duration.ofSeconds(30));
      List<SecAggTopicLog.Sent> masked = secagg.of(1, victim, MessageKind.MASKED_INPUT);
      assertThat(masked).as("the masked input before the kill and the one resent after the restart").hasSize(2);
      assertThat(masked.get(1).body()).as("resent masked input, byte for byte").isEqualTo(masked.get(0).body());
      assertThat(secagg.of(1, victim, MessageKind.CONSISTENCY_CHECK)).as("P3 from the restarted process").hasSize(1);
      assertThat(secagg.of(1, victim, MessageKind.UNMASK_RESPONSE)).as("one P4 answer").hasSize(1);
      UnmaskRequest request = (UnmaskRequest) secagg.of(1, "coordinator", MessageKind.UNMASK_REQUEST).get(0).message();
      assertThat(request.survivors()).as("survivors of round 1").hasSize(CLIENTS).contains(victim);
      assertThat(request.dropped()).isEmpty();

      String coordinatorLog = job.log("coordinator", 1);
      assertThat(coordinatorLog).as("resends were identical: no secagg message of round 1 was rejected")
          .contains("round 1: accepted 1 of " + CLIENTS + ", rejected 0, committed version 1, train loss n/a");
      AuditCounts audit = AuditCounts.read(job.runDirectory());
      assertThat(audit.commitsPerRound()).isEqualTo(Map.of(1L, 1, 2L, 1));
      assertThat(audit.attemptsPerRound()).isEqualTo(Map.of(1L, 1, 2L, 1));
      for (long r = 1; r <= ROUNDS; r++) {
        assertThat(audit.acceptedInCommittedAttempt().get(r)).as("round %d inputs", r).containsExactly("group-0");
        assertThat(audit.commitInputs().get(r)).containsExactly("group-0");
      }
      for (AuditRecord commit : audit.records()) {
        if (commit.type() == RecordType.AGGREGATE_COMMITTED && commit.round().orElse(0) > 0) {
          @SuppressWarnings("unchecked")
          Map<String, Object> metrics = (Map<String, Object>) commit.body().get("metrics");
          assertThat(metrics).as("round %s metrics", commit.round()).containsEntry("trainLoss", null);
        }
      }
      assertThat(AuditVerifier.verify(job.runDirectory().resolve("audit"),
          Identity.load(dir.resolve("keys/coordinator.key")).publicKey()).valid()).isTrue();
      assertThat(job.log(victim, 2)).contains("deleted 2 secure-aggregation state file(s) of the ended job");
      for (int i = 0; i < CLIENTS; i++) {
        assertThat(dir.resolve("state").resolve(ProcessJob.clientId(i)).resolve("secagg"))
            .as("no session secrets left once the job ended").isEmptyDirectory();
      }
      System.out.printf("SecureRestartIT: victim killed %.1f s after the coordinator started, masked input resent"
          + " %.1f s after the kill (%d bytes, identical), job of %d rounds done after %.1f s%n",
          killedAt, resentAt - killedAt, masked.get(0).body().length, ROUNDS, jobSeconds);
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
