package dev.rampart.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;

/**
 * A deployed job's files ({@link ProcessJob}) run as its processes' code on threads of this JVM:
 * the coordinator (its output kept) and the first {@code running} clients. Cheaper than separate
 * JVMs where the fault is outside the processes (a broker, the disk). Not thread-safe.
 */
final class InProcessJob {
  private static final Duration STEP = Duration.ofMinutes(3);

  final String name;
  final ProcessJob files;
  private final String bootstrap;
  private final int running;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ExecutorService pool;
  private Future<Integer> coordinator;
  private final List<Future<Integer>> clients = new ArrayList<>();
  private String checkOutput = "";

  /** A job of {@code clients} enrolled clients, all of which run. */
  InProcessJob(Path dir, String bootstrap, String name, int clients, int rounds, String roundTimeout) {
    this(dir, bootstrap, name, clients, clients, rounds, roundTimeout);
  }

  /** A job of {@code enrolled} clients of which the first {@code running} run. */
  InProcessJob(Path dir, String bootstrap, String name, int enrolled, int running, int rounds, String roundTimeout) {
    this.name = name;
    this.bootstrap = bootstrap;
    this.running = running;
    this.files = new ProcessJob(dir.resolve(name), bootstrap, name, enrolled, rounds, roundTimeout, 11);
    this.pool = Executors.newFixedThreadPool(running + 1);
  }

  /** Appends lines to the end of coordinator.yaml (which ends inside its {@code kafka:} map). */
  void appendToCoordinatorYaml(String lines) throws IOException {
    Files.writeString(files.dir.resolve("coordinator.yaml"), lines, StandardOpenOption.APPEND);
  }

  void start() {
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    coordinator = pool.submit(() -> CoordinatorProcess.fromFile(files.dir.resolve("coordinator.yaml"), print)
        .run(StopSignal.none()));
    for (String id : IntStream.range(0, running).mapToObj(ProcessJob::clientId).toList()) {
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

  /** Waits for the coordinator and every client to complete the job. */
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

  /** Runs {@code rampart audit check} on the run and returns its exit code; its output is in {@link #checkOutput()}. */
  int auditCheck() {
    int code = files.auditCheck(bootstrap);
    checkOutput = files.lastCheckOutput();
    return code;
  }

  String checkOutput() {
    return checkOutput;
  }
}
