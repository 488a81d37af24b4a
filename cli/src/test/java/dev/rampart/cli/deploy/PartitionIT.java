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
    Optional<String> why = NetworkNamespace.unavailableReason();
    assumeTrue(why.isEmpty(), why.orElse(""));
    String tag = "rp" + (ProcessHandle.current().pid() % 100_000);
    try (NetworkNamespace ns = NetworkNamespace.create("rampart-" + tag, tag, "10.213.7.1", "10.213.7.2");
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().host(ns.hostAddress()).start();
        ProcessJob job = new ProcessJob(dir, broker.bootstrapServers(), "partition-it", CLIENTS, ROUNDS, "8s", 31)) {
      String isolated = ProcessJob.clientId(ISOLATED);
      Process[] clients = new Process[CLIENTS];
      for (int i = 0; i < CLIENTS; i++) {
        clients[i] = i == ISOLATED ? job.startClientWithPrefix(i, ns.exec()) : job.startClient(i);
      }
      for (int i = 0; i < CLIENTS; i++) {
        job.awaitLog(ProcessJob.clientId(i), 1, "waiting for the job's topics", JOB_TIMEOUT);
      }
      Process coordinator = job.startCoordinator();
      job.awaitLog("coordinator", 1, "round 2: ", JOB_TIMEOUT);
      ns.cut();
      int cutAfter = roundsDone(job);
      job.awaitLog("coordinator", 1, "round " + (cutAfter + 2) + ": ", JOB_TIMEOUT);
      ns.heal();
      int healedAfter = roundsDone(job);

      assertThat(ProcessJob.awaitExit(coordinator, JOB_TIMEOUT)).as(job.log("coordinator", 1)).isZero();
      for (int i = 0; i < CLIENTS; i++) {
        assertThat(ProcessJob.awaitExit(clients[i], JOB_TIMEOUT)).as(job.log(ProcessJob.clientId(i), 1)).isZero();
      }
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
      for (long r = cutAfter + 2; r <= healedAfter; r++) {
        assertThat(took.get(r)).as("round %d ran while %s was cut off", r, isolated).isFalse();
        assertThat(accepted.get(r)).as("round %d keeps the others", r).hasSize(CLIENTS - 1);
      }
      for (long r = healedAfter + 2; r <= ROUNDS; r++) {
        assertThat(took.get(r)).as("round %d, after the heal", r).isTrue();
      }
      assertThat(healedAfter + 2).as("rounds left after the heal").isLessThanOrEqualTo(ROUNDS);
      assertThat(job.auditCheck(broker.bootstrapServers())).as(job.lastCheckOutput()).isZero();
    }
  }

  /** Rounds the coordinator has reported so far. */
  private static int roundsDone(ProcessJob job) {
    return (int) job.log("coordinator", 1).lines().filter(l -> l.matches("round \\d+: .*")).count();
  }
}
