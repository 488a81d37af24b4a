package dev.rampart.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.audit.AuditVerifier;
import dev.rampart.audit.ModelRef;
import dev.rampart.audit.ModelStore;
import dev.rampart.audit.RecordType;
import dev.rampart.crypto.Identity;
import dev.rampart.testkit.KafkaFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults across processes: the coordinator and three clients run as separate JVMs on a real
 * broker, and one of them is killed with SIGKILL in the middle of a round and started again.
 * Every check counts accepted updates per round from the coordinator's audit log, so a lost or
 * double-counted update fails the test.
 */
class ProcessFaultIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
  private static final List<String> ALL = List.of("client-00", "client-01", "client-02");
  private static final Pattern TRAINED = Pattern.compile("round (\\d+): trained");

  @TempDir Path dir;

  @Test
  void clientKilledMidRound_restarted_rejoinsAndNoUpdateIsLostOrCountedTwice() throws Exception {
    int rounds = 5;
    try (ProcessJob job = new ProcessJob(dir, KAFKA.bootstrapServers(), "client-kill-it", 3, rounds, "30s", 7)) {
      Process[] clients = job.startClientsReady(JOB_TIMEOUT);
      Process coordinator = job.startCoordinator();
      job.awaitLog("client-02", 1, "round 2: trained", JOB_TIMEOUT);
      ProcessJob.kill(clients[2]);
      Process restarted = job.startClient(2);

      assertThat(ProcessJob.awaitExit(coordinator, JOB_TIMEOUT)).as(job.log("coordinator", 1)).isZero();
      assertThat(ProcessJob.awaitExit(clients[0], JOB_TIMEOUT)).isZero();
      assertThat(ProcessJob.awaitExit(clients[1], JOB_TIMEOUT)).isZero();
      assertThat(ProcessJob.awaitExit(restarted, JOB_TIMEOUT)).as(job.log("client-02", 2)).isZero();
      assertThat(clients[2].exitValue()).as("SIGKILL").isEqualTo(137);

      AuditCounts audit = AuditCounts.read(job.runDirectory());
      assertThat(audit.commitsPerRound()).as(job.log("coordinator", 1)).hasSize(rounds);
      assertCommittedOnceWithDistinctInputs(audit, rounds);
      List<Long> rejoined = trainedRounds(job.log("client-02", 2));
      assertThat(rejoined).as("rounds the restarted client trained").isNotEmpty().contains((long) rounds);
      long firstAfterRestart = rejoined.get(0);
      for (long r = 1; r <= rounds; r++) {
        List<String> accepted = audit.acceptedInCommittedAttempt().get(r);
        assertThat(accepted).as("round %d keeps both surviving clients", r).contains("client-00", "client-01");
        if (r == 1 || r > firstAfterRestart || rejoined.contains(r)) {
          assertThat(accepted).as("round %d accepted", r).containsExactlyInAnyOrderElementsOf(ALL);
        }
      }
      assertThat(AuditVerifier.verify(job.runDirectory().resolve("audit"), coordinatorKey(job)).valid()).isTrue();
      assertThat(job.auditCheck(KAFKA.bootstrapServers())).as(job.lastCheckOutput()).isZero();
    }
  }

  @Test
  void coordinatorKilledMidRound_restartedOnSameRunDirectory_resumesWithoutLosingOrDoubleCounting() throws Exception {
    int rounds = 5;
    try (ProcessJob job = new ProcessJob(dir, KAFKA.bootstrapServers(), "coordinator-kill-it", 3, rounds, "30s", 11)) {
      Process[] clients = job.startClientsReady(JOB_TIMEOUT);
      Process first = job.startCoordinator();
      job.awaitLog("client-00", 1, "round 3: trained", JOB_TIMEOUT);
      ProcessJob.kill(first);
      Process second = job.startCoordinator();

      assertThat(ProcessJob.awaitExit(second, JOB_TIMEOUT)).as(job.log("coordinator", 2)).isZero();
      for (Process c : clients) {
        assertThat(ProcessJob.awaitExit(c, JOB_TIMEOUT)).isZero();
      }
      assertThat(first.exitValue()).as("SIGKILL").isEqualTo(137);

      AuditCounts audit = AuditCounts.read(job.runDirectory());
      assertCommittedOnceWithDistinctInputs(audit, rounds);
      for (long r = 1; r <= rounds; r++) {
        assertThat(audit.acceptedInCommittedAttempt().get(r)).as("round %d accepted", r)
            .containsExactlyInAnyOrderElementsOf(ALL);
      }
      assertThat(audit.count(RecordType.JOB_STARTED)).as("one start per coordinator process").isEqualTo(2);
      assertThat(job.log("coordinator", 2)).contains("round " + rounds + ": accepted 3 of 3");
      // The store assigns versions and never reuses one: a kill between storing a model and
      // appending its commit record leaves one version that no record names (ModelStore's contract).
      // The committed versions must still form one chain, one per round, each the parent of the next.
      List<ModelRef> lineage = ModelStore.open(job.runDirectory().resolve("models")).lineage();
      List<ModelRef> committed = committedVersions(audit, lineage);
      assertThat(committed).extracting(ModelRef::round).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
      assertThat(lineage.size() - committed.size()).as("stored versions no commit names").isBetween(0, 1);
      for (int v = 1; v < committed.size(); v++) {
        assertThat(committed.get(v).parentDigest()).as("round %d's parent", v).contains(committed.get(v - 1).digest());
      }
      assertThat(AuditVerifier.verify(job.runDirectory().resolve("audit"), coordinatorKey(job)).valid()).isTrue();
      assertThat(job.auditCheck(KAFKA.bootstrapServers())).as(job.lastCheckOutput()).isZero();
    }
  }

  /** The stored versions that AGGREGATE_COMMITTED records name, in commit order. */
  private static List<ModelRef> committedVersions(AuditCounts audit, List<ModelRef> lineage) {
    return audit.records().stream().filter(r -> r.type() == RecordType.AGGREGATE_COMMITTED)
        .map(r -> lineage.get(((Number) r.body().get("modelVersion")).intValue())).toList();
  }

  private static void assertCommittedOnceWithDistinctInputs(AuditCounts audit, int rounds) {
    assertThat(audit.commitsPerRound()).as("commits per round").hasSize(rounds);
    audit.commitsPerRound().forEach((round, n) -> assertThat(n).as("commits of round %d", round).isEqualTo(1));
    audit.acceptedInCommittedAttempt().forEach((round, accepted) -> {
      assertThat(new HashSet<>(accepted)).as("round %d: an update counted twice", round).hasSameSizeAs(accepted);
      assertThat(audit.commitInputs().get(round)).as("round %d commit inputs", round)
          .containsExactlyInAnyOrderElementsOf(accepted);
    });
  }

  private static List<Long> trainedRounds(String log) {
    Matcher m = TRAINED.matcher(log);
    List<Long> rounds = new java.util.ArrayList<>();
    while (m.find()) {
      rounds.add(Long.parseLong(m.group(1)));
    }
    return rounds;
  }

  private static dev.rampart.crypto.PublicKey coordinatorKey(ProcessJob job) {
    return Identity.load(job.dir.resolve("keys/coordinator.key")).publicKey();
  }
}
