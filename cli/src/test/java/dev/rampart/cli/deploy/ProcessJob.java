package dev.rampart.cli.deploy;

import static org.awaitility.Awaitility.await;

import dev.rampart.cli.Main;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Identity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A deployed job for tests: keys, registry, the digits split and YAML files in a folder, and the
 * coordinator and clients started as separate JVMs ({@code rampart coordinator|client --config})
 * on this test's classpath. Each start of a process writes its own log file. Closing kills every
 * process still alive. Not thread-safe.
 */
public final class ProcessJob implements AutoCloseable {
  /** JVM options of every process a test starts: small heaps, so several fit on a CI machine. */
  public static final List<String> JVM_OPTIONS = List.of("-Xmx160m", "-Xss512k", "-XX:+UseSerialGC",
      "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-Xshare:auto");

  final Path dir;
  final String job;
  final int clients;
  private final List<Process> started = new ArrayList<>();
  private final Map<String, Integer> starts = new ConcurrentHashMap<>();
  private Function<String, List<String>> jvmOptions = name -> JVM_OPTIONS;
  private String lastCheckOutput = "";

  ProcessJob(Path dir, String bootstrap, String job, int clients, int rounds, String roundTimeout, long seed) {
    this(dir, bootstrap, job, clients, rounds, roundTimeout, seed, "");
  }

