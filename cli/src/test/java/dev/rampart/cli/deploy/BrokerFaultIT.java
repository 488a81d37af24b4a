package dev.rampart.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.protocol.JobId;
import dev.rampart.protocol.TopicNames;
import dev.rampart.testkit.KafkaCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deployed job (the coordinator and four clients, run as their processes' code) on a three-node
 * Kafka cluster whose topics have replication factor 3 and {@code min.insync.replicas} 2, while a
 * broker fails: the leader of the updates partition SIGKILLed as a round opens and restarted two
 * rounds later; or paused with SIGSTOP for longer than the round timeout. Both sides keep
 * Rampart's producer settings ({@code acks=all}, idempotence), and the coordinator commits a round
 * from its own audit log, not from broker transactions.
 */
class BrokerFaultIT {
  private static final int CLIENTS = 4;
  private static final List<String> ALL = IntStream.range(0, CLIENTS).mapToObj(ProcessJob::clientId).toList();
  @TempDir Path dir;

  @Test
  void updatesLeaderKilledMidRoundAndRestarted_everyRoundCommitsOnceWithEveryClientsUpdate() throws Exception {
    int rounds = 6;
    try (KafkaCluster cluster = KafkaCluster.start(3, Duration.ofMinutes(2))) {
      InProcessJob job = new InProcessJob(dir, cluster.bootstrapServers(), "leader-kill-it", CLIENTS, rounds, "60s");
      job.appendToCoordinatorYaml("  replication-factor: 3\n");
      String updates = TopicNames.of(JobId.of(job.name)).updates();
      job.start();
      job.awaitOutput("round 2: ");
      int leader = cluster.leaderOf(updates, 0);
      cluster.kill(leader);
      job.awaitOutput("round 4: ");
      int during = cluster.leaderOf(updates, 0);
      cluster.restart(leader);
      job.finish();
      System.out.printf("BrokerFaultIT: updates leader node %d killed after round 2, node %d led meanwhile, restarted"
          + " after round 4%n", leader, during);
      assertThat(during).isNotEqualTo(leader);

      AuditCounts audit = AuditCounts.read(job.runDirectory());
      for (long r = 1; r <= rounds; r++) {
        assertThat(audit.commitsPerRound().get(r)).as("commits of round %d; coordinator said:%n%s", r, job.output())
            .isEqualTo(1);
        assertThat(audit.acceptedInCommittedAttempt().get(r)).as("updates accepted in round %d", r)
            .containsExactlyInAnyOrderElementsOf(ALL);
      }
      assertThat(job.auditVerify()).isZero();
      assertThat(job.auditCheck()).isZero();
    }
  }

  @Test
  void brokerPausedLongerThanTheRoundTimeout_roundsCloseOnTheirDeadline_laterRoundsRecover_nothingCountedTwice()
      throws Exception {
    int rounds = 7;
    try (KafkaCluster cluster = KafkaCluster.start(3, Duration.ofMinutes(2))) {
      InProcessJob job = new InProcessJob(dir, cluster.bootstrapServers(), "pause-it", CLIENTS, rounds, "12s");
      job.appendToCoordinatorYaml("  replication-factor: 3\n");
      String updates = TopicNames.of(JobId.of(job.name)).updates();
      job.start();
      job.awaitOutput("round 2: ");
      int leader = cluster.leaderOf(updates, 0);
      long pausedAt = System.nanoTime();
      cluster.pause(leader);
      try {
        Thread.sleep(20_000);
      } finally {
        cluster.resume(leader);
      }
      long pausedSeconds = (System.nanoTime() - pausedAt) / 1_000_000_000L;
      String atResume = job.output();
      long lastBefore = atResume.lines().filter(l -> l.startsWith("round ")).count();
      job.finish();
      System.out.printf("BrokerFaultIT: updates leader node %d paused %d s (round timeout 12 s) after round 2;"
          + " rounds finished when it resumed: %d%n%s%n", leader, pausedSeconds, lastBefore, job.output());

      AuditCounts audit = AuditCounts.read(job.runDirectory());
      for (long r = 1; r <= rounds; r++) {
        List<String> accepted = audit.acceptedInCommittedAttempt().getOrDefault(r, List.of());
        assertThat(new HashSet<>(accepted)).as("round %d accepted each client at most once: %s", r, accepted)
            .hasSameSizeAs(accepted);
        assertThat(audit.commitsPerRound().getOrDefault(r, 0)).as("commits of round %d", r).isLessThanOrEqualTo(1);
      }
      for (long r = lastBefore + 2; r <= rounds; r++) {
        assertThat(audit.acceptedInCommittedAttempt().get(r)).as("round %d after the broker came back", r)
            .containsExactlyInAnyOrderElementsOf(ALL);
      }
      assertThat(lastBefore + 2).as("rounds left after the pause to show recovery").isLessThanOrEqualTo(rounds);
      assertThat(job.auditVerify()).isZero();
      assertThat(job.auditCheck()).isZero();
    }
  }
}
