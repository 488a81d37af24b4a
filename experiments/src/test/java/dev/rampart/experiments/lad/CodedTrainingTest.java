package dev.rampart.experiments.lad;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.compression.CompressionContext;
import dev.rampart.compression.Compressors;
import org.junit.jupiter.api.Test;

/** Small instances (D = K = n = 10, f = 2) of the experiment's claims; the full grid is LadExperiment. */
class CodedTrainingTest {

  private static final RegressionProblem PROBLEM = RegressionProblem.generate(10, 10, 1.0, 1.0, 1);
  private static final CodedTraining.Settings SETTINGS = new CodedTraining.Settings(10, 2, 400, 0.05);

  @Test
  void run_ladAtFullRedundancy_reachesTheOptimumUnderAlie() {
    RunResult r = CodedTraining.run(PROBLEM, Scheme.lad(10), Attack.ALIE, SETTINGS, 2);
    assertThat(r.finalError()).isLessThanOrEqualTo(1e-3);
    assertThat(r.maxAggregationError()).isLessThanOrEqualTo(1e-5);
  }

  @Test
  void run_ladFullRedundancyBeatsUncodedCwtm_underSignFlip() {
    double cwtm = CodedTraining.run(PROBLEM, Scheme.cwtm(), Attack.SIGN_FLIP, SETTINGS, 3).finalError();
    double lad = CodedTraining.run(PROBLEM, Scheme.lad(5), Attack.SIGN_FLIP, SETTINGS, 3).finalError();
    assertThat(lad).isLessThan(cwtm);
  }

  @Test
  void run_draco_decodesExactlyWhateverTheAttack() {
    for (Attack attack : Attack.values()) {
      RunResult r = CodedTraining.run(PROBLEM, Scheme.draco(), attack, SETTINGS, 4);
      assertThat(r.maxAggregationError()).as("%s", attack).isLessThanOrEqualTo(1e-5);
      assertThat(r.finalError()).as("%s", attack).isLessThanOrEqualTo(1e-3);
      assertThat(r.load()).isEqualTo(5);
    }
  }

  @Test
  void randK10Percent_atDimension100_sendsAtMost15PercentOfDenseBytes() {
    float[] v = new float[100];
    for (int j = 0; j < v.length; j++) {
      v[j] = j - 50.5f;
    }
    for (String spec : new String[] {LadExperiment.SHARED_RANDK, LadExperiment.CLIENT_RANDK}) {
      var cv = Compressors.parse(spec).compress(v, CompressionContext.seeded(1).withRoundSeed(2));
      assertThat(cv.fractionOfDense()).as(spec).isLessThanOrEqualTo(0.15);
    }
  }
}
