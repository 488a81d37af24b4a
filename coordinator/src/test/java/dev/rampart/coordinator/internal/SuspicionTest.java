package dev.rampart.coordinator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.aggregation.InputEvidence;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuspicionTest {
  private static InputEvidence trimmed(int i, double share) {
    return new InputEvidence(i, false, Double.NaN, share, 1.0, Double.NaN, 1.0);
  }

  @Test
  void flag_medianTrimsEveryoneButOneInputFarMore_onlyThatInputIsSuspected() {
    List<InputEvidence> e = new ArrayList<>();
    double[] honest = {0.69, 0.69, 0.68, 0.73, 0.71, 0.65, 0.66, 0.70, 0.66};
    for (int i = 0; i < honest.length; i++) {
      e.add(trimmed(i, honest[i]));
    }
    e.add(trimmed(9, 0.90));
    boolean[] s = Suspicion.flag(e, false);
    assertThat(s[9]).isTrue();
    for (int i = 0; i < 9; i++) {
      assertThat(s[i]).as("honest input %d", i).isFalse();
    }
  }

  @Test
  void flag_krumExcludesAllButOne_onlyTheFarScoreIsSuspected() {
    List<InputEvidence> e = new ArrayList<>();
    double[] scores = {8.6, 7.5, 7.1, 7668.6, 7.8, 7.1, 7.0, 8.0, 6.7, 7.8};
    for (int i = 0; i < scores.length; i++) {
      e.add(new InputEvidence(i, i != 8, i == 8 ? 1.0 : 0.0, 0, 1.0, scores[i], 1.0));
    }
    boolean[] s = Suspicion.flag(e, true);
    for (int i = 0; i < scores.length; i++) {
      assertThat(s[i]).as("input %d", i).isEqualTo(i == 3);
    }
  }

  @Test
  void flag_minorityExcludedOrClipped_isSuspected() {
    List<InputEvidence> e = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      e.add(new InputEvidence(i, i == 0, i == 0 ? 0.0 : 0.2, 0, i == 1 ? 0.3 : 1.0, Double.NaN, 1.0));
    }
    boolean[] s = Suspicion.flag(e, false);
    assertThat(s).containsExactly(true, true, false, false, false, false);
  }

  @Test
  void flag_identicalTreatment_suspectsNobody() {
    List<InputEvidence> e = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      e.add(new InputEvidence(i, false, 0.2, 0.1, 1.0, Double.NaN, 1.0));
    }
    assertThat(Suspicion.flag(e, false)).containsOnly(false);
  }
}
