package dev.rampart.testkit.internal;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * Formats storage and runs a single-node combined KRaft server; see {@code EmbeddedKafkaBroker}.
 */
public final class KraftServerRunner implements AutoCloseable {
  private static final String HOST = "127.0.0.1";
  private static final int NODE_ID = 1;

  private final KafkaRaftServer server;
  private final Path dataDirectory;
  private final String bootstrapServers;
  private final Optional<SaslSecurity> security;
  private final AtomicBoolean closed = new AtomicBoolean();

  private KraftServerRunner(KafkaRaftServer server, Path dataDirectory, String bootstrapServers,
      Optional<SaslSecurity> security) {
    this.server = server;
    this.dataDirectory = dataDirectory;
    this.bootstrapServers = bootstrapServers;
    this.security = security;
  }

  /** Formats a fresh folder, starts a server without authentication and waits until it answers. */
  public static KraftServerRunner start(int port, Map<String, String> overrides, Duration timeout) {
    return start(port, overrides, timeout, Optional.empty());
  }

  /**
   * Formats a fresh folder, starts the server and waits until it answers a metadata request; with
   * {@code security}, the listeners authenticate, the authorizer is on, and its users and ACLs
   * exist before this returns.
   */
  public static KraftServerRunner start(int port, Map<String, String> overrides, Duration timeout,
      Optional<SaslSecurity> security) {
    return start(HOST, port, overrides, timeout, security);
  }

  /**
   * As {@link #start(int, Map, Duration, Optional)} with the client listener on {@code brokerHost}
   * (an address of this machine, e.g. the host end of a veth pair, so that another network
   * namespace reaches it); the controller stays on 127.0.0.1. Not with {@code security}.
   */
  public static KraftServerRunner start(String brokerHost, int port, Map<String, String> overrides, Duration timeout,
      Optional<SaslSecurity> security) {
    if (!brokerHost.equals(HOST) && security.isPresent()) {
      throw new IllegalArgumentException("a secured broker listens on " + HOST + " only, not on " + brokerHost);
    }
    Path dir = createTempDirectory();
    try {
      int brokerPort = port == 0 ? freePort(brokerHost) : port;
      int controllerPort = freePortOtherThan(brokerPort);
      Properties props = properties(dir, brokerHost, brokerPort, controllerPort);
      security.ifPresent(s -> s.apply(props, HOST, brokerPort, controllerPort));
      props.putAll(overrides);
      format(dir, props, security);
      KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      server.startup();
      KraftServerRunner runner = new KraftServerRunner(server, dir, brokerHost + ":" + brokerPort, security);
      runner.awaitReady(timeout);
      return runner;
    } catch (RuntimeException e) {
      deleteRecursively(dir);
      throw e;
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  /** Properties of an admin client that may do anything: bootstrap servers, and the super user's login if secured. */
  public Map<String, Object> adminProperties() {
    Map<String, Object> p = new HashMap<>();
    security.ifPresent(s -> p.putAll(s.superUserProperties()));
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return p;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      deleteRecursively(dataDirectory);
    }
  }

  private static Properties properties(Path dir, String brokerHost, int brokerPort, int controllerPort) {
    Properties p = NodeProperties.of(NODE_ID, NODE_ID + "@" + HOST + ":" + controllerPort, dir, brokerHost, brokerPort,
        HOST, controllerPort, 1);
    p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
    return p;
  }

  private static void format(Path dir, Properties props, Optional<SaslSecurity> security) {
    Path config = dir.resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(config)) {
      props.store(out, "embedded KRaft broker");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + config, e);
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()));
    security.ifPresent(s -> args.addAll(List.of("--add-scram", s.formatScramArgument())));
    int code;
    try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      code = StorageTool.execute(args.toArray(String[]::new), print);
    }
    if (code != 0) {
      throw new IllegalStateException("formatting KRaft storage in " + dir + " failed with exit code "
          + code + ": " + output.toString(StandardCharsets.UTF_8));
    }
  }

  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(adminProperties())) {
      while (true) {
        long left = deadline - System.nanoTime();
        try {
          if (!admin.describeCluster().nodes().get(Math.max(1, left), TimeUnit.NANOSECONDS).isEmpty()) {
            createUsersAndAcls(admin);
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          if (System.nanoTime() >= deadline) {
            close();
            throw new IllegalStateException("embedded broker at " + bootstrapServers
                + " did not become ready within " + timeout, e);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          close();
          throw new IllegalStateException("interrupted while waiting for the embedded broker", e);
        }
      }
    }
  }

  private void createUsersAndAcls(Admin admin) {
    try {
      security.ifPresent(s -> s.createUsersAndAcls(admin));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * A free port that is not {@code taken}: the OS may hand out the port it just released, and the
   * broker refuses two listeners on one port.
   */
  private static int freePortOtherThan(int taken) {
    for (int attempt = 0; attempt < 16; attempt++) {
      int p = freePort();
      if (p != taken) {
        return p;
      }
    }
    throw new IllegalStateException("the OS returned port " + taken + " 16 times in a row on " + HOST);
  }

  private static int freePort() {
    return freePort(HOST);
  }

  private static int freePort(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + host, e);
    }
  }

  private static Path createTempDirectory() {
    try {
      return Files.createTempDirectory("rampart-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for the broker", e);
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot delete " + path, e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
