package dev.rampart.coordinator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.aggregation.InputEvidence;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecureSuspicionTest {
  /** Five group means under the median, as seen in a run: equal trimming, one far group. */
  private static List<InputEvidence> groupMeans() {
    double[] trimmed = {0.72, 0.79, 0.70, 0.80, 0.75};
    double[] distance = {0.38, 0.49, 0.32, 2.68, 0.43};
    List<InputEvidence> e = new ArrayList<>();
    for (int i = 0; i < trimmed.length; i++) {
      e.add(new InputEvidence(i, false, Double.NaN, trimmed[i], 1.0, Double.NaN, distance[i]));
    }
    return e;
  }

  @Test
  void flag_groupInputsWithOneFarMean_onlyThatGroupIsSuspected() {
    boolean[] s = Suspicion.flag(groupMeans(), false, true);
    assertThat(s).containsExactly(false, false, false, true, false);
  }

  @Test
  void flag_sameEvidenceWithoutTheDistanceSignal_flagsNothing() {
    boolean[] s = Suspicion.flag(groupMeans(), false, false);
    assertThat(s).containsExactly(false, false, false, false, false);
  }
}
