package dev.rampart.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rampart.cli.Main;
import dev.rampart.testkit.KafkaFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator's run directory (audit log and model store), or its audit log alone, on a small
 * filesystem (a tmpfs mounted for the test, which needs root; skipped with the reason otherwise)
 * that fills up mid-job: the coordinator stops with a message naming the failed write and exit
 * code 1; once space is freed, the coordinator started again on the same run directory resumes
 * and completes the job, every round committed once, the chain verifies (a partly written last
 * record is moved out of it on reopening) and {@code rampart audit check} finds nothing.
 */
class DiskFullIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();
  private static final int CLIENTS = 3;
  private static final int ROUNDS = 5;
  @TempDir Path dir;
  private final List<Path> mounts = new ArrayList<>();

  @AfterEach
  void unmount() throws Exception {
    for (Path m : mounts) {
      new ProcessBuilder("umount", "-l", m.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
    }
  }

  /**
   * The coordinator's whole run directory (audit log and model store) is on a 2 MiB tmpfs; the
   * clients, as on other machines, keep their files elsewhere.
   */
  @Test
  void runDirectoryFullMidJob_coordinatorStopsSayingWhy_resumesToCompletionOnceSpaceIsFreed() throws Exception {
    ProcessJob job = new ProcessJob(dir.resolve("job"), KAFKA.bootstrapServers(), "disk-full-it", CLIENTS, ROUNDS,
        "20s", 19);
    Path run = mount(job.runDirectory(), "2m");
    fillMidJobThenResume(job, run);
  }

  /** Only the audit log's folder is on a 1 MiB tmpfs, so an audit append is the write that fails. */
  @Test
  void auditDiskFullMidJob_noTornRecordStays_jobResumesToCompletion() throws Exception {
    ProcessJob job = new ProcessJob(dir.resolve("job"), KAFKA.bootstrapServers(), "audit-full-it", CLIENTS, ROUNDS,
        "20s", 23);
    Path audit = mount(job.runDirectory().resolve("audit"), "1m");
    fillMidJobThenResume(job, audit);
  }

  private Path mount(Path at, String size) throws Exception {
    Files.createDirectories(at);
    Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    assumeTrue(ok, "cannot mount a tmpfs at " + at + " (needs root): " + out.strip());
    mounts.add(at);
    return at;
  }

  private static void fillMidJobThenResume(ProcessJob job, Path disk) throws Exception {
    Path config = job.dir.resolve("coordinator.yaml");
    ByteArrayOutputStream firstOut = new ByteArrayOutputStream();
    ByteArrayOutputStream firstErr = new ByteArrayOutputStream();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
    try {
      Future<Integer> first = pool.submit(() -> DeployCommands.guarded(print(firstErr), () ->
          CoordinatorProcess.fromFile(config, print(firstOut)).run(StopSignal.none())));
      List<Future<Integer>> clients = new ArrayList<>();
      for (String id : IntStream.range(0, CLIENTS).mapToObj(ProcessJob::clientId).toList()) {
        Path yaml = job.dir.resolve(id + ".yaml");
        clients.add(pool.submit(() -> ClientProcess.fromFile(yaml, print(OutputStream.nullOutputStream()))
            .run(StopSignal.none())));
      }
      Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> firstOut.toString(StandardCharsets.UTF_8)
          .contains("round 2: ") || first.isDone());
      Path filler = disk.resolve("filler");
      long filled = fill(filler);
      assertThat(first.get(2, TimeUnit.MINUTES)).as("first coordinator's exit; it said:%n%s%s", firstOut, firstErr)
          .isEqualTo(ExitCodes.FAILED);
      String why = firstErr.toString(StandardCharsets.UTF_8);
      System.out.printf("DiskFullIT: %s: filled %,d bytes after round 2; the coordinator said: %s%n", job.job, filled,
          why.strip());
      assertThat(why).contains("No space left on device");

      Files.delete(filler);
      ByteArrayOutputStream secondOut = new ByteArrayOutputStream();
      Future<Integer> second = pool.submit(() -> DeployCommands.guarded(System.err, () ->
          CoordinatorProcess.fromFile(config, print(secondOut)).run(StopSignal.none())));
      assertThat(second.get(3, TimeUnit.MINUTES)).as("second coordinator; it said:%n%s", secondOut)
          .isEqualTo(ExitCodes.COMPLETED);
      for (Future<Integer> c : clients) {
        assertThat(c.get(2, TimeUnit.MINUTES)).isEqualTo(ExitCodes.COMPLETED);
      }
      System.out.println("DiskFullIT: " + job.job + ": the second coordinator said:\n"
          + secondOut.toString(StandardCharsets.UTF_8));
    } finally {
      pool.shutdownNow();
    }
    AuditCounts audit = AuditCounts.read(job.runDirectory());
    for (long r = 1; r <= ROUNDS; r++) {
      assertThat(audit.commitsPerRound().get(r)).as("commits of round %d", r).isEqualTo(1);
    }
    assertThat(Main.execute("audit", "verify", job.runDirectory().toString(), "--key",
        job.dir.resolve("keys/coordinator.pub").toString())).isZero();
    assertThat(job.auditCheck(KAFKA.bootstrapServers())).as(job.lastCheckOutput()).isZero();
  }

  /** Writes to {@code file} until the filesystem is full; returns the bytes written. */
  private static long fill(Path file) {
    byte[] block = new byte[64 * 1024];
    long written = 0;
    try (OutputStream out = Files.newOutputStream(file)) {
      while (true) {
        out.write(block);
        written += block.length;
      }
    } catch (IOException e) {
      return written;
    }
  }

  private static PrintStream print(OutputStream out) {
    return new PrintStream(out, true, StandardCharsets.UTF_8);
  }
}
