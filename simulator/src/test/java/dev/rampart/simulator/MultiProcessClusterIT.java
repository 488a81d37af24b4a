package dev.rampart.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rampart.audit.ModelRef;
import dev.rampart.audit.ModelStore;
import dev.rampart.cli.ProjectRoot;
import dev.rampart.cli.data.Dataset;
import dev.rampart.cli.data.Datasets;
import dev.rampart.cli.deploy.ProcessJob;
import dev.rampart.client.SoftmaxRegression;
import dev.rampart.simulator.RunSummary;
import dev.rampart.simulator.Simulation;
import dev.rampart.simulator.SimulationSettings;
import dev.rampart.testkit.KafkaFixture;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/local-cluster.sh} end to end: a broker JVM, a coordinator JVM and four client
 * JVMs train ten rounds on the digits; the final model scores the same test accuracy (within
 * 0.01) as the same seeds run in-process by {@code Simulation} on the test broker.
 */
class MultiProcessClusterIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();
  private static final int CLIENTS = 4;
  private static final int ROUNDS = 10;
  private static final long SEED = 42;

  @TempDir Path dir;

  @Test
  void localClusterScript_tenRoundsFourClients_matchesInProcessAccuracy() throws Exception {
    Path runDir = dir.resolve("cluster");
    Path output = dir.resolve("script.log");
    Path script = ProjectRoot.find().resolve("scripts/local-cluster.sh");
    ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "--clients", Integer.toString(CLIENTS),
        "--rounds", Integer.toString(ROUNDS), "--seed", Long.toString(SEED), "--run-dir", runDir.toString(),
        "--port", Integer.toString(freePortPair()), "--round-timeout", "60s")
        .redirectErrorStream(true).redirectOutput(output.toFile());
    pb.environment().put("RAMPART_CLASSPATH", System.getProperty("java.class.path"));
    pb.environment().put("RAMPART_JAVA_OPTS", String.join(" ", ProcessJob.JVM_OPTIONS));
    Process p = pb.start();
    if (!p.waitFor(4, TimeUnit.MINUTES)) {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
      throw new AssertionError("local-cluster.sh did not finish: " + Files.readString(output));
    }
    String log = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(log + coordinatorLog(runDir)).isZero();

    ModelStore store = ModelStore.open(runDir.resolve("coordinator/models"));
    ModelRef last = store.latest().orElseThrow();
    assertThat(last.version()).isEqualTo(ROUNDS);
    Dataset test = Datasets.digits().trainTestSplit(0.2, SEED)[1];
    double multiProcess = SoftmaxRegression.accuracy(store.get(last.digest()), test.features(), test.labels(),
        test.classes());

    SimulationSettings settings = new SimulationSettings(CLIENTS, ROUNDS, SEED, KAFKA.bootstrapServers(),
        dir.resolve("in-process"), "average", 0, 0.5, 1, 16, Duration.ofSeconds(60), 0.2, 0, "sign-flip");
    RunSummary inProcess = new Simulation(settings, new PrintStream(PrintStream.nullOutputStream())).run();

    System.out.printf("multi-process final accuracy %.4f, in-process %.4f%n", multiProcess,
        inProcess.finalTestAccuracy());
    assertThat(multiProcess).isCloseTo(inProcess.finalTestAccuracy(), within(0.01));
    assertThat(multiProcess).as("a trained model").isGreaterThan(0.8);
    assertThat(Files.list(runDir.resolve("logs")).map(f -> f.getFileName().toString()).toList())
        .contains("broker.log", "coordinator.log", "client-00.log", "client-03.log");
    assertThat(List.of(log.split("\n"))).anyMatch(l -> l.contains("ended: " + ROUNDS + " rounds run, " + ROUNDS + " committed"));
  }

  private static String coordinatorLog(Path runDir) throws IOException {
    Path f = runDir.resolve("logs/coordinator.log");
    return Files.exists(f) ? Files.readString(f) : "";
  }

  /** A port p such that p and p + 1 are free on the loopback interface. */
  private static int freePortPair() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int port = a.getLocalPort();
        if (port >= 65535) {
          continue;
        }
        try (ServerSocket b = new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress())) {
          return port;
        } catch (IOException busy) {
          // try another pair
        }
      }
    }
    throw new IllegalStateException("no two adjacent free ports on the loopback interface");
  }
}
