package dev.rampart.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.cli.JobAcls;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.TopicNames;
import dev.rampart.testkit.EmbeddedKafkaBroker;
import dev.rampart.testkit.KafkaFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deployment file's {@code kafka:} section against a broker with SCRAM logins and ACLs: the
 * password stays in a file that Kafka's directory config provider reads, so neither the YAML nor
 * any Kafka property holds it, and the start-up checks log in with it.
 */
class SecuredClusterCheckIT {
  private static final TopicNames TOPICS = TopicNames.of(JobId.of("secured-check"));
  private static final String COORDINATOR_PASSWORD = "coordinator-" + Long.toHexString(System.nanoTime());
  private static final String CLIENT_PASSWORD = "client-" + Long.toHexString(System.nanoTime());

  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.secured(brokerSettings());

  @TempDir Path dir;

  @Test
  void awaitCluster_passwordFromFile_logsInWithoutThePasswordInAnySetting() throws Exception {
    KafkaSettings kafka = settings("coordinator", COORDINATOR_PASSWORD);

    assertThat(Files.readString(dir.resolve("coordinator.yaml"))).doesNotContain(COORDINATOR_PASSWORD);
    assertThat(kafka.properties().values()).noneMatch(v -> v.contains(COORDINATOR_PASSWORD));
    assertThat(ClusterCheck.awaitCluster(kafka)).isEqualTo(1);
    ClusterCheck.checkTopicsCreatable(kafka, List.of(TOPICS.plans(), TOPICS.updates()), 1, (short) 1);
  }

  @Test
  void checkTopicsCreatable_principalWithoutCreateAcl_namesTopicAndAuthorization() throws Exception {
    KafkaSettings kafka = settings("client-00", CLIENT_PASSWORD);

    assertThatThrownBy(() -> ClusterCheck.checkTopicsCreatable(kafka, List.of(TOPICS.plans()), 1, (short) 1))
        .isInstanceOf(ClusterCheck.UnavailableException.class)
        .hasMessageContaining("topic " + TOPICS.plans() + " is missing")
        .hasMessageContaining("Authorization failed");
  }

  @Test
  void awaitCluster_wrongPasswordInFile_failsNamingTheServersAndAuthentication() throws Exception {
    KafkaSettings kafka = settings("coordinator", "not-" + COORDINATOR_PASSWORD);

    assertThatThrownBy(() -> ClusterCheck.awaitCluster(kafka))
        .isInstanceOf(ClusterCheck.UnavailableException.class)
        .hasMessageContaining(KAFKA.bootstrapServers())
        .hasMessageContaining("invalid credentials");
  }

  /** A coordinator.yaml whose JAAS line names {@code <dir>/secrets/<user>}, holding {@code password}. */
  private KafkaSettings settings(String user, String password) throws Exception {
    Path secrets = Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(secrets.resolve(user), password, StandardCharsets.UTF_8);
    Path yaml = dir.resolve("coordinator.yaml");
    Files.writeString(yaml, String.join("\n",
        "job: " + TOPICS.job().value(),
        "identity: keys/coordinator.key",
        "registry: registry.txt",
        "run-directory: run",
        "kafka:",
        "  bootstrap-servers: " + KAFKA.bootstrapServers(),
        "  connect-timeout: 20s",
        "  security-protocol: SASL_PLAINTEXT",
        "  sasl-mechanism: " + EmbeddedKafkaBroker.SASL_MECHANISM,
        "  sasl-jaas-config: 'org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
            + "\" password=\"${dir:" + secrets + ":" + user + "}\";'",
        "  properties:",
        "    config.providers: dir",
        "    config.providers.dir.class: org.apache.kafka.common.config.provider.DirectoryConfigProvider",
        ""), StandardCharsets.UTF_8);
    return KafkaSettings.from(DeploySchemas.COORDINATOR.bind(yaml));
  }

  private static EmbeddedKafkaBroker.Builder brokerSettings() {
    List<AclBinding> acls = new ArrayList<>(JobAcls.coordinator("coordinator", TOPICS));
    acls.addAll(JobAcls.client("client-00", TOPICS));
    return EmbeddedKafkaBroker.builder()
        .user("coordinator", COORDINATOR_PASSWORD)
        .user("client-00", CLIENT_PASSWORD)
        .acls(acls);
  }
}
