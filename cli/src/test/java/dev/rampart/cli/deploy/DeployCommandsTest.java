package dev.rampart.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages of {@code rampart coordinator} and {@code rampart client} before any job runs. */
class DeployCommandsTest {
  @TempDir Path dir;

  private Path coordinatorFile(String bootstrap, String extra) throws IOException {
    assertThat(Main.execute("keys", "generate", "--dir", dir.resolve("keys").toString(), "--id", "coordinator",
        "--id", "c1")).isZero();
    assertThat(Main.execute("registry", "add", "c1", "--key-dir", dir.resolve("keys").toString(), "--registry",
        dir.resolve("registry.txt").toString())).isZero();
    Path f = dir.resolve("coordinator.yaml");
    Files.writeString(f, "job: j\nidentity: keys/coordinator.key\nregistry: registry.txt\nrun-directory: run\n"
        + extra + "kafka:\n  bootstrap-servers: " + bootstrap + "\n  connect-timeout: 2s\n");
    return f;
  }

  @Test
  void coordinator_unreachableCluster_exitsThreeNamingTheServersWithinTheBound() throws Exception {
    String bootstrap = "127.0.0.1:" + closedPort();
    Path f = coordinatorFile(bootstrap, "");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long start = System.nanoTime();
    int code = DeployCommands.guarded(new PrintStream(err, true, StandardCharsets.UTF_8),
        () -> CoordinatorProcess.fromFile(f, new PrintStream(PrintStream.nullOutputStream())).run(StopSignal.none()));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(code).isEqualTo(ExitCodes.KAFKA_UNAVAILABLE);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(bootstrap).contains("did not answer within PT2S");
    assertThat(seconds).as("bounded wait").isLessThan(20.0);
  }

  @Test
  void coordinator_badValue_exitsTwoNamingTheKey() throws Exception {
    Path f = coordinatorFile("127.0.0.1:1", "max-byzantine: -1\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = DeployCommands.guarded(new PrintStream(err, true, StandardCharsets.UTF_8),
        () -> CoordinatorProcess.fromFile(f, System.out).run(StopSignal.none()));
    assertThat(code).isEqualTo(ExitCodes.CONFIG);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("key 'max-byzantine'").contains(f.toString());
  }

  @Test
  void coordinator_missingRegistryFile_exitsTwoNamingTheFile() throws Exception {
    Path f = coordinatorFile("127.0.0.1:1", "");
    Files.delete(dir.resolve("registry.txt"));
    assertThat(run(() -> CoordinatorProcess.fromFile(f, System.out).run(StopSignal.none())))
        .contains("registry file").contains("registry.txt");
  }

  @Test
  void coordinator_configFromFile_carriesKafkaSecurityAndTopicSettings() throws Exception {
    Path f = coordinatorFile("broker:9093", "rounds: 3\n");
    Files.writeString(f, Files.readString(f) + "  security-protocol: SSL\n  replication-factor: 3\n  partitions: 2\n");
    var config = CoordinatorProcess.fromFile(f, System.out).config();
    assertThat(config.kafka()).containsEntry("bootstrap.servers", "broker:9093").containsEntry("security.protocol", "SSL");
    assertThat(config.replicationFactor()).isEqualTo((short) 3);
    assertThat(config.partitions()).isEqualTo(2);
    assertThat(config.rounds()).isEqualTo(3);
    assertThat(config.runDirectory()).contains(dir.toAbsolutePath().resolve("run"));
    assertThat(config.training()).containsEntry("learning_rate", "0.5").containsEntry("batch_size", "16");
  }

  @Test
  void coordinator_privateKeyInsideRunDirectory_exitsTwoNamingBothPaths() throws Exception {
    Path f = coordinatorFile("127.0.0.1:1", "");
    Files.createDirectories(dir.resolve("run"));
    Files.move(dir.resolve("keys"), dir.resolve("run").resolve("keys"));
    Files.writeString(f, Files.readString(f).replace("identity: keys/", "identity: run/keys/"));
    assertThat(run(() -> CoordinatorProcess.fromFile(f, System.out).run(StopSignal.none())))
        .contains("private key " + dir.toAbsolutePath().resolve("run/keys/coordinator.key"))
        .contains("run directory " + dir.toAbsolutePath().resolve("run") + " ");
  }

  @Test
  void coordinator_runDirectoryLinkedToTheKeysFolder_exitsTwo() throws Exception {
    Path f = coordinatorFile("127.0.0.1:1", "");
    Files.createSymbolicLink(dir.resolve("run"), dir.resolve("keys"));
    assertThat(run(() -> CoordinatorProcess.fromFile(f, System.out).config().rounds()))
        .contains("lies inside its run directory " + dir.toAbsolutePath().resolve("run"));
  }

  @Test
  void coordinator_privateKeyOutsideRunDirectory_starts() throws Exception {
    Path f = coordinatorFile("127.0.0.1:1", "");
    Files.createDirectories(dir.resolve("run"));
    assertThat(CoordinatorProcess.fromFile(f, System.out).config().identity().id()).isEqualTo("coordinator");
  }

  @Test
  void client_unknownKey_exitsTwoThroughTheCommandLine() throws Exception {
    Path f = dir.resolve("client.yaml");
    Files.writeString(f, "job: j\nidentity: a.key\ncoordinator-key: c.pub\ndata:\n  path: d.csv\n  shuffle: yes\n"
        + "kafka:\n  bootstrap-servers: h:1\n");
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.execute("client", "--config", f.toString());
    } finally {
      System.setErr(saved);
    }
    assertThat(code).isEqualTo(ExitCodes.CONFIG);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown key 'data.shuffle'").contains(f.toString());
  }

  private static String run(Callable<Integer> body) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = DeployCommands.guarded(new PrintStream(err, true, StandardCharsets.UTF_8), body);
    assertThat(code).isEqualTo(ExitCodes.CONFIG);
    return err.toString(StandardCharsets.UTF_8);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
