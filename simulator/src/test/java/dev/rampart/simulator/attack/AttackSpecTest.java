package dev.rampart.simulator.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AttackSpecTest {
  @Test
  void parse_parametersAndOmniscience_areRead() {
    AttackSpec s = AttackSpec.parse("ALIE(z=1.5, omniscient=false)");
    assertThat(s.name()).isEqualTo("alie");
    assertThat(s.parameter("z", 0)).isCloseTo(1.5, within(0.0));
    assertThat(s.omniscient()).isFalse();
    assertThat(s.colluding()).isTrue();
  }

  @Test
  void parse_backdoor_isDataPoisoning() {
    AttackSpec s = AttackSpec.parse("backdoor(target=3, boost=5)");
    assertThat(s.poisonsData()).isTrue();
    assertThat(s.parameter("target", 0)).isCloseTo(3, within(0.0));
  }

  @Test
  void parse_unknownName_listsValidOnes() {
    assertThatThrownBy(() -> AttackSpec.parse("zeno")).hasMessageContaining("unknown attack 'zeno'")
        .hasMessageContaining("optimal-alie");
  }

  @Test
  void parse_unknownParameter_namesIt() {
    assertThatThrownBy(() -> AttackSpec.parse("ipm(z=1)")).hasMessageContaining("no parameter 'z'");
    assertThatThrownBy(() -> AttackSpec.parse("sign-flip(omniscient=true)")).hasMessageContaining("no parameter 'omniscient'");
  }

  @Test
  void parse_nonNumericValue_namesIt() {
    assertThatThrownBy(() -> AttackSpec.parse("scale(factor=big)")).hasMessageContaining("factor='big'");
  }

  @Test
  void lineMaximizer_optimalIpmWithoutParameters_usesByzflDefaults() {
    assertThat(AttackSpec.parse("optimal-ipm").lineMaximizer()).isEqualTo(new LineMaximizer(20, 0.0, 10.0, 0.8))
        .isEqualTo(LineMaximizer.DEFAULT);
    assertThat(AttackSpec.parse("optimal-alie(omniscient=false)").lineMaximizer()).isEqualTo(LineMaximizer.DEFAULT);
  }

  @Test
  void lineMaximizer_givenParameters_areUsedAndTheRestDefault() {
    assertThat(AttackSpec.parse("optimal-ipm(evaluations=30, start=1.5, delta=-2, ratio=0.9)").lineMaximizer())
        .isEqualTo(new LineMaximizer(30, 1.5, -2, 0.9));
    assertThat(AttackSpec.parse("optimal-alie(ratio=0.7)").lineMaximizer()).isEqualTo(new LineMaximizer(20, 0, 10, 0.7));
  }

  @Test
  void parse_badSearchParameter_namesTheValueAndTheSpec() {
    assertThatThrownBy(() -> AttackSpec.parse("optimal-ipm(ratio=0.5)")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("attack 'optimal-ipm(ratio=0.5)'").hasMessageContaining("ratio=0.5");
    assertThatThrownBy(() -> AttackSpec.parse("optimal-alie(evaluations=0)")).hasMessageContaining("evaluations=0.0");
    assertThatThrownBy(() -> AttackSpec.parse("optimal-ipm(evaluations=2.5)")).hasMessageContaining("evaluations=2.5")
        .hasMessageContaining("whole number");
    assertThatThrownBy(() -> AttackSpec.parse("optimal-ipm(delta=0)")).hasMessageContaining("delta=0.0");
    assertThatThrownBy(() -> AttackSpec.parse("optimal-alie(start=x)")).hasMessageContaining("start='x'");
    assertThatThrownBy(() -> new AttackSpec("optimal-ipm", Map.of("ratio", 1.0), true))
        .hasMessageContaining("ratio=1.0");
  }

  @Test
  void parse_searchParameterOnAnotherAttack_isRefused() {
    assertThatThrownBy(() -> AttackSpec.parse("ipm(evaluations=3)")).hasMessageContaining("no parameter 'evaluations'");
    assertThatThrownBy(() -> AttackSpec.parse("ipm").lineMaximizer()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'ipm' has no line search");
  }

  @Test
  void parse_gaussianMean_isOptionalNextToSigma() {
    AttackSpec s = AttackSpec.parse("gaussian(mu=-3, sigma=0.5)");
    assertThat(s.parameter("mu", 0)).isCloseTo(-3, within(0.0));
    assertThat(s.parameter("sigma", 1)).isCloseTo(0.5, within(0.0));
    assertThat(AttackSpec.parse("gaussian(sigma=2)").parameters()).doesNotContainKey("mu");
    assertThatThrownBy(() -> AttackSpec.parse("gaussian(mu=nan)")).hasMessageContaining("mu='nan'");
  }
}
