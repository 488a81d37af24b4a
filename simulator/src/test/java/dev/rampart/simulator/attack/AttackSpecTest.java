package dev.rampart.simulator.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
}
