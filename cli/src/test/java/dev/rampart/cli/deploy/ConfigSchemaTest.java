package dev.rampart.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSchemaTest {
  private static final String MINIMAL = """
      job: j1
      identity: keys/coordinator.key
      registry: registry.txt
      run-directory: run
      kafka:
        bootstrap-servers: localhost:9092
      """;

  @TempDir Path dir;

  private Path file(String text) throws Exception {
    Path f = dir.resolve("coordinator.yaml");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void bind_minimalFile_fillsDefaultsFromTheCatalog() throws Exception {
    ConfigValues v = DeploySchemas.COORDINATOR.bind(file(MINIMAL));
    assertThat(v.integer("rounds")).isEqualTo(DeploySchemas.DEFAULT_ROUNDS);
    assertThat(v.duration("round-timeout")).isEqualTo(Duration.ofSeconds(60));
    assertThat(v.string("aggregation")).isEqualTo("average");
    assertThat(v.decimal("training.learning-rate")).isEqualTo(0.5);
    assertThat(v.duration("kafka.connect-timeout")).isEqualTo(Duration.ofSeconds(30));
    assertThat(v.optional("evaluation.test-data", Path.class)).isEmpty();
  }

  @Test
  void bind_relativePath_isResolvedAgainstTheFilesFolder() throws Exception {
    ConfigValues v = DeploySchemas.COORDINATOR.bind(file(MINIMAL));
    assertThat(v.path("identity")).isEqualTo(dir.toAbsolutePath().resolve("keys/coordinator.key"));
  }

  @Test
  void bind_pathWithNulCharacter_isRefusedAsConfigExceptionNamingKey() throws Exception {
    Path f = file(MINIMAL.replace("identity: keys/coordinator.key", "identity: \"keys\\0x\""));
    assertThatThrownBy(() -> DeploySchemas.COORDINATOR.bind(f)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("key 'identity'").hasMessageContaining("not a valid path");
  }

  @Test
  void bind_unknownTopLevelKey_isRefusedNamingKeyAndFile() throws Exception {
    Path f = file(MINIMAL + "roundz: 3\n");
    assertThatThrownBy(() -> DeploySchemas.COORDINATOR.bind(f)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown key 'roundz'").hasMessageContaining(f.toString());
  }

  @Test
  void bind_unknownNestedKey_isRefusedWithItsDottedName() throws Exception {
    Path f = file(MINIMAL + "  bootstrap: x:1\n");
    assertThatThrownBy(() -> DeploySchemas.COORDINATOR.bind(f)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown key 'kafka.bootstrap'");
  }

  @Test
  void bind_textWhereNumberExpected_isRefusedNamingKeyAndValue() throws Exception {
    Path f = file(MINIMAL + "rounds: ten\n");
    assertThatThrownBy(() -> DeploySchemas.COORDINATOR.bind(f)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("key 'rounds'").hasMessageContaining("'ten'").hasMessageContaining(f.toString());
  }

  @Test
  void bind_numberOutOfRange_isRefusedWithTheRange() throws Exception {
    Path f = file(MINIMAL + "rounds: 0\n");
    assertThatThrownBy(() -> DeploySchemas.COORDINATOR.bind(f)).hasMessageContaining("key 'rounds'")
        .hasMessageContaining("[1, 1000000]").hasMessageContaining("was 0");
  }

  @Test
  void bind_badDuration_isRefusedWithTheAcceptedForms() throws Exception {
    Path f = file(MINIMAL + "round-timeout: 30 seconds\n");
    assertThatThrownBy(() -> DeploySchemas.COORDINATOR.bind(f)).hasMessageContaining("key 'round-timeout'")
        .hasMessageContaining("30s");
  }

  @Test
  void bind_shortAndIsoDurations_parse() throws Exception {
    assertThat(DeploySchemas.COORDINATOR.bind(file(MINIMAL + "round-timeout: 1500ms\n")).duration("round-timeout"))
        .isEqualTo(Duration.ofMillis(1500));
    assertThat(DeploySchemas.COORDINATOR.bind(file(MINIMAL + "round-timeout: PT2M\n")).duration("round-timeout"))
        .isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void bind_missingRequiredKey_isRefusedNamingIt() throws Exception {
    Path f = file(MINIMAL.replace("job: j1\n", ""));
    assertThatThrownBy(() -> DeploySchemas.COORDINATOR.bind(f)).hasMessageContaining("missing required key 'job'");
  }

  @Test
  void bind_choiceOutsideItsSet_isRefusedListingTheChoices() throws Exception {
    Path f = file(MINIMAL + "  security-protocol: TLS\n");
    assertThatThrownBy(() -> DeploySchemas.COORDINATOR.bind(f)).hasMessageContaining("kafka.security-protocol")
        .hasMessageContaining("SASL_SSL").hasMessageContaining("'TLS'");
  }

  @Test
  void bind_duplicateKey_isRefused() throws Exception {
    Path f = file(MINIMAL + "job: j2\n");
    assertThatThrownBy(() -> DeploySchemas.COORDINATOR.bind(f)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("job");
  }

  @Test
  void bind_sectionGivenAsScalar_isRefused() throws Exception {
    Path f = file(MINIMAL + "training: fast\n");
    assertThatThrownBy(() -> DeploySchemas.COORDINATOR.bind(f)).hasMessageContaining("key 'training' ")
        .hasMessageContaining("map");
  }

  @Test
  void bind_clientKeyInCoordinatorFile_isRefused() throws Exception {
    Path f = file(MINIMAL + "coordinator-key: c.pub\n");
    assertThatThrownBy(() -> DeploySchemas.COORDINATOR.bind(f)).hasMessageContaining("unknown key 'coordinator-key'");
  }

  @Test
  void kafkaSettings_typedSecurityKeysAndPassthrough_becomeKafkaProperties() throws Exception {
    Path f = file(MINIMAL + """
          security-protocol: SASL_SSL
          sasl-mechanism: SCRAM-SHA-512
          sasl-jaas-config: org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="p";
          ssl-truststore-location: tls/truststore.p12
          ssl-truststore-type: PKCS12
          properties:
            request.timeout.ms: 15000
            sasl.mechanism: PLAIN
        """);
    KafkaSettings k = KafkaSettings.from(DeploySchemas.COORDINATOR.bind(f));
    assertThat(k.properties()).containsEntry("bootstrap.servers", "localhost:9092")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";")
        .containsEntry("ssl.truststore.location", dir.toAbsolutePath().resolve("tls/truststore.p12").toString())
        .containsEntry("ssl.truststore.type", "PKCS12")
        .containsEntry("request.timeout.ms", "15000")
        .containsEntry("sasl.mechanism", "PLAIN")
        .doesNotContainKey("ssl.keystore.location");
  }

  @Test
  void kafkaSettings_passthroughValueNotScalar_isRefusedNamingTheProperty() throws Exception {
    Path f = file(MINIMAL + "  properties:\n    acks: [1, 2]\n");
    assertThatThrownBy(() -> DeploySchemas.COORDINATOR.bind(f)).hasMessageContaining("kafka.properties.acks");
  }

  @Test
  void kafkaSettings_plaintextDefault_addsOnlyTheProtocol() throws Exception {
    KafkaSettings k = KafkaSettings.from(DeploySchemas.COORDINATOR.bind(file(MINIMAL)));
    assertThat(k.properties()).isEqualTo(Map.of("bootstrap.servers", "localhost:9092", "security.protocol", "PLAINTEXT"));
  }
}
