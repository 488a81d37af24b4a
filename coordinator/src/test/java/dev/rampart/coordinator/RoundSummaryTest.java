package dev.rampart.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoundSummaryTest {
  private static RoundSummary withLoss(double loss) {
    return new RoundSummary(1, 1, "ab".repeat(32), 4, List.of(), List.of(), java.util.Map.of(), loss, List.of(), true, Duration.ZERO,
        new float[2], Map.of());
  }

  @Test
  void trainLossKnown_nanLoss_isFalse() {
    assertThat(withLoss(Double.NaN).trainLossKnown()).isFalse();
  }

  @Test
  void trainLossKnown_finiteLoss_isTrue() {
    assertThat(withLoss(0.75).trainLossKnown()).isTrue();
  }
}
