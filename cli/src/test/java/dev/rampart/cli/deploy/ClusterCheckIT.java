package dev.rampart.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.testkit.KafkaFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Start-up checks against a real single-broker cluster. */
class ClusterCheckIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();

  private static KafkaSettings kafka() {
    return new KafkaSettings(Map.of("bootstrap.servers", KAFKA.bootstrapServers()), Duration.ofSeconds(20));
  }

  @Test
  void awaitCluster_runningBroker_countsOneBroker() {
    assertThat(ClusterCheck.awaitCluster(kafka())).isEqualTo(1);
  }

  @Test
  void checkTopicsCreatable_replicationFactorAboveBrokerCount_namesTopicAndServersAndCreatesNothing() throws Exception {
    assertThatThrownBy(() -> ClusterCheck.checkTopicsCreatable(kafka(), List.of("check-it.plans"), 1, (short) 3))
        .isInstanceOf(ClusterCheck.UnavailableException.class)
        .hasMessageContaining("topic check-it.plans is missing on " + KAFKA.bootstrapServers())
        .hasMessageContaining("replication-factor=3");
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
      assertThat(admin.listTopics().names().get()).doesNotContain("check-it.plans");
    }
  }

  @Test
  void checkTopicsCreatable_creatableTopic_passesWithoutCreatingIt() throws Exception {
    ClusterCheck.checkTopicsCreatable(kafka(), List.of("check-it.models"), 2, (short) 1);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
      assertThat(admin.listTopics().names().get()).doesNotContain("check-it.models");
    }
  }

  @Test
  void awaitTopics_topicNeverCreated_failsAfterTheWaitNamingTheTopic() {
    assertThatThrownBy(() -> ClusterCheck.awaitTopics(kafka(), List.of("check-it.updates"), Duration.ofSeconds(1),
        "is the coordinator running?"))
        .isInstanceOf(ClusterCheck.UnavailableException.class)
        .hasMessageContaining("topic check-it.updates does not exist on " + KAFKA.bootstrapServers())
        .hasMessageContaining("is the coordinator running?");
  }
}
