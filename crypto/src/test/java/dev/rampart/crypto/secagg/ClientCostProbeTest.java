package dev.rampart.crypto.secagg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientCostProbeTest {

  @Test
  void measure_smallGroupWithDropout_completesAndReportsEveryPhase() {
    ClientCostProbe.Result r = ClientCostProbe.measure(2_000, 5, 1, 2);

    assertThat(r.openNanos()).isPositive();
    assertThat(r.sharesNanos()).isPositive();
    assertThat(r.maskNanos()).isPositive();
    assertThat(r.checkNanos()).isPositive();
    assertThat(r.unmaskNanos()).isPositive();
    assertThat(r.dropped()).isEqualTo(1);
  }
}
