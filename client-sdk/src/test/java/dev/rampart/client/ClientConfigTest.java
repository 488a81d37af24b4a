package dev.rampart.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.crypto.Digests;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.JobId;
import dev.rampart.transport.KafkaSettings;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClientConfigTest {
  private static Identity identity(String id) {
    return Identity.fromPrivateKey(id, Digests.sha256(id.getBytes(StandardCharsets.UTF_8)));
  }

  private static ClientConfig.Builder client() {
    return ClientConfig.builder().identity(identity("client-0")).coordinatorKey(identity("coordinator").publicKey())
        .job(JobId.of("job"));
  }

  @Test
  void build_kafkaSetters_delegateToOneKafkaSettings() {
    ClientConfig config = client().bootstrapServers("broker:9093").kafkaProperty("security.protocol", "SSL").build();

    assertThat(config.kafkaSettings()).isEqualTo(KafkaSettings.builder().bootstrapServers("broker:9093")
        .property("security.protocol", "SSL").build());
    assertThat(config.kafka()).containsEntry("bootstrap.servers", "broker:9093");
  }

  @Test
  void build_kafkaSettingsObject_setsEveryProperty() {
    KafkaSettings settings = KafkaSettings.builder().bootstrapServers("b:1").property("acks", "1").build();

    assertThat(client().kafka(settings).build().kafkaSettings()).isEqualTo(settings);
  }

  @Test
  void build_withoutBootstrapServers_namesWhatIsMissing() {
    assertThatThrownBy(() -> client().build()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("missing: bootstrapServers");
    assertThatThrownBy(() -> client().bootstrapServers("")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bootstrapServers");
  }
}
