package dev.rampart.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The coordinator warns when its rounds are shorter than a Kafka client's failover. */
class FailoverWarningTest {
  @Test
  void roundShorterThanTheRequestTimeoutOnACluster_warnsNamingBothValues() {
    assertThat(CoordinatorProcess.failoverWarning(Duration.ofSeconds(4), Duration.ofSeconds(10), 3))
        .hasValueSatisfying(w -> assertThat(w).contains("round-timeout 4000 ms").contains("(10000 ms,")
            .contains("kafka.properties.request.timeout.ms"));
  }

  @Test
  void roundAtLeastTheRequestTimeout_orASingleBroker_noWarning() {
    assertThat(CoordinatorProcess.failoverWarning(Duration.ofSeconds(10), Duration.ofSeconds(10), 3)).isEmpty();
    assertThat(CoordinatorProcess.failoverWarning(Duration.ofSeconds(4), Duration.ofSeconds(10), 1)).isEmpty();
  }

  @Test
  void requestTimeout_isRampartsDefaultUnlessTheKafkaPropertiesSetIt() {
    assertThat(new KafkaSettings(Map.of("bootstrap.servers", "h:1"), Duration.ofSeconds(1)).requestTimeout())
        .isEqualTo(RequestTimeout.DEFAULT).isEqualTo(Duration.ofSeconds(10));
    assertThat(new KafkaSettings(Map.of("bootstrap.servers", "h:1", "request.timeout.ms", "3000"), Duration.ofSeconds(1))
        .requestTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThatThrownBy(() -> new KafkaSettings(Map.of("bootstrap.servers", "h:1", "request.timeout.ms", "3s"),
        Duration.ofSeconds(1)).requestTimeout()).hasMessageContaining("'3s'");
  }
}
