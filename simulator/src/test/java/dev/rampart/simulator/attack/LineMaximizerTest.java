package dev.rampart.simulator.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LineMaximizerTest {
  @Test
  void maximize_parabolaPeakAtThree_findsIt() {
    // trace: 0 (−9), 1 (−4, better, δ→2), 3 (0, better, δ→4), 7 (−16, worse, δ→3.2); the
    // contraction probes 3.8, 1.24, 3.288, … never beat 0, so 3 stays the best.
    AtomicInteger calls = new AtomicInteger();
    double x = LineMaximizer.DEFAULT.maximize(t -> {
      calls.incrementAndGet();
      return -(t - 3) * (t - 3);
    });
    assertThat(x).isCloseTo(3.0, within(1e-12));
    assertThat(calls).hasValue(16);
  }

  @Test
  void maximize_increasingFunction_keepsDoublingTheStep() {
    // every expansion improves: 0, 1, 3, 7, …, 2^15 − 1 after 16 evaluations
    assertThat(LineMaximizer.DEFAULT.maximize(t -> t)).isCloseTo(32767.0, within(1e-9));
  }

  @Test
  void maximize_decreasingFunction_staysAtStart() {
    assertThat(LineMaximizer.DEFAULT.maximize(t -> -t)).isCloseTo(0.0, within(0.0));
  }

  @Test
  void constructor_ratioOutOfRange_throwsNamingIt() {
    assertThatThrownBy(() -> new LineMaximizer(16, 0, 1, 0.5)).hasMessageContaining("ratio=0.5");
    assertThatThrownBy(() -> new LineMaximizer(0, 0, 1, 0.8)).hasMessageContaining("evaluations=0");
  }
}
