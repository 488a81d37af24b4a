package dev.rampart.testkit.internal;

import kafka.tools.StorageTool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One node of a {@code KafkaCluster}: a combined KRaft broker and controller in a JVM of its own
 * ({@code kafka.Kafka server.properties}), with its storage, ports and log file, formatted once and
 * restartable on the same storage. Not thread-safe.
 */
public final class BrokerNode {
  private static final String HOST = "127.0.0.1";
  private static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-Xss512k", "-XX:+UseSerialGC",
      "-XX:TieredStopAtLevel=1", "-Dlog4j2.level=WARN");

  private final int id;
  private final Path directory;
  private final Path config;
  private final Path logFile;
  private final int brokerPort;
  private Process process;

  private BrokerNode(int id, Path directory, int brokerPort) {
    this.id = id;
    this.directory = directory;
    this.config = directory.resolve("server.properties");
    this.logFile = directory.resolve("node.log");
    this.brokerPort = brokerPort;
  }

  /** Formats {@code size} nodes of one quorum in fresh temporary folders (not started). */
  public static List<BrokerNode> create(int size, String clusterId) {
    List<Integer> ports = freePorts(2 * size);
    StringBuilder voters = new StringBuilder();
    for (int i = 0; i < size; i++) {
      voters.append(i == 0 ? "" : ",").append(i + 1).append('@').append(HOST).append(':').append(ports.get(size + i));
    }
    List<BrokerNode> nodes = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      Path dir = createTempDirectory(i + 1);
      BrokerNode node = new BrokerNode(i + 1, dir, ports.get(i));
      node.write(properties(i + 1, dir, ports.get(i), ports.get(size + i), voters.toString()));
      node.format(clusterId);
      nodes.add(node);
    }
    return nodes;
  }

  private static Properties properties(int id, Path dir, int brokerPort, int controllerPort, String voters) {
    Properties p = NodeProperties.of(id, voters, dir, HOST, brokerPort, HOST, controllerPort, 3);
    p.put("default.replication.factor", "3");
    p.put("min.insync.replicas", "2");
    p.put("unclean.leader.election.enable", "false");
    p.put("broker.heartbeat.interval.ms", "500");
    p.put("broker.session.timeout.ms", "3000");
    p.put("replica.lag.time.max.ms", "5000");
    p.put("num.replica.fetchers", "1");
    return p;
  }

  private void write(Properties props) {
    try (OutputStream out = Files.newOutputStream(config)) {
      props.store(out, "Kafka cluster node " + id);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + config, e);
    }
  }

  private void format(String clusterId) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int code;
    try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      code = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", config.toString()}, print);
    }
    if (code != 0) {
      throw new IllegalStateException("formatting node " + id + " in " + directory + " failed with exit code " + code
          + ": " + output.toString(StandardCharsets.UTF_8));
    }
  }

  /** {@code host:port} of this node's broker listener. */
  public String bootstrapServer() {
    return HOST + ":" + brokerPort;
  }

  /** Starts (or restarts) the node's JVM on its storage; output is appended to its log file. */
  public void start() {
    if (isRunning()) {
      throw new IllegalStateException("Kafka node " + id + " is already running (pid " + process.pid() + ")");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(JVM_OPTIONS);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "kafka.Kafka", config.toString()));
    try {
      process = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Kafka node " + id, e);
    }
  }

  /** Whether the node's process is alive. */
  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** SIGKILL, and waits for the process to end. */
  public void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sends {@code SIG<name>} (e.g. STOP, CONT) to the running process with {@code kill}. */
  public void signal(String name) {
    if (!isRunning()) {
      throw new IllegalStateException("Kafka node " + id + " is not running");
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).redirectErrorStream(true).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed: "
            + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot signal Kafka node " + id, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling Kafka node " + id, e);
    }
  }

  /** The node's output so far. */
  public String log() {
    try {
      return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + logFile, e);
    }
  }

  /** The last 30 lines of the node's output. */
  public String logTail() {
    List<String> lines = log().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  /** Kills the process (resuming it first if paused) and deletes the storage. */
  public void close() {
    if (isRunning()) {
      try {
        signal("CONT");
      } catch (RuntimeException e) {
        // it may have ended meanwhile: killing it below is what matters
      }
    }
    kill();
    KraftServerRunner.deleteRecursively(directory);
  }

  private static List<Integer> freePorts(int n) {
    Set<Integer> seen = new HashSet<>();
    List<ServerSocket> held = new ArrayList<>();
    try {
      while (seen.size() < n) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST));
        held.add(s);
        seen.add(s.getLocalPort());
      }
      return held.stream().map(ServerSocket::getLocalPort).distinct().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("no free ports on " + HOST, e);
    } finally {
      for (ServerSocket s : held) {
        try {
          s.close();
        } catch (IOException e) {
          // closing a probe socket: nothing to do
        }
      }
    }
  }

  private static Path createTempDirectory(int id) {
    try {
      return Files.createTempDirectory("rampart-kafka-node" + id + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for Kafka node " + id, e);
    }
  }
}
