package dev.rampart.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicSpecTest {

  @Test
  void compactedAndRetainedForever_addTheirTopicSettings() {
    TopicSpec spec = TopicSpec.of("t", 3, (short) 2).compacted().retainedForever();

    assertThat(spec.name()).isEqualTo("t");
    assertThat(spec.partitions()).isEqualTo(3);
    assertThat(spec.replicationFactor()).isEqualTo((short) 2);
    assertThat(spec.configs()).containsExactlyInAnyOrderEntriesOf(
        Map.of("cleanup.policy", "compact", "retention.ms", "-1"));
  }

  @Test
  void of_zeroPartitions_failsNamingTheValue() {
    assertThatThrownBy(() -> TopicSpec.of("t", 0, (short) 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("partitions=0");
  }

  @Test
  void requireReplicationFactor_outOfRange_failsNamingTheValue() {
    assertThatThrownBy(() -> TopicSpec.requireReplicationFactor(0)).hasMessageContaining("replicationFactor=0");
    assertThatThrownBy(() -> TopicSpec.requireReplicationFactor(40_000))
        .hasMessageContaining("replicationFactor=40000");
    assertThat(TopicSpec.requireReplicationFactor(3)).isEqualTo((short) 3);
  }

  @Test
  void of_blankName_failsNamingTheValue() {
    assertThatThrownBy(() -> TopicSpec.of(" ", 1, (short) 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name=' '");
  }

  @Test
  void configs_areCopied() {
    HashMap<String, String> configs = new HashMap<>(Map.of("a", "b"));
    TopicSpec spec = new TopicSpec("t", 1, (short) 1, configs);
    configs.put("c", "d");

    assertThat(spec.configs()).containsOnlyKeys("a");
  }
}
