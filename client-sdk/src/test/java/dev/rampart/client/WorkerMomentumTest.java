package dev.rampart.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WorkerMomentumTest {
  @Test
  void apply_betaZero_returnsUpdateUnchanged() {
    WorkerMomentum m = WorkerMomentum.of(0);
    assertThat(m.apply(new float[] {1, -2})).containsExactly(new float[] {1, -2}, within(0f));
    assertThat(m.apply(new float[] {5, 7})).containsExactly(new float[] {5, 7}, within(0f));
  }

  @Test
  void apply_betaNineTenths_followsTheEmaByHand() {
    WorkerMomentum m = WorkerMomentum.of(0.9);
    // m1 = 0.9·0 + 0.1·[10, -20] = [1, -2]
    assertThat(m.apply(new float[] {10, -20})).containsExactly(new float[] {1f, -2f}, within(1e-6f));
    // m2 = 0.9·[1, -2] + 0.1·[0, 10] = [0.9, -0.8]
    assertThat(m.apply(new float[] {0, 10})).containsExactly(new float[] {0.9f, -0.8f}, within(1e-6f));
    // m3 = 0.9·[0.9, -0.8] + 0.1·[1, 1] = [0.91, -0.62]
    assertThat(m.apply(new float[] {1, 1})).containsExactly(new float[] {0.91f, -0.62f}, within(1e-6f));
  }

  @Test
  void apply_constantUpdate_convergesToIt() {
    WorkerMomentum m = WorkerMomentum.of(0.5);
    float[] last = null;
    for (int t = 0; t < 40; t++) {
      last = m.apply(new float[] {3f});
    }
    assertThat(last[0]).isCloseTo(3f, within(1e-5f));
  }

  @Test
  void apply_doesNotModifyArgument() {
    WorkerMomentum m = WorkerMomentum.of(0.9);
    float[] g = {2f, 4f};
    m.apply(g);
    assertThat(g).containsExactly(new float[] {2f, 4f}, within(0f));
  }

  @Test
  void apply_dimensionChange_throwsNamingBoth() {
    WorkerMomentum m = WorkerMomentum.of(0.9);
    m.apply(new float[3]);
    assertThatThrownBy(() -> m.apply(new float[4])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4").hasMessageContaining("3");
  }

  @Test
  void of_betaOutOfRange_throwsNamingValue() {
    assertThatThrownBy(() -> WorkerMomentum.of(1.0)).hasMessageContaining("beta=1.0");
    assertThatThrownBy(() -> WorkerMomentum.of(-0.1)).hasMessageContaining("beta=-0.1");
    assertThatThrownBy(() -> WorkerMomentum.of(Double.NaN)).hasMessageContaining("beta=NaN");
  }
}
