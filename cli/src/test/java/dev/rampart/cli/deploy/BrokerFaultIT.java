package dev.rampart.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.audit.AuditRecord;
import dev.rampart.audit.RecordType;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.TopicNames;
import dev.rampart.testkit.KafkaCluster;
import dev.rampart.transport.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deployed job (the coordinator and four clients, run as their processes' code) on a three-node
 * Kafka cluster whose topics have replication factor 3 and {@code min.insync.replicas} 2, while a
 * broker fails: the leader of the updates partition SIGKILLed as a round opens and restarted two
 * rounds later; or frozen with SIGSTOP for longer than the round timeout, in the worst place (the
 * active controller, made leader of every partition the job uses and of the coordinator's
 * offsets). Both sides keep Rampart's producer settings ({@code acks=all}, idempotence, a 10 s
 * request timeout), and the coordinator commits a round from its own audit log, not from broker
 * transactions. Under the freeze each round's intake closes on its deadline (its ROUND_CLOSED
 * record), the next round starts within the request timeout of that, and nothing counts twice.
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
    Duration timeout = Duration.ofSeconds(12);
    Duration pause = Duration.ofSeconds(30);
    try (KafkaCluster cluster = KafkaCluster.start(3, Duration.ofMinutes(2))) {
      InProcessJob job = new InProcessJob(dir, cluster.bootstrapServers(), "pause-it", CLIENTS, rounds,
          timeout.toSeconds() + "s");
      job.appendToCoordinatorYaml("  replication-factor: 3\n");
      TopicNames names = TopicNames.of(JobId.of(job.name));
      job.start();
      job.awaitOutput("round 1: ");
      // the worst case: the frozen node is the active controller and leads every partition the job
      // uses, the coordinator's offsets included
      int victim = cluster.activeController();
      cluster.lead(victim, List.of(names.plans(), names.models(), names.updates(), names.audit(), names.secagg(),
          names.shards(), "__consumer_offsets"));
      job.awaitOutput("round 2: ");
      cluster.pause(victim);
      long pausedAt = System.nanoTime();
      Duration moved;
      try {
        moved = leadershipMoved(cluster, victim, names.updates(), pause);
        Thread.sleep(Math.max(0, pause.toMillis() - (System.nanoTime() - pausedAt) / 1_000_000));
      } finally {
        cluster.resume(victim);
      }
      String atResume = job.output();
      long lastBefore = atResume.lines().filter(l -> l.startsWith("round ")).count();
      job.finish();
      AuditCounts audit = AuditCounts.read(job.runDirectory());
      Map<Long, Instant> planned = firstTimes(audit, RecordType.ROUND_PLANNED);
      Map<Long, Instant> decided = firstTimes(audit, RecordType.ROUND_CLOSED);
      System.out.printf("BrokerFaultIT: node %d (active controller, leader of every job partition) paused %d s"
          + " after round 2 (round timeout %d s); the updates partition had a new leader after %s;"
          + " rounds finished when it resumed: %d%n%s%n", victim, pause.toSeconds(), timeout.toSeconds(),
          moved == null ? "more than the pause" : moved.toMillis() + " ms", lastBefore, job.output());
      for (long r = 1; r <= rounds; r++) {
        System.out.printf("  round %d: intake closed %d ms after its plan, next plan after %s ms%n", r,
            Duration.between(planned.get(r), decided.get(r)).toMillis(),
            planned.containsKey(r + 1) ? Duration.between(planned.get(r), planned.get(r + 1)).toMillis() : "-");
      }

      Duration slack = Duration.ofSeconds(2);
      // a frozen broker holds a request at most this long before the client retries elsewhere
      Duration failover = KafkaSettings.REQUEST_TIMEOUT.plusSeconds(4);
      for (long r = 1; r <= rounds; r++) {
        assertThat(Duration.between(planned.get(r), decided.get(r))).as("round %d's intake closes on its deadline", r)
            .isLessThanOrEqualTo(timeout.plus(slack));
        if (r < rounds) {
          assertThat(Duration.between(planned.get(r), planned.get(r + 1)))
              .as("round %d to the next plan, while the broker was frozen for %s", r, pause)
              .isLessThanOrEqualTo(timeout.plus(failover)).isLessThan(pause);
        }
        List<String> accepted = audit.acceptedInCommittedAttempt().getOrDefault(r, List.of());
        assertThat(new HashSet<>(accepted)).as("round %d accepted each client at most once: %s", r, accepted)
            .hasSameSizeAs(accepted);
        assertThat(audit.commitsPerRound().getOrDefault(r, 0)).as("commits of round %d", r).isLessThanOrEqualTo(1);
      }
      // round 3 opened as the node froze; from round 5 on, every round takes every client again,
      // whether it ran on the other two nodes during the pause or after the node came back
      for (long r = 5; r <= rounds; r++) {
        assertThat(audit.acceptedInCommittedAttempt().get(r)).as("round %d, two rounds after the freeze", r)
            .containsExactlyInAnyOrderElementsOf(ALL);
      }
      assertThat(job.auditVerify()).isZero();
      assertThat(job.auditCheck()).isZero();
    }
  }

  /**
   * How long after now the cluster's metadata, asked of the other nodes, names another leader for
   * {@code topic}'s partition 0 than the frozen node; null when that does not happen within
   * {@code limit}.
   */
  private static Duration leadershipMoved(KafkaCluster cluster, int frozen, String topic, Duration limit)
      throws InterruptedException {
    List<String> servers = List.of(cluster.bootstrapServers().split(","));
    String others = IntStream.range(0, servers.size()).filter(i -> i != frozen).mapToObj(servers::get)
        .collect(Collectors.joining(","));
    long start = System.nanoTime();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, others,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
      while (System.nanoTime() - start < limit.toNanos()) {
        try {
          Node leader = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().get(0)
              .leader();
          if (leader != null && !leader.isEmpty() && leader.id() != frozen + 1) {
            return Duration.ofNanos(System.nanoTime() - start);
          }
        } catch (ExecutionException e) {
          // no answer within the admin's timeout: ask again
        }
        Thread.sleep(250);
      }
    }
    return null;
  }

  private static Map<Long, Instant> firstTimes(AuditCounts audit, RecordType type) {
    Map<Long, Instant> times = new TreeMap<>();
    for (AuditRecord r : audit.records()) {
      if (r.type() == type && r.round().isPresent()) {
        times.putIfAbsent(r.round().getAsLong(), r.time());
      }
    }
    return times;
  }
}
