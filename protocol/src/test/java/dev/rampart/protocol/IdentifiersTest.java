package dev.rampart.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdentifiersTest {
  @Test
  void clientId_invalidCharacters_areRejectedNamingTheValue() {
    assertThatThrownBy(() -> ClientId.of("bad id")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clientId='bad id'");
    assertThatThrownBy(() -> ClientId.of("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JobId.of("x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void topicNames_followPrefixJobKind() {
    TopicNames t = TopicNames.of(JobId.of("digits"));
    assertThat(t.plans()).isEqualTo("rampart.digits.plans");
    assertThat(t.models()).isEqualTo("rampart.digits.models");
    assertThat(t.shards()).isEqualTo("rampart.digits.shards");
    assertThat(t.updates()).isEqualTo("rampart.digits.updates");
    assertThat(t.secagg()).isEqualTo("rampart.digits.secagg");
    assertThat(t.audit()).isEqualTo("rampart.digits.audit");
  }
}
