package dev.rampart.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PartitionTest {

  @Test
  void toString_isTopicDashNumber() {
    assertThat(new Partition("job.plans", 3)).hasToString("job.plans-3");
  }

  @Test
  void negativeNumberOrBlankTopic_failsNamingTheValue() {
    assertThatThrownBy(() -> new Partition("t", -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("number=-1");
    assertThatThrownBy(() -> new Partition("", 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("topic=''");
  }
}
