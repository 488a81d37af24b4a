package dev.rampart.cli.data;


import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrainLossTest {
  @Test
  void format_nan_printsNotAvailable() {
    assertThat(TrainLoss.format(Double.NaN)).isEqualTo("n/a");
  }

  @Test
  void format_knownLoss_printsFourDecimalsWithAPoint() {
    assertThat(TrainLoss.format(0.123456)).isEqualTo("0.1235");
    assertThat(TrainLoss.format(2.0)).isEqualTo("2.0000");
  }
}
