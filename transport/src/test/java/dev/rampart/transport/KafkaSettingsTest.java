package dev.rampart.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

  @Test
  void build_withBootstrapServersAndProperties_keepsThemAll() {
    KafkaSettings s = KafkaSettings.builder().bootstrapServers("a:9092,b:9092")
        .property("security.protocol", "SSL").property("request.timeout.ms", 5_000).build();

    assertThat(s.bootstrapServers()).isEqualTo("a:9092,b:9092");
    assertThat(s.properties()).containsEntry("bootstrap.servers", "a:9092,b:9092")
        .containsEntry("security.protocol", "SSL").containsEntry("request.timeout.ms", 5_000).hasSize(3);
  }

  @Test
  void bootstrapServers_blank_failsNamingTheValue() {
    assertThatThrownBy(() -> KafkaSettings.builder().bootstrapServers("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bootstrapServers").hasMessageContaining("'  '");
    assertThatThrownBy(() -> KafkaSettings.builder().bootstrapServers(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bootstrapServers=null");
  }

  @Test
  void property_bootstrapServersBlank_failsLikeTheSetter() {
    assertThatThrownBy(() -> KafkaSettings.builder().property("bootstrap.servers", ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bootstrapServers");
  }

  @Test
  void property_blankKey_failsNamingTheKey() {
    assertThatThrownBy(() -> KafkaSettings.builder().property(" ", "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key=' '");
  }

  @Test
  void property_nullKeyOrValue_failsNamingIt() {
    assertThatThrownBy(() -> KafkaSettings.builder().property(null, "x"))
        .isInstanceOf(NullPointerException.class).hasMessage("key");
    assertThatThrownBy(() -> KafkaSettings.builder().property("acks", null))
        .isInstanceOf(NullPointerException.class).hasMessage("value");
  }

  @Test
  void build_withoutBootstrapServers_failsNamingWhatWasSet() {
    KafkaSettings.Builder b = KafkaSettings.builder().property("acks", "1");

    assertThat(b.hasBootstrapServers()).isFalse();
    assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bootstrapServers is required").hasMessageContaining("[acks]");
  }

  @Test
  void of_map_equalsTheBuiltSettings() {
    KafkaSettings built = KafkaSettings.builder().bootstrapServers("h:1").property("acks", "1").build();

    assertThat(KafkaSettings.of(Map.of("bootstrap.servers", "h:1", "acks", "1"))).isEqualTo(built)
        .hasSameHashCodeAs(built);
  }

  @Test
  void withClientId_replacesAnyClientIdAndLeavesTheOriginal() {
    KafkaSettings s = KafkaSettings.builder().bootstrapServers("h:1").property("client.id", "mine").build();

    assertThat(s.withClientId("other").properties()).containsEntry("client.id", "other");
    assertThat(s.properties()).containsEntry("client.id", "mine");
    assertThatThrownBy(() -> s.withClientId("")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("client.id=''");
  }

  @Test
  void constructor_checksLikeTheBuilder() {
    assertThatThrownBy(() -> new KafkaSettings(Map.of("acks", "1"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bootstrapServers is required");
    assertThatThrownBy(() -> new KafkaSettings(Map.of("bootstrap.servers", " ")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bootstrapServers=' '");
  }

  @Test
  void properties_areUnmodifiable() {
    KafkaSettings s = KafkaSettings.builder().bootstrapServers("h:1").build();

    assertThatThrownBy(() -> s.properties().put("acks", "0")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toString_showsKeysButNoValues() {
    KafkaSettings s = KafkaSettings.builder().bootstrapServers("h:1")
        .property("sasl.jaas.config", "password=\"secret\"").build();

    assertThat(s.toString()).contains("sasl.jaas.config").doesNotContain("secret");
  }
}
