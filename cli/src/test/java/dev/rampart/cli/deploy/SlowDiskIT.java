package dev.rampart.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rampart.audit.AuditRecord;
import dev.rampart.audit.RecordType;
import dev.rampart.coordinator.internal.AuditTrail;
import dev.rampart.testkit.KafkaFixture;
import dev.rampart.testkit.SlowFilesystem;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator's run directory (audit log and model store) on a disk that turns slow mid-job (a
 * FUSE file system sleeping before every write and sync; needs root, /dev/fuse and python3-fuse,
 * skipped with the reason otherwise) and fast again: the slow rounds take longer, but each round's
 * intake still closes on its deadline, every round commits once with every client's update, the
 * coordinator says which write was slow, and the chain verifies and the checker finds nothing.
 */
class SlowDiskIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();
  private static final int CLIENTS = 3;
  private static final int ROUNDS = 6;
  private static final Duration ROUND_TIMEOUT = Duration.ofSeconds(20);
  /** Per write and per sync: one audit record (a write and an fsync) then takes above 1 s. */
  private static final Duration SLOW = Duration.ofMillis(600);
  private static final List<String> ALL = IntStream.range(0, CLIENTS).mapToObj(ProcessJob::clientId).toList();
  @TempDir Path dir;

  @Test
  void runDirectoryOnADiskThatTurnsSlow_roundsSlowDownButCloseOnTime_nothingLost_slowWritesNamed() throws Exception {
    Optional<String> missing = SlowFilesystem.unavailableReason();
    assumeTrue(missing.isEmpty(), () -> "no slow file system here: " + missing.orElse(""));
    InProcessJob job = new InProcessJob(dir, KAFKA.bootstrapServers(), "slow-disk-it", CLIENTS, ROUNDS,
        ROUND_TIMEOUT.toSeconds() + "s");
    StringWriter warnings = new StringWriter();
    WriterAppender appender = captureWarnings(warnings);
    try (SlowFilesystem disk = SlowFilesystem.mount(dir.resolve("backing"), job.runDirectory())) {
      job.start();
      job.awaitOutput("round 2: ");
      disk.delay(SLOW);
      job.awaitOutput("round 4: ");
      disk.delay(Duration.ZERO);
      job.finish();
      System.out.printf("SlowDiskIT: every write and sync in the run directory slept %d ms after round 2 until"
          + " round 4 had ended; the coordinator said:%n%s%nwarned:%n%s%n", SLOW.toMillis(), job.output(), warnings);
      checkRun(job, warnings.toString());
    } finally {
      release(appender);
    }
  }

  private static void checkRun(InProcessJob job, String warnings) {
    AuditCounts audit = AuditCounts.read(job.runDirectory());
    Map<Long, Instant> planned = new TreeMap<>();
    Map<Long, Instant> closed = new TreeMap<>();
    for (AuditRecord r : audit.records()) {
      if (r.type() == RecordType.ROUND_PLANNED) {
        planned.putIfAbsent(r.round().getAsLong(), r.time());
      } else if (r.type() == RecordType.ROUND_CLOSED) {
        closed.putIfAbsent(r.round().getAsLong(), r.time());
      }
    }
    for (long r = 1; r <= ROUNDS; r++) {
      Duration intake = Duration.between(planned.get(r), closed.get(r));
      System.out.printf("  round %d: intake closed %d ms after its plan%s%n", r, intake.toMillis(),
          planned.containsKey(r + 1) ? ", next plan after " + Duration.between(planned.get(r), planned.get(r + 1))
              .toMillis() + " ms" : "");
      assertThat(intake).as("round %d's intake closes by its deadline", r)
          .isLessThanOrEqualTo(ROUND_TIMEOUT.plusSeconds(2));
      assertThat(audit.commitsPerRound().get(r)).as("commits of round %d", r).isEqualTo(1);
      assertThat(audit.acceptedInCommittedAttempt().get(r)).as("updates accepted in round %d", r)
          .containsExactlyInAnyOrderElementsOf(ALL);
    }
    Duration slowest = Duration.ZERO;
    for (long r = 3; r <= 4; r++) {
      Duration round = Duration.between(planned.get(r), planned.get(r + 1));
      slowest = round.compareTo(slowest) > 0 ? round : slowest;
    }
    assertThat(slowest).as("the slowest of rounds 3 and 4, which wrote on the slow disk")
        .isGreaterThan(AuditTrail.SLOW_WRITE.multipliedBy(5));
    assertThat(warnings).as("the coordinator names the slow write")
        .contains("the disk is slow").contains(job.runDirectory().toString());
    assertThat(job.auditVerify()).isZero();
    assertThat(job.auditCheck()).isZero();
  }

  /** Adds an appender that keeps the coordinator's audit-trail warnings in {@code out}. */
  private static WriterAppender captureWarnings(StringWriter out) {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    WriterAppender appender = WriterAppender.newBuilder().setName("slow-disk-it").setTarget(out)
        .setLayout(PatternLayout.newBuilder().withPattern("%level %logger{1} - %msg%n").build()).build();
    appender.start();
    config.addAppender(appender);
    LoggerConfig logger = new LoggerConfig(AuditTrail.class.getName(), Level.WARN, true);
    logger.addAppender(appender, Level.WARN, null);
    config.addLogger(AuditTrail.class.getName(), logger);
    context.updateLoggers();
    return appender;
  }

  private static void release(WriterAppender appender) {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().removeLogger(AuditTrail.class.getName());
    context.updateLoggers();
    appender.stop();
  }
}
