package dev.rampart.simulator.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Replays ByzFL's search (byzfl/attacks/attacks.py, {@code _expansion_phase} then
 * {@code _contraction_phase}) by hand. With the defaults (20 evaluations, start 0, δ = 10, ratio
 * 0.8): expansion proposes best + δ, doubling δ on every improvement and multiplying it by 0.8 at
 * the first failure; contraction then proposes best + δ from the current best and multiplies δ by
 * 0.8 after every proposal.
 */
class LineMaximizerTest {
  private static final double EXACT = 1e-9;

  private static List<Double> probes(LineMaximizer search, DoubleUnaryOperator objective, double[] best) {
    List<Double> probed = new ArrayList<>();
    best[0] = search.maximize(t -> {
      probed.add(t);
      return objective.applyAsDouble(t);
    });
    return probed;
  }

  private static void assertProbes(List<Double> probed, double... expected) {
    assertThat(probed).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(probed.get(i)).as("probe %d", i).isCloseTo(expected[i], within(EXACT));
    }
  }

  @Test
  void maximize_parabolaPeakAtThree_followsByzflTraceAndNeverStepsBack() {
    // −(t − 3)²: 0 (−9); expansion 0 + 10 = 10 (−49, worse, δ → 8). Contraction from best 0:
    // 8 (−25, δ → 6.4), 6.4 (−11.56, δ → 5.12), 5.12 (−4.4944, better: best 5.12, δ → 4.096), then
    // 5.12 + 10·0.8^k for k = 4..18, all above 5.12 and so all worse. ByzFL never probes below the
    // best, so it ends at 5.12, not at the peak 3 (a step-back contraction would find ≈ 3).
    double[] best = new double[1];
    List<Double> probed = probes(LineMaximizer.DEFAULT, t -> -(t - 3) * (t - 3), best);
    assertProbes(probed, 0, 10, 8, 6.4, 5.12, 9.216, 8.3968, 7.74144, 7.217152, 6.7977216, 6.46217728,
        6.193741824, 5.9789934592, 5.80719476736, 5.669755813888, 5.5598046511104, 5.47184372088832,
        5.401474976710656, 5.3451799813685248, 5.30014398509481984);
    assertThat(best[0]).isCloseTo(5.12, within(EXACT));
  }

  @Test
  void maximize_increasingFunction_keepsDoublingTheStep() {
    // every proposal improves, so the expansion uses the whole budget: 0, then 0 + 10, 10 + 20,
    // 30 + 40, …, i.e. 10·(2^k − 1) for k = 1..19; the last is 10·(2^19 − 1) = 5 242 870
    double[] best = new double[1];
    List<Double> probed = probes(LineMaximizer.DEFAULT, t -> t, best);
    assertProbes(probed, 0, 10, 30, 70, 150, 310, 630, 1270, 2550, 5110, 10230, 20470, 40950, 81910, 163830,
        327670, 655350, 1310710, 2621430, 5242870);
    assertThat(best[0]).isCloseTo(5242870.0, within(EXACT));
  }

  @Test
  void maximize_decreasingFunction_staysAtStart() {
    // 0 (0); 10 (−10, worse, δ → 8); contraction from 0 probes 10·0.8^k for k = 1..18, all worse
    double[] best = new double[1];
    List<Double> probed = probes(LineMaximizer.DEFAULT, t -> -t, best);
    assertProbes(probed, 0, 10, 8, 6.4, 5.12, 4.096, 3.2768, 2.62144, 2.097152, 1.6777216, 1.34217728,
        1.073741824, 0.8589934592, 0.68719476736, 0.549755813888, 0.4398046511104, 0.35184372088832,
        0.281474976710656, 0.2251799813685248, 0.18014398509481984);
    assertThat(best[0]).isCloseTo(0.0, within(0.0));
  }

  @Test
  void maximize_cliffAtTwenty_acceptsTwiceInContraction() {
    // t up to 20, −t beyond. 0 (0); 10 (10, better, δ → 20); 30 (−30, worse, δ → 16). Contraction
    // from 10: 26 (δ → 12.8), 22.8 (δ → 10.24), 20.24 (δ → 8.192) worse; 18.192 better (best
    // 18.192, δ → 6.5536); 24.7456, 23.43488, 22.386304, 21.5474432, 20.87635456, 20.339483648
    // worse (δ → 1.7179869184); 19.9099869184 better (best, δ → 1.37438953472); then
    // 19.9099869184 + 1.37438953472·0.8^k for k = 0..5, all above 20 and worse. 3 + 17 = 20 calls.
    double[] best = new double[1];
    List<Double> probed = probes(LineMaximizer.DEFAULT, t -> t <= 20 ? t : -t, best);
    assertProbes(probed, 0, 10, 30, 26, 22.8, 20.24, 18.192, 24.7456, 23.43488, 22.386304, 21.5474432,
        20.87635456, 20.339483648, 19.9099869184, 21.28437645312, 21.009498546176, 20.7895962206208,
        20.61367436017664, 20.472936871821312, 20.3603468811370496);
    assertThat(best[0]).isCloseTo(19.9099869184, within(EXACT));
  }

  @Test
  void maximize_tiesAndNaN_keepTheEarlierPoint() {
    // a constant never improves (strictly greater is required), NaN never compares greater:
    // 4 evaluations from 1 with δ 2, ratio 0.6: 1, 3 (tie, δ → 1.2), 2.2 (δ → 0.72), 1.72
    LineMaximizer search = new LineMaximizer(4, 1, 2, 0.6);
    double[] best = new double[1];
    assertProbes(probes(search, t -> 5, best), 1, 3, 2.2, 1.72);
    assertThat(best[0]).isCloseTo(1.0, within(0.0));
    assertThat(search.maximize(t -> t == 1 ? 0 : Double.NaN)).isCloseTo(1.0, within(0.0));
  }

  @Test
  void maximize_budgetOfOne_evaluatesOnlyTheStart() {
    double[] best = new double[1];
    assertProbes(probes(new LineMaximizer(1, 2.5, 10, 0.8), t -> t, best), 2.5);
    assertThat(best[0]).isCloseTo(2.5, within(0.0));
  }

  @Test
  void maximize_negativeDelta_searchesDownwards() {
    // ByzFL accepts any non-zero δ: from 0 with δ = −1 on −(t + 2)²: 0 (−4), −1 (−1, better, δ → −2),
    // −3 (−1, tie so worse, δ → −1.6), contraction from −1: −2.6 (−0.36, better, δ → −1.28), −3.88
    // (−3.5344, worse)
    double[] best = new double[1];
    List<Double> probed = probes(new LineMaximizer(5, 0, -1, 0.8), t -> -(t + 2) * (t + 2), best);
    assertProbes(probed, 0, -1, -3, -2.6, -3.88);
    assertThat(best[0]).isCloseTo(-2.6, within(EXACT));
  }

  @Test
  void default_isByzflsDefaults() {
    assertThat(LineMaximizer.DEFAULT).isEqualTo(new LineMaximizer(20, 0.0, 10.0, 0.8));
  }

  @Test
  void constructor_ratioOutOfRange_throwsNamingIt() {
    assertThatThrownBy(() -> new LineMaximizer(16, 0, 1, 0.5)).hasMessageContaining("ratio=0.5");
    assertThatThrownBy(() -> new LineMaximizer(16, 0, 1, 1.0)).hasMessageContaining("ratio=1.0");
    assertThatThrownBy(() -> new LineMaximizer(0, 0, 1, 0.8)).hasMessageContaining("evaluations=0");
  }

  @Test
  void constructor_zeroOrNonFiniteStep_throwsNamingIt() {
    assertThatThrownBy(() -> new LineMaximizer(20, 0, 0, 0.8)).hasMessageContaining("delta=0.0");
    assertThatThrownBy(() -> new LineMaximizer(20, 0, Double.POSITIVE_INFINITY, 0.8))
        .hasMessageContaining("delta=Infinity");
    assertThatThrownBy(() -> new LineMaximizer(20, Double.NaN, 10, 0.8)).hasMessageContaining("start=NaN");
  }
}
