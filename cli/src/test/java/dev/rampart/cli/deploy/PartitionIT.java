package dev.rampart.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rampart.audit.AuditRecord;
import dev.rampart.audit.RecordType;
import dev.rampart.testkit.EmbeddedKafkaBroker;
import dev.rampart.testkit.NetworkNamespace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client partitioned from the cluster mid-job and healed two rounds later. The client JVM runs in
 * a network namespace of its own ({@code ip netns}, as root; skipped with the reason otherwise),
 * joined to the host by a veth pair on which the broker listens; the other three clients and the
 * coordinator run on the host. Its link is cut once round 2 has committed and brought up again
 * two rounds later: the rounds it missed commit without it (it is a planned participant whose
 * update is absent, or rejected as late when it arrives after the round closed), it takes part
 * again in the following rounds, the job completes, and {@code rampart audit check} finds nothing.
 */
class PartitionIT {
  private static final int CLIENTS = 4;
  private static final int ROUNDS = 8;
  private static final int ISOLATED = 3;
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);
  @TempDir Path dir;

  @Test
  void clientPartitionedMidJob_healedTwoRoundsLater_missesThoseRoundsAndTakesPartAgain() throws Exception {
    try (NetworkNamespace ns = namespace("rp", 7);
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().host(ns.hostAddress()).start();
        ProcessJob job = new ProcessJob(dir, broker.bootstrapServers(), "partition-it", CLIENTS, ROUNDS, "8s", 31)) {
      String isolated = ProcessJob.clientId(ISOLATED);
      Process[] clients = startClientsOneIsolated(job, ns);
      Process coordinator = job.startCoordinator();
      job.awaitLog("coordinator", 1, "round 2: ", JOB_TIMEOUT);
      ns.cut();
      int cutAfter = roundsDone(job);
      job.awaitLog("coordinator", 1, "round " + (cutAfter + 2) + ": ", JOB_TIMEOUT);
      ns.heal();
      int healedAfter = roundsDone(job);

      awaitCleanExits(job, coordinator, clients);
      AuditCounts audit = AuditCounts.read(job.runDirectory());
      Map<Long, List<String>> accepted = audit.acceptedInCommittedAttempt();
      Map<Long, Boolean> took = new TreeMap<>();
      for (long r = 1; r <= ROUNDS; r++) {
        assertThat(audit.commitsPerRound().get(r)).as("commits of round %d", r).isEqualTo(1);
        took.put(r, accepted.get(r).contains(isolated));
      }
      List<String> lateRejections = audit.records().stream().filter(r -> r.type() == RecordType.UPDATE_REJECTED)
          .map(AuditRecord::body).filter(b -> isolated.equals(b.get("client")))
          .map(b -> b.get("round") + ":" + b.get("reason")).toList();
      System.out.printf("PartitionIT: link cut after round %d, healed after round %d; %s in each round: %s;"
          + " its rejected updates (round:reason): %s%n", cutAfter, healedAfter, isolated, took, lateRejections);
      Map<Long, Object> closedBy = closedBy(audit);
      System.out.printf("PartitionIT: each round's intake closed by: %s%n", closedBy);
      for (long r = cutAfter + 2; r <= healedAfter; r++) {
        assertThat(took.get(r)).as("round %d ran while %s was cut off", r, isolated).isFalse();
        assertThat(closedBy.get(r)).as("round %d waited for %s until its deadline", r, isolated).isEqualTo("DEADLINE");
        assertThat(accepted.get(r)).as("round %d keeps the others", r).hasSize(CLIENTS - 1);
      }
      for (long r = healedAfter + 2; r <= ROUNDS; r++) {
        assertThat(took.get(r)).as("round %d, after the heal", r).isTrue();
        assertThat(closedBy.get(r)).as("round %d, after the heal", r).isEqualTo("ALL_ANSWERED");
      }
      assertThat(healedAfter + 2).as("rounds left after the heal").isLessThanOrEqualTo(ROUNDS);
      assertThat(job.auditCheck(broker.bootstrapServers())).as(job.lastCheckOutput()).isZero();
    }
  }

  /**
   * The coordinator's JVM in the namespace, the clients on the host: its link is cut as round 3
   * opens, for longer than the round timeout but shorter than a publication's timeout (120 s),
   * then healed. The round it could not publish closes without updates and is not committed, no
   * update counts twice, later rounds take every client, and the job completes.
   */
  @Test
  void coordinatorPartitionedMidJob_healedLater_theCutRoundClosesEmpty_laterRoundsTakeEveryone() throws Exception {
    Duration cut = Duration.ofSeconds(20);
    try (NetworkNamespace ns = namespace("rc", 8);
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().host(ns.hostAddress()).start();
        ProcessJob job = new ProcessJob(dir, broker.bootstrapServers(), "coordinator-cut-it", CLIENTS, ROUNDS, "8s",
            37)) {
      Process[] clients = job.startClientsReady(JOB_TIMEOUT);
      Process coordinator = job.startCoordinatorWithPrefix(ns.exec());
      job.awaitLog("coordinator", 1, "round 2: ", JOB_TIMEOUT);
      ns.cut();
      int cutAfter = roundsDone(job);
      Thread.sleep(cut.toMillis());
      ns.heal();
      int healedAfter = roundsDone(job);

      awaitCleanExits(job, coordinator, clients);
      AuditCounts audit = AuditCounts.read(job.runDirectory());
      Map<Long, Object> closedBy = closedBy(audit);
      System.out.printf("PartitionIT: coordinator cut off for %d s after round %d (round timeout 8 s), %d rounds"
          + " reported by the heal; intake closed by: %s; accepted per committed round: %s%n", cut.toSeconds(),
          cutAfter, healedAfter, closedBy, audit.acceptedInCommittedAttempt());
      assertThat(healedAfter).as("rounds reported while the coordinator was cut off").isEqualTo(cutAfter);
      long cutRound = cutAfter + 1;
      assertThat(closedBy.get(cutRound)).as("round %d, planned while cut off", cutRound).isEqualTo("DEADLINE");
      assertThat(audit.commitsPerRound().getOrDefault(cutRound, 0)).as("commits of round %d", cutRound).isZero();
      for (long r = 1; r <= ROUNDS; r++) {
        List<String> accepted = audit.acceptedInCommittedAttempt().getOrDefault(r, List.of());
        assertThat(new java.util.HashSet<>(accepted)).as("round %d accepted each client at most once", r)
            .hasSameSizeAs(accepted);
        if (r != cutRound) {
          assertThat(audit.commitsPerRound().get(r)).as("commits of round %d", r).isEqualTo(1);
        }
        if (r > cutRound + 1) {
          assertThat(accepted).as("round %d, after the heal", r).hasSize(CLIENTS);
        }
      }
      assertThat(job.auditCheck(broker.bootstrapServers())).as(job.lastCheckOutput()).isZero();
    }
  }

  /**
   * One client's link made lossy and slow both ways (25 % of packets dropped each way, 1 Mbit/s)
   * for three rounds: its updates take longer but every round still commits once with every client's
   * update, none counted twice (the producer's retries are idempotent).
   */
  @Test
  void clientLinkLossyAndSlow_everyRoundStillTakesEveryClientOnce() throws Exception {
    int rounds = 6;
    try (NetworkNamespace ns = namespace("rd", 9);
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().host(ns.hostAddress()).start();
        ProcessJob job = new ProcessJob(dir, broker.bootstrapServers(), "lossy-link-it", CLIENTS, rounds, "30s", 41)) {
      Process[] clients = startClientsOneIsolated(job, ns);
      Process coordinator = job.startCoordinator();
      job.awaitLog("coordinator", 1, "round 1: ", JOB_TIMEOUT);
      ns.degrade(0.25, "1mbit");
      int degradedAfter = roundsDone(job);
      job.awaitLog("coordinator", 1, "round " + (degradedAfter + 3) + ": ", JOB_TIMEOUT);
      long dropped = ns.droppedPackets();
      ns.heal();
      int healedAfter = roundsDone(job);

      awaitCleanExits(job, coordinator, clients);
      System.out.printf("PartitionIT: %s's link lossy (25%% of packets dropped each way) and slow (1 Mbit/s) after round %d until round"
          + " %d, %d packets dropped; the coordinator said:%n%s%n", ProcessJob.clientId(ISOLATED), degradedAfter,
          healedAfter, dropped,
          job.log("coordinator", 1).lines().filter(l -> l.matches("round \\d+: .*")).collect(Collectors.joining("\n")));
      assertThat(dropped).as("packets the degraded link dropped").isPositive();
      AuditCounts audit = AuditCounts.read(job.runDirectory());
      for (long r = 1; r <= rounds; r++) {
        assertThat(audit.commitsPerRound().get(r)).as("commits of round %d", r).isEqualTo(1);
        assertThat(audit.acceptedInCommittedAttempt().get(r)).as("round %d", r).hasSize(CLIENTS)
            .doesNotHaveDuplicates();
      }
      assertThat(job.auditCheck(broker.bootstrapServers())).as(job.lastCheckOutput()).isZero();
    }
  }

  /** A namespace 10.213.{subnet}.0/24 for this test JVM, or the test is skipped with the reason. */
  private static NetworkNamespace namespace(String prefix, int subnet) {
    Optional<String> why = NetworkNamespace.unavailableReason();
    assumeTrue(why.isEmpty(), why.orElse(""));
    String tag = prefix + (ProcessHandle.current().pid() % 100_000);
    return NetworkNamespace.create("rampart-" + tag, tag, "10.213." + subnet + ".1", "10.213." + subnet + ".2");
  }

  /** Starts every client, client {@link #ISOLATED} inside {@code ns}, and waits until each is ready. */
  private static Process[] startClientsOneIsolated(ProcessJob job, NetworkNamespace ns) {
    Process[] clients = new Process[CLIENTS];
    for (int i = 0; i < CLIENTS; i++) {
      clients[i] = i == ISOLATED ? job.startClientWithPrefix(i, ns.exec()) : job.startClient(i);
    }
    for (int i = 0; i < CLIENTS; i++) {
      job.awaitLog(ProcessJob.clientId(i), 1, "waiting for the job's topics", JOB_TIMEOUT);
    }
    return clients;
  }

  /** Every process of the job ends with exit code 0; a failure shows that process's log. */
  private static void awaitCleanExits(ProcessJob job, Process coordinator, Process[] clients)
      throws InterruptedException {
    assertThat(ProcessJob.awaitExit(coordinator, JOB_TIMEOUT)).as(job.log("coordinator", 1)).isZero();
    for (int i = 0; i < CLIENTS; i++) {
      assertThat(ProcessJob.awaitExit(clients[i], JOB_TIMEOUT)).as(job.log(ProcessJob.clientId(i), 1)).isZero();
    }
  }

  private static Map<Long, Object> closedBy(AuditCounts audit) {
    Map<Long, Object> closedBy = new TreeMap<>();
    audit.records().stream().filter(r -> r.type() == RecordType.ROUND_CLOSED)
        .forEach(r -> closedBy.put(r.round().getAsLong(), r.body().get("closedBy")));
    return closedBy;
  }

  /** Rounds the coordinator has reported so far. */
  private static int roundsDone(ProcessJob job) {
    return (int) job.log("coordinator", 1).lines().filter(l -> l.matches("round \\d+: .*")).count();
  }
}
