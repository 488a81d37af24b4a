package dev.rampart.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rampart.client.SecureAggregationPolicy;
import dev.rampart.coordinator.SecureAggregation;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Identity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secure-aggregation keys of coordinator.yaml and client.yaml, and how strictly they bind. */
class SecureAggregationKeysTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;

  /** A coordinator file over a registry of {@code clients} enrolled clients, plus {@code extra} lines. */
  private Path coordinatorFile(int clients, String extra) throws Exception {
    Identity.generate("coordinator", RANDOM).save(dir.resolve("coordinator.key"));
    ClientRegistry registry = ClientRegistry.empty();
    for (int i = 0; i < clients; i++) {
      registry = registry.withClient("c" + i, Identity.generate("c" + i, RANDOM).publicKey());
    }
    registry.save(dir.resolve("registry.txt"));
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

  private static SecureAggregation secure(Path coordinatorFile) {
    return CoordinatorProcess.fromFile(coordinatorFile, System.out).config().secureAggregation().orElseThrow();
  }

  @Test
  void config_noSection_runsWithoutSecureAggregation() throws Exception {
    Path f = coordinatorFile(8, "");
    assertThat(CoordinatorProcess.fromFile(f, System.out).config().secureAggregation()).isEmpty();
  }

  @Test
  void config_enabledWithGroupSizeOnly_takesTheBuildersDefaults() throws Exception {
    SecureAggregation s = secure(coordinatorFile(8, "secure-aggregation:\n  enabled: true\n  group-size: 4\n"));
    SecureAggregation expected = SecureAggregation.builder().groupSize(4).build();
    assertThat(s.parameters()).isEqualTo(expected.parameters());
    assertThat(s.phaseTimeout()).isEqualTo(expected.phaseTimeout());
    assertThat(s.groupingSeed()).isEqualTo(expected.groupingSeed());
    assertThat(s.maskThreads()).isEqualTo(expected.maskThreads());
  }

  @Test
  void config_everyKeySet_reachesTheSettings() throws Exception {
    SecureAggregation s = secure(coordinatorFile(8, """
        round-timeout: 240s
        secure-aggregation:
          enabled: true
          group-size: 4
          threshold: 4
          min-survivors: 4
          clip: 2.5
          bits: 20
          phase-timeout: 45s
          grouping-seed: -17
          mask-threads: 3
        """));
    assertThat(s.groupSize()).isEqualTo(4);
    assertThat(s.parameters().threshold()).isEqualTo(4);
    assertThat(s.parameters().minSurvivors()).isEqualTo(4);
    assertThat(s.parameters().clip()).isCloseTo(2.5, within(0.0));
    assertThat(s.parameters().bits()).isEqualTo(20);
    assertThat(s.phaseTimeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(s.groupingSeed()).isEqualTo(-17);
    assertThat(s.maskThreads()).isEqualTo(3);
  }

  @Test
  void config_enabledWithoutGroupSize_isRefusedNamingKeyAndFile() throws Exception {
    Path f = coordinatorFile(8, "secure-aggregation:\n  enabled: true\n");
    assertThatThrownBy(() -> CoordinatorProcess.fromFile(f, System.out).config()).isInstanceOf(ConfigException.class)
        .hasMessageContaining("key 'secure-aggregation.group-size'").hasMessageContaining(f.toString())
        .hasMessageContaining("required");
  }

  @Test
  void config_groupSizeWithoutEnabled_isRefusedRatherThanSilentlyOff() throws Exception {
    Path f = coordinatorFile(8, "secure-aggregation:\n  group-size: 4\n");
    assertThatThrownBy(() -> CoordinatorProcess.fromFile(f, System.out).config()).isInstanceOf(ConfigException.class)
        .hasMessageContaining("key 'secure-aggregation.group-size'").hasMessageContaining(f.toString())
        .hasMessageContaining("'secure-aggregation.enabled' is false");
  }

  @Test
  void config_thresholdNotAboveHalfTheGroup_isRefusedInTheFilesKeyNames() throws Exception {
    Path f = coordinatorFile(8, "secure-aggregation:\n  enabled: true\n  group-size: 4\n  threshold: 2\n");
    assertThatThrownBy(() -> CoordinatorProcess.fromFile(f, System.out).config()).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'secure-aggregation'").hasMessageContaining(f.toString())
        .hasMessageContaining("threshold=2").hasMessageContaining("group-size=4");
  }

  @Test
  void config_groupsTooLargeForTheRegistry_isRefusedNamingTheFile() throws Exception {
    Path f = coordinatorFile(4, "max-byzantine: 1\nsecure-aggregation:\n  enabled: true\n  group-size: 4\n");
    assertThatThrownBy(() -> CoordinatorProcess.fromFile(f, System.out).config()).isInstanceOf(ConfigException.class)
        .hasMessageContaining("do not fit this job").hasMessageContaining(f.toString())
        .hasMessageContaining("group-size=4");
  }

  @Test
  void config_unrelatedBadSettingWithSecureAggregation_isNotBlamedOnTheSecureKeys() throws Exception {
    Path f = coordinatorFile(8, "aggregation: no-such-rule\nsecure-aggregation:\n  enabled: true\n  group-size: 4\n");
    assertThatThrownBy(() -> CoordinatorProcess.fromFile(f, System.out).config())
        .isInstanceOf(IllegalArgumentException.class).isNotInstanceOf(ConfigException.class)
        .hasMessageContaining("no-such-rule").hasMessageNotContaining("secure-aggregation");
  }

  @Test
  void bind_groupSizeOutOfRange_isRefusedWithTheRange() throws Exception {
    Path f = coordinatorFile(8, "secure-aggregation:\n  enabled: true\n  group-size: 1\n");
    assertThatThrownBy(() -> DeploySchemas.COORDINATOR.bind(f)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("key 'secure-aggregation.group-size'").hasMessageContaining("[2, 255]")
        .hasMessageContaining("was 1");
  }

  @Test
  void bind_misspelledSecureKey_isRefusedAsUnknown() throws Exception {
    Path f = coordinatorFile(8, "secure-aggregation:\n  enabled: true\n  group_size: 4\n");
    assertThatThrownBy(() -> DeploySchemas.COORDINATOR.bind(f)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown key 'secure-aggregation.group_size'").hasMessageContaining(f.toString());
  }

  @Test
  void clientConfig_noStateKeys_keepsSecureStateUnderStateDirectoryByClientId() throws Exception {
    Path f = clientFile("");
    assertThat(ClientProcess.fromFile(f, System.out).config().secureStateDirectory())
        .contains(dir.toAbsolutePath().resolve("state/client-07/secagg"));
  }

  @Test
  void clientConfig_stateDirectorySet_movesTheDefault() throws Exception {
    Path f = clientFile("state-directory: /var/lib/rampart\n");
    assertThat(ClientProcess.fromFile(f, System.out).config().secureStateDirectory())
        .contains(Path.of("/var/lib/rampart/client-07/secagg"));
  }

  @Test
  void clientConfig_explicitSecureStateDirectory_isUsedAsIs() throws Exception {
    Path f = clientFile("secure-aggregation:\n  state-directory: sa\n");
    assertThat(ClientProcess.fromFile(f, System.out).config().secureStateDirectory())
        .contains(dir.toAbsolutePath().resolve("sa"));
  }

  @Test
  void bind_clientFileWithCoordinatorOnlySecureKey_isRefusedAsUnknown() throws Exception {
    Path f = clientFile("secure-aggregation:\n  group-size: 4\n");
    assertThatThrownBy(() -> DeploySchemas.CLIENT.bind(f)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown key 'secure-aggregation.group-size'");
  }

  @Test
  void clientConfig_noPolicyKey_trustsThePlan() throws Exception {
    assertThat(ClientProcess.fromFile(clientFile(""), System.out).config().secureAggregationPolicy()).isEmpty();
  }

  @Test
  void clientConfig_policyRegistryOnly_requiresSecureAggregationWithDefaultsAndTheFilesKeys() throws Exception {
    Identity peer = Identity.generate("client-08", RANDOM);
    ClientRegistry.empty().withClient(peer.id(), peer.publicKey()).save(dir.resolve("consortium.txt"));
    Path f = clientFile("secure-aggregation:\n  policy:\n    registry: consortium.txt\n");

    SecureAggregationPolicy policy = ClientProcess.fromFile(f, System.out).config().secureAggregationPolicy()
        .orElseThrow();

    assertThat(policy.requireSecureAggregation()).isTrue();
    assertThat(policy.minGroupSize()).isEqualTo(SecureAggregationPolicy.DEFAULT_MIN_GROUP_SIZE);
    assertThat(policy.minThreshold()).isEqualTo(SecureAggregationPolicy.DEFAULT_MIN_THRESHOLD);
    assertThat(policy.registry().orElseThrow().activeKey("client-08")).contains(peer.publicKey());
  }

  @Test
  void clientConfig_policyMinimumsWithoutRegistry_setAndPlanKeysTrusted() throws Exception {
    Path f = clientFile("secure-aggregation:\n  policy:\n    required: false\n    min-group-size: 5\n"
        + "    min-threshold: 4\n");

    SecureAggregationPolicy policy = ClientProcess.fromFile(f, System.out).config().secureAggregationPolicy()
        .orElseThrow();

    assertThat(policy).isEqualTo(new SecureAggregationPolicy(false, 5, 4, Optional.empty()));
  }

  @Test
  void clientConfig_policyRegistryMissing_refusedNamingKeyAndFile() throws Exception {
    Path f = clientFile("secure-aggregation:\n  policy:\n    registry: absent.txt\n");

    assertThatThrownBy(() -> ClientProcess.fromFile(f, System.out).config()).isInstanceOf(ConfigException.class)
        .hasMessageContaining("absent.txt").hasMessageContaining("secure-aggregation.policy.registry");
  }

  @Test
  void bind_policyMinGroupSizeTwo_refusedNamingTheKey() throws Exception {
    Path f = clientFile("secure-aggregation:\n  policy:\n    min-group-size: 2\n");

    assertThatThrownBy(() -> DeploySchemas.CLIENT.bind(f)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("secure-aggregation.policy.min-group-size");
  }
}
