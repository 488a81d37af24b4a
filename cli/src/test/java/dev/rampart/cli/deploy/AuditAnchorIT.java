package dev.rampart.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.audit.AuditEvents;
import dev.rampart.audit.AuditLog;
import dev.rampart.audit.AuditRecord;
import dev.rampart.audit.ChainHead;
import dev.rampart.audit.RecordType;
import dev.rampart.cli.CommandRun;
import dev.rampart.cli.Main;
import dev.rampart.crypto.Identity;
import dev.rampart.testkit.KafkaFixture;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Anchors end to end on a real broker, with the coordinator and two clients started from their YAML
 * files: every client ends with the head of the last round's ROUND_PLANNED record in its state
 * folder, that anchor verifies against the run directory, and after the local log loses its tail
 * (cut, or replaced and re-signed with a stolen coordinator key) {@code audit verify --bootstrap
 * --job} names the first sequence where the files and the job's audit topic part.
 */
class AuditAnchorIT {
  private static final String JOB = "anchor-it";

  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();
  @TempDir Path dir;

  @Test
  void deployedJob_clientsStoreTheLastPlannedHead_andTheMirrorRevealsACutOrRewrittenTail() throws Exception {
    runJob();
    Path run = dir.resolve("run");
    Path pub = dir.resolve("keys").resolve("coordinator.pub");
    List<AuditRecord> records = AuditCounts.read(run).records();
    AuditRecord lastPlan = records.stream().filter(r -> r.type() == RecordType.ROUND_PLANNED)
        .reduce((a, b) -> b).orElseThrow();
    for (String id : List.of("bank-a", "bank-b")) {
      Path file = dir.resolve("state").resolve(id).resolve("audit-anchor-" + JOB + ".txt");
      String anchor = Files.readString(file, StandardCharsets.US_ASCII).strip();
      assertThat(ChainHead.parse(anchor)).isEqualTo(new ChainHead(lastPlan.sequence(), lastPlan.hash()));
      assertThat(CommandRun.of("audit", "verify", run.toString(), "--key", pub.toString(), "--anchor", anchor)
          .exitCode()).isZero();
    }
    String[] mirror = {"audit", "verify", run.toString(), "--key", pub.toString(), "--bootstrap",
        KAFKA.bootstrapServers(), "--job", JOB};
    assertThat(CommandRun.of(mirror).exitCode()).isZero();

    long last = records.get(records.size() - 1).sequence();
    cutLastRecord(run.resolve("audit").resolve("audit-000001.log"));
    assertThat(CommandRun.of("audit", "verify", run.toString(), "--key", pub.toString()).exitCode())
        .as("a clean cut verifies on its own").isZero();
    CommandRun cut = CommandRun.of(mirror);
    assertThat(cut.exitCode()).isEqualTo(1);
    assertThat(cut.out()).contains("INVALID: TRUNCATED").contains("seq " + last + ":");

    Identity stolen = Identity.load(dir.resolve("keys").resolve("coordinator.key"));
    try (AuditLog log = AuditLog.open(run.resolve("audit"), stolen, AuditLog.Options.defaults())) {
      log.append(RecordType.JOB_ENDED, AuditEvents.jobEnded("COMPLETED", 2, 2, "00".repeat(32), "forged"));
    }
    CommandRun rewritten = CommandRun.of(mirror);
    assertThat(rewritten.exitCode()).isEqualTo(1);
    assertThat(rewritten.out()).contains("INVALID: MIRROR_MISMATCH").contains("seq " + last + ":");
  }

  private void runJob() throws Exception {
    Path keys = dir.resolve("keys");
    assertThat(Main.execute("keys", "generate", "--dir", keys.toString(), "--id", "coordinator", "--id", "bank-a",
        "--id", "bank-b")).isZero();
    assertThat(Main.execute("registry", "add", "bank-a", "bank-b", "--key-dir", keys.toString(), "--registry",
        dir.resolve("registry.txt").toString())).isZero();
    DeployCommands.DigitsSplit.write(2, 5, 0.2, dir.resolve("data"));
    String kafka = "kafka:\n  bootstrap-servers: " + KAFKA.bootstrapServers() + "\n";
    Files.writeString(dir.resolve("coordinator.yaml"), "job: " + JOB + "\nidentity: keys/coordinator.key\n"
        + "registry: registry.txt\nrun-directory: run\nrounds: 2\nround-timeout: 30s\n" + kafka);
    for (int i = 0; i < 2; i++) {
      String id = i == 0 ? "bank-a" : "bank-b";
      Files.writeString(dir.resolve(id + ".yaml"), "job: " + JOB + "\nidentity: keys/" + id + ".key\n"
          + "coordinator-key: keys/coordinator.pub\ndata:\n  path: data/client-0" + i + ".csv\n" + kafka);
    }
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Future<Integer> a = pool.submit(() -> ClientProcess.fromFile(dir.resolve("bank-a.yaml"), quiet).run(StopSignal.none()));
      Future<Integer> b = pool.submit(() -> ClientProcess.fromFile(dir.resolve("bank-b.yaml"), quiet).run(StopSignal.none()));
      Future<Integer> coordinator = pool.submit(() ->
          CoordinatorProcess.fromFile(dir.resolve("coordinator.yaml"), quiet).run(StopSignal.none()));
      assertThat(coordinator.get(3, TimeUnit.MINUTES)).isEqualTo(ExitCodes.COMPLETED);
      assertThat(a.get(1, TimeUnit.MINUTES)).isEqualTo(ExitCodes.COMPLETED);
      assertThat(b.get(1, TimeUnit.MINUTES)).isEqualTo(ExitCodes.COMPLETED);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void cutLastRecord(Path segment) throws IOException {
    byte[] bytes = Files.readAllBytes(segment);
    int end = bytes.length - 1;
    while (end > 0 && bytes[end - 1] != '\n') {
      end--;
    }
    Files.write(segment, Arrays.copyOf(bytes, end));
  }
}
