package dev.rampart.cli;



import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.audit.AuditEvents;
import dev.rampart.audit.AuditLog;
import dev.rampart.audit.ChainHead;
import dev.rampart.audit.RecordType;
import dev.rampart.crypto.Identity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rampart audit verify --anchor} against a run directory whose tail was cut or rewritten by
 * someone holding the files (and, in the demo layout, the coordinator key stored next to them).
 */
class AuditCommandsTest {
  private static final Identity COORDINATOR = Identity.generate("coordinator", new SecureRandom());

  @TempDir Path run;
  private ChainHead second;
  private ChainHead fourth;

  @BeforeEach
  void writeRun() {
    RunFiles.saveCoordinatorKey(run, COORDINATOR);
    try (AuditLog log = AuditLog.open(audit(), COORDINATOR, AuditLog.Options.defaults())) {
      for (long round = 1; round <= 4; round++) {
        log.append(RecordType.ROUND_PLANNED, AuditEvents.roundPlanned(round, round - 1, List.of("c1", "c2"),
            Map.of(), List.of()));
        if (round == 2) {
          second = log.head();
        }
      }
      fourth = log.head();
    }
  }

  private Path audit() {
    return run.resolve("audit");
  }

  private Path segment() {
    return audit().resolve("audit-000001.log");
  }

  private void cutLastRecord() throws IOException {
    byte[] bytes = Files.readAllBytes(segment());
    int end = bytes.length - 1;
    while (end > 0 && bytes[end - 1] != '\n') {
      end--;
    }
    Files.write(segment(), Arrays.copyOf(bytes, end));
  }

  @Test
  void verify_lastRecordCut_passesWithoutAnchorButExitsOneNamingTheMissingSequenceWithIt() throws IOException {
    cutLastRecord();
    assertThat(CommandRun.of("audit", "verify", run.toString()).exitCode()).as("a clean cut verifies on its own").isZero();

    CommandRun r = CommandRun.of("audit", "verify", run.toString(), "--anchor", second.text(), "--anchor", fourth.text());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("INVALID: TRUNCATED").contains("seq 4").contains("expected head is seq 4");
  }

  @Test
  void verify_lastRecordReplacedAndResignedWithStoredKey_exitsOneNamingTheSequence() throws IOException {
    cutLastRecord();
    Identity stored = RunFiles.coordinatorIdentity(run);
    try (AuditLog log = AuditLog.open(audit(), stored, AuditLog.Options.defaults())) {
      log.append(RecordType.ROUND_PLANNED, AuditEvents.roundPlanned(4, 3, List.of("c1"), Map.of(), List.of()));
    }
    assertThat(CommandRun.of("audit", "verify", run.toString()).exitCode()).as("the forgery verifies on its own").isZero();

    CommandRun r = CommandRun.of("audit", "verify", run.toString(), "--anchor", fourth.text());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("INVALID: HEAD_MISMATCH").contains("seq 4").contains("the record was changed");
  }

  @Test
  void verify_chainResignedWithAnotherKeyAndKeyFileSwapped_exitsOneNamingTheFirstChangedAnchor() throws IOException {
    Identity other = Identity.generate("coordinator", new SecureRandom());
    Files.delete(segment());
    try (AuditLog log = AuditLog.open(audit(), other, AuditLog.Options.defaults())) {
      for (long round = 1; round <= 4; round++) {
        log.append(RecordType.ROUND_PLANNED, AuditEvents.roundPlanned(round, round - 1, List.of("c1"), Map.of(),
            List.of()));
      }
    }
    Files.delete(run.resolve("keys").resolve("coordinator.key"));
    Files.delete(run.resolve("keys").resolve("coordinator.pub"));
    RunFiles.saveCoordinatorKey(run, other);
    assertThat(CommandRun.of("audit", "verify", run.toString()).exitCode()).as("the forgery verifies on its own").isZero();

    CommandRun r = CommandRun.of("audit", "verify", run.toString(), "--anchor", fourth.text(), "--anchor", second.text());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("INVALID: HEAD_MISMATCH").contains("seq 2");
  }

  @Test
  void verify_matchingAnchors_exitsZero() {
    CommandRun r = CommandRun.of("audit", "verify", run.toString(), "--anchor", second.text(), "--anchor",
        fourth.text().toUpperCase(Locale.ROOT));
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("VALID: 4 records").contains("2 anchor(s) matched");
  }

  @Test
  void verify_malformedAnchor_exitsTwoNamingIt() {
    CommandRun r = CommandRun.of("audit", "verify", run.toString(), "--anchor", "4:abc");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("'4:abc'");
  }

  @Test
  void verify_jobWithoutBootstrap_exitsTwo() {
    CommandRun r = CommandRun.of("audit", "verify", run.toString(), "--job", "j");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--bootstrap");
  }
}
