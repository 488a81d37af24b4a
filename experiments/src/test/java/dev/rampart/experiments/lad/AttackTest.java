package dev.rampart.experiments.lad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class AttackTest {

  @Test
  void normal_cdfAndInverse_matchKnownQuantiles() {
    assertThat(Normal.cdf(0)).isCloseTo(0.5, within(1e-15));
    assertThat(Normal.cdf(1.959963984540054)).isCloseTo(0.975, within(1e-12));
    assertThat(Normal.inverseCdf(0.59)).isCloseTo(0.2275449766411495, within(1e-10));
  }

  @Test
  void alieZ_n100f10_isBaruchZmax() {
    // s = floor(100/2 + 1) - 10 = 41, z = Φ⁻¹(59/100).
    assertThat(Attack.alieZ(100, 10)).isCloseTo(0.2275449766411495, within(1e-10));
  }

  @Test
  void craft_signFlipAndAlie_followTheirDefinitions() {
    List<float[]> honest = List.of(new float[] {1, 10}, new float[] {3, 10}, new float[] {5, 10});
    assertThat(Attack.SIGN_FLIP.craft(honest, 5, 1)).containsExactly(new float[] {-3f, -10f}, within(1e-6f));
    double z = Attack.alieZ(5, 1);
    assertThat(Attack.ALIE.craft(honest, 5, 1)).containsExactly(new float[] {(float) (3 - 2 * z), 10f},
        within(1e-5f));
  }
}
