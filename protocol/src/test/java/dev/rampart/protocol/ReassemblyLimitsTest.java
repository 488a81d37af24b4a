package dev.rampart.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReassemblyLimitsTest {

  @Test
  void forHeap_512MiB_holdsAtMostAQuarterOfIt() {
    ReassemblyLimits limits = ReassemblyLimits.forHeap(512L << 20);
    assertThat(limits.maxPendingBytes()).isEqualTo(128L << 20);
    assertThat(limits.maxMessageBytes()).isEqualTo(64L << 20);
  }

  @Test
  void forHeap_largeHeap_isCappedAtTwoGiBAndTheMessageDefault() {
    ReassemblyLimits limits = ReassemblyLimits.forHeap(64L << 30);
    assertThat(limits.maxPendingBytes()).isEqualTo(ReassemblyLimits.DEFAULT_MAX_PENDING_BYTES);
    assertThat(limits.maxMessageBytes()).isEqualTo(ReassemblyLimits.DEFAULT_MAX_MESSAGE_BYTES);
    assertThat(limits.maxPendingSetsPerSender()).isEqualTo(ReassemblyLimits.DEFAULT_MAX_PENDING_SETS_PER_SENDER);
  }

  @Test
  void defaults_thisJvm_neverExceedAQuarterOfTheMaxHeap() {
    assertThat(ReassemblyLimits.defaults().maxPendingBytes()).isLessThanOrEqualTo(Runtime.getRuntime().maxMemory() / 4);
  }

  @Test
  void constructor_inconsistentValues_areRefusedNamingThem() {
    ReassemblyLimits base = ReassemblyLimits.forHeap(1L << 30);
    assertThatThrownBy(() -> base.withMaxPendingBytes(10)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxPendingBytes=10");
    assertThatThrownBy(() -> base.withMaxPendingSets(5, 6)).hasMessageContaining("maxPendingSetsPerSender=6");
    assertThatThrownBy(() -> base.withMaxTtl(Duration.ZERO)).hasMessageContaining("maxTtl=PT0S");
    assertThatThrownBy(() -> base.withMaxTtl(Duration.ofDays(400))).hasMessageContaining("maxTtl=PT9600H");
    assertThatThrownBy(() -> base.withMaxFrameBytes(100)).hasMessageContaining("maxFrameBytes=100");
  }
}
