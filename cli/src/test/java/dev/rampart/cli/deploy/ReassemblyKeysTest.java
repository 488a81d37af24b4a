package dev.rampart.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.ReassemblyLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reassembly keys of coordinator.yaml and client.yaml and the limits they reach. */
class ReassemblyKeysTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;

  private Path coordinatorFile(String extra) throws Exception {
    Identity.generate("coordinator", RANDOM).save(dir.resolve("coordinator.key"));
    ClientRegistry.empty().withClient("c0", Identity.generate("c0", RANDOM).publicKey())
        .save(dir.resolve("registry.txt"));
    Path f = dir.resolve("coordinator.yaml");
    Files.writeString(f, "job: j\nidentity: coordinator.key\nregistry: registry.txt\nrun-directory: run\n" + extra
        + "kafka:\n  bootstrap-servers: h:1\n");
    return f;
  }

  private Path clientFile(String extra) throws Exception {
    Identity.generate("client-07", RANDOM).save(dir.resolve("client-07.key"));
    Files.writeString(dir.resolve("coordinator.pub"), Identity.generate("coordinator", RANDOM).publicKey().toBase64()
        + "\n");
    Path f = dir.resolve("client.yaml");
    Files.writeString(f, "job: j\nidentity: client-07.key\ncoordinator-key: coordinator.pub\ndata:\n  path: d.csv\n"
        + extra + "kafka:\n  bootstrap-servers: h:1\n");
    return f;
  }

  @Test
  void coordinatorConfig_noSection_takesTheHeapScaledDefaults() throws Exception {
    ReassemblyLimits limits = CoordinatorProcess.fromFile(coordinatorFile(""), System.out).config().reassemblyLimits();
    assertThat(limits).isEqualTo(ReassemblyLimits.defaults());
  }

  @Test
  void clientConfig_everyKeySet_reachesTheLimits() throws Exception {
    Path f = clientFile("""
        reassembly:
          max-message-bytes: 1000000
          max-pending-bytes: 5000000
          max-pending-sets: 50
          max-pending-sets-per-sender: 5
          max-ttl: 90s
          max-record-bytes: 2097152
        """);
    ReassemblyLimits limits = ClientProcess.fromFile(f, System.out).config().reassemblyLimits();
    assertThat(limits).isEqualTo(new ReassemblyLimits(1_000_000, 5_000_000, 50, 5, Duration.ofSeconds(90), 2 << 20));
  }

  @Test
  void coordinatorConfig_pendingBytesOnly_derivesTheMessageLimit() throws Exception {
    Path f = coordinatorFile("reassembly:\n  max-pending-bytes: 8000000\n");
    ReassemblyLimits limits = CoordinatorProcess.fromFile(f, System.out).config().reassemblyLimits();
    assertThat(limits.maxMessageBytes()).isEqualTo(4_000_000);
  }

  @Test
  void config_inconsistentKeys_isRefusedNamingTheFile() throws Exception {
    Path f = coordinatorFile("reassembly:\n  max-pending-sets: 5\n  max-pending-sets-per-sender: 6\n");
    assertThatThrownBy(() -> CoordinatorProcess.fromFile(f, System.out).config()).isInstanceOf(ConfigException.class)
        .hasMessageContaining("reassembly").hasMessageContaining(f.toString())
        .hasMessageContaining("maxPendingSetsPerSender=6");
  }
}
