package dev.rampart.experiments.lad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RegressionProblemTest {

  @Test
  void optimum_fullGradientVanishes() {
    RegressionProblem p = RegressionProblem.generate(20, 20, 1.0, 1.0, 3);
    double[] g = p.fullGradient(p.optimum());
    for (double v : g) {
      assertThat(v).isCloseTo(0.0, within(1e-9));
    }
    assertThat(p.relativeError(p.optimum())).isZero();
    assertThat(p.relativeError(new double[20])).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void gradient_meanOverSubsetsIsTheFullGradient() {
    RegressionProblem p = RegressionProblem.generate(8, 12, 0.5, 0.3, 4);
    double[] w = {0.1, -0.2, 0.3, 0.5, -1, 2, 0, 0.7};
    double[] mean = new double[8];
    float[] g = new float[8];
    for (int k = 0; k < 12; k++) {
      p.gradient(k, w, g);
      for (int j = 0; j < 8; j++) {
        mean[j] += g[j] / 12.0;
      }
    }
    double[] full = p.fullGradient(w);
    for (int j = 0; j < 8; j++) {
      assertThat(mean[j]).isCloseTo(full[j], within(1e-5 * (1 + Math.abs(full[j]))));
    }
  }

  @Test
  void heterogeneity_widensTheSpreadOfSubsetGradientsAtTheOptimum() {
    double homogeneous = RegressionProblem.generate(30, 30, 0.0, 1.0, 5).gradientSpreadAtOptimum();
    double heterogeneous = RegressionProblem.generate(30, 30, 2.0, 1.0, 5).gradientSpreadAtOptimum();
    assertThat(heterogeneous).isGreaterThan(10 * homogeneous);
  }

  @Test
  void smoothness_ridgeAloneGivesLambda() {
    RegressionProblem p = RegressionProblem.generate(10, 10, 1.0, 1.0, 6);
    assertThat(p.smoothness()).isGreaterThan(1.0).isLessThan(1.0 + 4.0 * 10);
  }

  @Test
  void generate_badValues_messageNamesTheValue() {
    assertThatThrownBy(() -> RegressionProblem.generate(10, 10, -1, 1, 0))
        .hasMessageContaining("heterogeneity must be finite and ≥ 0, but was -1.0");
    assertThatThrownBy(() -> RegressionProblem.generate(10, 10, 1, 0, 0))
        .hasMessageContaining("ridge must be finite and > 0, but was 0.0");
  }
}
