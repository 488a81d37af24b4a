package dev.rampart.experiments.lad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExperimentConfigTest {

  @Test
  void parse_noArguments_givesTheCommittedGrid() {
    ExperimentConfig c = ExperimentConfig.parse();
    assertThat(c.workers()).isEqualTo(100);
    assertThat(c.byzantine()).isEqualTo(10);
    assertThat(c.redundancies()).containsExactly(1, 2, 5, 10, 20, 50, 100);
    assertThat(ExperimentConfig.parse(c.toString().split(" "))).isEqualTo(c);
  }

  @Test
  void parse_badOption_namesIt() {
    assertThatThrownBy(() -> ExperimentConfig.parse("--seed", "1")).hasMessageContaining("unknown option '--seed'");
    assertThatThrownBy(() -> ExperimentConfig.parse("--redundancies", "1,200"))
        .hasMessageContaining("[1, workers=100], but got 200");
    assertThatThrownBy(() -> ExperimentConfig.parse("--byzantine", "50"))
        .hasMessageContaining("byzantine=50");
  }
}
