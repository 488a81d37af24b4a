package dev.rampart.simulator.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rampart.cli.data.Dataset;
import org.junit.jupiter.api.Test;

class PoisoningTest {
  private static Dataset tiny() {
    return new Dataset("tiny", new float[][] {new float[64], new float[64], new float[64]}, new int[] {0, 3, 9}, 10);
  }

  @Test
  void flipLabels_tenClasses_givesNineMinusY() {
    assertThat(Poisoning.flipLabels(tiny()).labels()).containsExactly(9, 6, 0);
  }

  @Test
  void stamp_eightByEight_setsBottomRightTwoByTwo() {
    float[] x = Poisoning.stamp(new float[64]);
    // k = max(2, 8/8) = 2: rows 6–7, columns 6–7 → indices 54, 55, 62, 63
    for (int i = 0; i < 64; i++) {
      boolean trigger = i == 54 || i == 55 || i == 62 || i == 63;
      assertThat(x[i]).as("pixel %d", i).isCloseTo(trigger ? 1f : 0f, within(0f));
    }
  }

  @Test
  void stamp_twentyEight_setsThreeByThree() {
    float[] x = Poisoning.stamp(new float[784]);
    double sum = 0;
    for (float v : x) {
      sum += v;
    }
    assertThat(sum).isCloseTo(9.0, within(0.0));
    assertThat(x[27 * 28 + 27]).isCloseTo(1f, within(0f));
    assertThat(x[25 * 28 + 24]).isCloseTo(0f, within(0f));
  }

  @Test
  void backdoor_addsTriggeredCopiesWithTarget() {
    Dataset d = Poisoning.backdoor(tiny(), 2);
    assertThat(d.size()).isEqualTo(6);
    assertThat(d.labels()).containsExactly(0, 3, 9, 2, 2, 2);
    assertThat(d.features()[3][63]).isCloseTo(1f, within(0f));
  }

  @Test
  void attackSuccessRate_countsTargetPredictionsAmongNonTargetSamples() {
    // target 0: samples labelled 3 and 9 count; a predictor that says 0 only for the first row → 1/2
    double rate = Poisoning.attackSuccessRate(tiny(), 0, rows -> {
      int[] p = new int[rows.length];
      p[0] = 0;
      for (int i = 1; i < p.length; i++) {
        p[i] = 5;
      }
      return p;
    });
    assertThat(rate).isCloseTo(0.5, within(1e-12));
  }
}
