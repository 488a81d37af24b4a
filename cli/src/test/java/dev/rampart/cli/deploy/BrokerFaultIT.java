package dev.rampart.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.cli.Main;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.TopicNames;
import dev.rampart.testkit.KafkaCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
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
  private static final Duration STEP = Duration.ofMinutes(3);
  @TempDir Path dir;

  @Test
  void updatesLeaderKilledMidRoundAndRestarted_everyRoundCommitsOnceWithEveryClientsUpdate() throws Exception {
    int rounds = 6;
    try (KafkaCluster cluster = KafkaCluster.start(3, Duration.ofMinutes(2))) {
      Job job = new Job(cluster, "leader-kill-it", rounds, "60s");
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
    }
  }

  @Test
  void brokerPausedLongerThanTheRoundTimeout_roundsCloseOnTheirDeadline_laterRoundsRecover_nothingCountedTwice()
      throws Exception {
    int rounds = 7;
    try (KafkaCluster cluster = KafkaCluster.start(3, Duration.ofMinutes(2))) {
      Job job = new Job(cluster, "pause-it", rounds, "12s");
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
    }
  }

  /** The job's files (from {@link ProcessJob}) on the cluster, its processes run on threads of this JVM. */
  private final class Job {
    final String name;
    private final ProcessJob files;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
    private Future<Integer> coordinator;
    private final List<Future<Integer>> clients = new ArrayList<>();

    Job(KafkaCluster cluster, String name, int rounds, String roundTimeout) throws Exception {
      this.name = name;
      this.files = new ProcessJob(dir.resolve(name), cluster.bootstrapServers(), name, CLIENTS, rounds, roundTimeout, 11);
      Files.writeString(files.dir.resolve("coordinator.yaml"), "  replication-factor: 3\n", StandardOpenOption.APPEND);
    }

    void start() {
      PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
      coordinator = pool.submit(() -> CoordinatorProcess.fromFile(files.dir.resolve("coordinator.yaml"), print)
          .run(StopSignal.none()));
      for (String id : ALL) {
        Path yaml = files.dir.resolve(id + ".yaml");
        clients.add(pool.submit(() -> ClientProcess.fromFile(yaml, new PrintStream(PrintStream.nullOutputStream()))
            .run(StopSignal.none())));
      }
    }

    String output() {
      return out.toString(StandardCharsets.UTF_8);
    }

    void awaitOutput(String text) {
      Awaitility.await().atMost(STEP).pollInterval(Duration.ofMillis(100)).until(() -> output().contains(text)
          || coordinator.isDone());
      assertThat(output()).as("coordinator output").contains(text);
    }

    void finish() throws Exception {
      try {
        assertThat(coordinator.get(5, TimeUnit.MINUTES)).as("coordinator exit; it said:%n%s", output())
            .isEqualTo(ExitCodes.COMPLETED);
        for (Future<Integer> c : clients) {
          assertThat(c.get(2, TimeUnit.MINUTES)).as("client exit").isEqualTo(ExitCodes.COMPLETED);
        }
      } finally {
        pool.shutdownNow();
      }
    }

    Path runDirectory() {
      return files.runDirectory();
    }

    int auditVerify() {
      return Main.execute("audit", "verify", files.runDirectory().toString(), "--key",
          files.dir.resolve("keys/coordinator.pub").toString());
    }
  }
}
