package dev.rampart.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract every built-in rule, and its pipeline-spec entry, must honour. */
class AggregatorContractTest {

  private static final int F = 1;
  private static final int D = 6;

  static Stream<RuleCase> cases() {
    return RuleCases.all().stream();
  }

  private static int n(RuleCase c) {
    return Math.max(7, c.properties().minInputs().apply(F));
  }

  private static AggregationContext context() {
    return AggregationContext.of(new SplittableRandom(7));
  }

  private static AggregationResult run(RuleCase c, List<float[]> inputs) {
    return c.factory().apply(F).aggregate(inputs, context());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aggregate_anyInput_leavesInputsUnchanged(RuleCase c) {
    List<float[]> inputs = Vectors.gaussian(1, n(c), D, 3.0);
    List<float[]> before = Vectors.deepCopy(inputs);
    run(c, inputs);
    for (int i = 0; i < inputs.size(); i++) {
      assertThat(inputs.get(i)).containsExactly(before.get(i));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aggregate_anyInput_keepsDimensionAndReportsEveryInputInOrder(RuleCase c) {
    List<float[]> inputs = Vectors.gaussian(2, n(c), D, 3.0);
    AggregationResult r = run(c, inputs);
    assertThat(r.vector()).hasSize(D);
    assertThat(r.evidence()).hasSize(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      InputEvidence e = r.evidence().get(i);
      assertThat(e.index()).isEqualTo(i);
      assertThat(e.distanceToOutput()).isCloseTo(Vectors.distance(inputs.get(i), r.vector()), within(1e-4));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void vector_mutatedByCaller_resultUnchanged(RuleCase c) {
    AggregationResult r = run(c, Vectors.gaussian(3, n(c), D, 1.0));
    float[] first = r.vector();
    float expected = first[0];
    first[0] = expected + 100f;
    assertThat(r.vector()[0]).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aggregate_permutedInputs_sameOutput(RuleCase c) {
    if (!c.properties().permutationInvariant()) {
      return;
    }
    List<float[]> inputs = Vectors.gaussian(4, n(c), D, 3.0);
    List<float[]> shuffled = new ArrayList<>(inputs);
    Collections.shuffle(shuffled, new Random(11));
    float[] a = run(c, inputs).vector();
    float[] b = run(c, shuffled).vector();
    for (int k = 0; k < D; k++) {
      assertThat(b[k]).isCloseTo(a[k], within(1e-5f * (1 + Math.abs(a[k]))));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aggregate_translatedInputs_translatedOutput(RuleCase c) {
    if (!c.properties().translationEquivariant()) {
      return;
    }
    List<float[]> inputs = Vectors.gaussian(5, n(c), D, 3.0);
    float[] shift = Vectors.gaussian(6, 1, D, 10.0).get(0);
    List<float[]> moved = new ArrayList<>();
    for (float[] x : inputs) {
      float[] y = x.clone();
      for (int k = 0; k < D; k++) {
        y[k] += shift[k];
      }
      moved.add(y);
    }
    float[] a = run(c, inputs).vector();
    float[] b = run(c, moved).vector();
    for (int k = 0; k < D; k++) {
      assertThat(b[k]).isCloseTo(a[k] + shift[k], within(1e-4f * (1 + Math.abs(shift[k]))));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aggregate_identicalInputs_returnsThatInput(RuleCase c) {
    if (!c.properties().identicalGivesInput()) {
      return;
    }
    float[] x = Vectors.gaussian(7, 1, D, 0.5).get(0);
    List<float[]> inputs = new ArrayList<>();
    for (int i = 0; i < n(c); i++) {
      inputs.add(x.clone());
    }
    float[] out = run(c, inputs).vector();
    for (int k = 0; k < D; k++) {
      assertThat(out[k]).isCloseTo(x[k], within(1e-6f * (1 + Math.abs(x[k]))));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aggregate_tooFewInputsForByzantineBound_throws(RuleCase c) {
    if (!c.properties().requiresHonestMajority()) {
      return;
    }
    int f = 2;
    int n = c.properties().minInputs().apply(f) - 1;
    List<float[]> inputs = Vectors.gaussian(8, n, D, 1.0);
    assertThatThrownBy(() -> c.factory().apply(f).aggregate(inputs, context()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxByzantine=2");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aggregate_emptyInput_throws(RuleCase c) {
    assertThatThrownBy(() -> run(c, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aggregate_mismatchedDimensions_throwsNamingInput(RuleCase c) {
    List<float[]> inputs = Vectors.gaussian(9, n(c), D, 1.0);
    inputs.set(3, new float[D + 1]);
    assertThatThrownBy(() -> run(c, inputs))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input 3 has dimension " + (D + 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aggregate_nanInput_throwsNamingInput(RuleCase c) {
    List<float[]> inputs = Vectors.gaussian(10, n(c), D, 1.0);
    inputs.get(2)[4] = Float.NaN;
    assertThatThrownBy(() -> run(c, inputs))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input 2");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aggregate_infiniteInput_followsDocumentedPolicy(RuleCase c) {
    List<float[]> inputs = Vectors.gaussian(11, n(c), D, 1.0);
    inputs.get(5)[1] = Float.NEGATIVE_INFINITY;
    if (c.properties().nonFinite() == RuleCase.NonFinite.REJECT) {
      assertThatThrownBy(() -> run(c, inputs))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("input 5");
    } else {
      AggregationResult r = run(c, inputs);
      assertThat(r.evidence().get(5).excluded()).isTrue();
      assertThat(r.evidence().get(5).weight()).isEqualTo(0.0);
      for (float v : r.vector()) {
        assertThat(Float.isFinite(v)).isTrue();
      }
    }
  }
}