  /** As above, with {@code coordinatorYaml} (whole lines) added to {@code coordinator.yaml}. */
  ProcessJob(Path dir, String bootstrap, String job, int clients, int rounds, String roundTimeout, long seed,
      String coordinatorYaml) {
    this.dir = dir;
    this.job = job;
    this.clients = clients;
    try {
      Files.createDirectories(dir.resolve("keys"));
      Files.createDirectories(dir.resolve("logs"));
      SecureRandom random = new SecureRandom();
      Identity coordinator = Identity.generate("coordinator", random);
      coordinator.save(dir.resolve("keys/coordinator.key"));
      Files.writeString(dir.resolve("keys/coordinator.pub"), coordinator.publicKey().toBase64() + "\n");
      ClientRegistry registry = ClientRegistry.empty();
      DeployCommands.DigitsSplit.write(clients, seed, 0.2, dir.resolve("data"));
      long trainerSeed = DeployCommands.DigitsSplit.trainerSeedBase(seed);
      for (int i = 0; i < clients; i++) {
        Identity id = Identity.generate(clientId(i), random);
        id.save(dir.resolve("keys/" + clientId(i) + ".key"));
        registry = registry.withClient(id.id(), id.publicKey());
        write(clientId(i) + ".yaml", String.join("\n",
            "job: " + job,
            "identity: keys/" + clientId(i) + ".key",
            "coordinator-key: keys/coordinator.pub",
            "data:",
            "  path: data/" + clientId(i) + ".csv",
            "  seed: " + (trainerSeed + i),
            "kafka:",
            "  bootstrap-servers: " + bootstrap,
            ""));
      }
      registry.save(dir.resolve("registry.txt"));
      write("coordinator.yaml", String.join("\n",
          "job: " + job,
          "identity: keys/coordinator.key",
          "registry: registry.txt",
          "run-directory: run",
          "rounds: " + rounds,
          "round-timeout: " + roundTimeout,
          "evaluation:",
          "  test-data: data/test.csv",
          coordinatorYaml + "kafka:",
          "  bootstrap-servers: " + bootstrap,
          ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sets the JVM options of the processes started from now on: {@code perProcess} maps a start's
   * log name (e.g. {@code coordinator-1}, {@code client-00-1}) to its options; the default is
   * {@link #JVM_OPTIONS} for every process.
   */
  void jvmOptions(Function<String, List<String>> perProcess) {
    this.jvmOptions = perProcess;
  }

  static String clientId(int i) {
    return String.format("client-%02d", i);
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  /** The coordinator's run directory (audit log and model store). */
  Path runDirectory() {
    return dir.resolve("run");
  }

  Process startCoordinator() {
    return start("coordinator", "coordinator", dir.resolve("coordinator.yaml"));
  }

  /** Starts the coordinator with {@code prefix} in front of its command line, e.g. {@code ip netns exec <ns>}. */
  Process startCoordinatorWithPrefix(List<String> prefix) {
    return start("coordinator", prefix, "dev.rampart.cli.Main", "coordinator", dir.resolve("coordinator.yaml"));
  }

  /**
   * Starts every client and waits until each has loaded its data and model code and waits for the
   * job's topics, so that the first round's deadline is not spent on JVM start-up.
   */
  Process[] startClientsReady(Duration timeout) {
    Process[] ps = new Process[clients];
    for (int i = 0; i < clients; i++) {
      ps[i] = startClient(i);
    }
    for (int i = 0; i < clients; i++) {
      awaitLog(clientId(i), 1, "waiting for the job's topics", timeout);
    }
    return ps;
  }

  Process startClient(int i) {
    return start(clientId(i), "client", dir.resolve(clientId(i) + ".yaml"));
  }

  /** Starts client {@code i} through {@code mainClass}, called as {@code mainClass client --config <file>}. */
  Process startClient(int i, Class<?> mainClass) {
    return start(clientId(i), mainClass.getName(), "client", dir.resolve(clientId(i) + ".yaml"));
  }

  /** Starts client {@code i} with {@code prefix} in front of its command line, e.g. {@code ip netns exec <ns>}. */
  Process startClientWithPrefix(int i, List<String> prefix) {
    return start(clientId(i), prefix, "dev.rampart.cli.Main", "client", dir.resolve(clientId(i) + ".yaml"));
  }

  private Process start(String name, String command, Path config) {
    return start(name, "dev.rampart.cli.Main", command, config);
  }

  private Process start(String name, String mainClass, String command, Path config) {
    return start(name, List.of(), mainClass, command, config);
  }

  private Process start(String name, List<String> prefix, String mainClass, String command, Path config) {
    int n = starts.merge(name, 1, Integer::sum);
    Path log = dir.resolve("logs/" + name + "-" + n + ".log");
    List<String> cmd = new ArrayList<>(prefix);
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions.apply(name + "-" + n));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass, command,
        "--config", config.toString()));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      started.add(p);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** The output of the {@code n}-th start (from 1) of a process. */
  String log(String name, int n) {
    Path log = dir.resolve("logs/" + name + "-" + n + ".log");
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the log of the {@code n}-th start of {@code name} contains {@code text}. */
  void awaitLog(String name, int n, String text, Duration timeout) {
    await().atMost(timeout).pollInterval(Duration.ofMillis(50))
        .until(() -> log(name, n).contains(text));
  }

  /**
   * Runs {@code rampart audit check} on this job's run directory against {@code bootstrap}, with the
   * job's registry and coordinator key, prints what it said and returns its exit code.
   */
  int auditCheck(String bootstrap) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int code;
    synchronized (System.class) {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      try {
        code = Main.execute("audit", "check", runDirectory().toString(), "--key",
            dir.resolve("keys/coordinator.pub").toString(), "--bootstrap", bootstrap, "--registry",
            dir.resolve("registry.txt").toString());
      } finally {
        System.setOut(original);
      }
    }
    lastCheckOutput = captured.toString(StandardCharsets.UTF_8);
    System.out.println(job + ": rampart audit check said:\n" + lastCheckOutput);
    return code;
  }

  /** What the last {@link #auditCheck} printed. */
  String lastCheckOutput() {
    return lastCheckOutput;
  }

  /** Waits for a process to end and returns its exit code. */
  static int awaitExit(Process p, Duration timeout) throws InterruptedException {
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("process " + p.pid() + " did not end within " + timeout);
    }
    return p.exitValue();
  }

  /** SIGKILL: the process gets no chance to clean up. */
  static void kill(Process p) throws InterruptedException {
    p.destroyForcibly();
    p.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    for (Process p : started) {
      if (p.isAlive()) {
        p.destroyForcibly();
      }
    }
  }
}
