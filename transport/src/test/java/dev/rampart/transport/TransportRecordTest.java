package dev.rampart.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TransportRecordTest {

  @Test
  void where_namesTopicPartitionAndOffset() {
    TransportRecord r = new TransportRecord("job.updates", 2, 41, "client-0", new byte[] {1});

    assertThat(r.where()).isEqualTo("job.updates-2@41");
    assertThat(r.source()).isEqualTo(new Partition("job.updates", 2));
  }

  @Test
  void value_isCopiedInAndOut() {
    byte[] value = {1, 2, 3};
    TransportRecord r = new TransportRecord("t", 0, 0, null, value);
    value[0] = 9;
    r.value()[1] = 9;

    assertThat(r.value()).containsExactly(1, 2, 3);
  }

  @Test
  void nullKeyAndTombstone_areKept() {
    TransportRecord r = new TransportRecord("t", 0, 0, null, null);

    assertThat(r.key()).isNull();
    assertThat(r.value()).isNull();
    assertThat(r.toString()).contains("tombstone");
  }

  @Test
  void equals_comparesValueContents() {
    assertThat(new TransportRecord("t", 0, 1, "k", new byte[] {1}))
        .isEqualTo(new TransportRecord("t", 0, 1, "k", new byte[] {1}))
        .hasSameHashCodeAs(new TransportRecord("t", 0, 1, "k", new byte[] {1}))
        .isNotEqualTo(new TransportRecord("t", 0, 1, "k", new byte[] {2}));
  }

  @Test
  void toString_showsNeitherKeyNorValue() {
    assertThat(new TransportRecord("t", 0, 0, "evil-key", "payload".getBytes()).toString())
        .doesNotContain("evil-key").doesNotContain("payload").contains("7 bytes");
  }

  @Test
  void negativePartitionOrOffset_failsNamingTheValue() {
    assertThatThrownBy(() -> new TransportRecord("t", -1, 0, null, null)).hasMessageContaining("partition=-1");
    assertThatThrownBy(() -> new TransportRecord("t", 0, -5, null, null)).hasMessageContaining("offset=-5");
  }
}
