package dev.rampart.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rampart.aggregation.internal.VectorMath;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Distances measured inside a rule's own pass equal those of the separate evidence pass, the
 * output does not depend on whether evidence is on, and the finiteness checks folded into the
 * distance kernels keep the documented NaN and infinity policies, on inputs large enough (n*d
 * above the parallel threshold, d not a multiple of any block size) to split and leave remainders.
 */
class FusedEvidenceTest {

  // The lane kernel's documented relative error (32 * 2^-24), once for each side of the comparison.
  private static final double BOUND = 2 * 32 * 0x1p-24;
  private static final int N = 12;
  private static final int D = 100_003;
  private static final List<float[]> INPUTS = withOutliers(Vectors.gaussian(91, N, D, 1.5));

  private static List<float[]> withOutliers(List<float[]> x) {
    for (int k = 0; k < D; k++) {
      x.get(N - 1)[k] += 20f;
      x.get(N - 2)[k] -= 9f;
    }
    return x;
  }

  static Stream<Aggregator> rules() {
    return Stream.of(Aggregators.average(), Aggregators.median(), Aggregators.trimmedMean(2),
        Aggregators.meamed(2), Aggregators.geometricMedian(0.1, 3), Aggregators.geometricMedian(0.1, 1),
        Aggregators.centeredClipping(10.0, 1), Aggregators.centeredClipping(10.0, 3), Aggregators.krum(2),
        Aggregators.multiKrum(2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void aggregate_fusedDistances_equalSeparatePass(Aggregator rule) {
    AggregationContext context = AggregationContext.of(new SplittableRandom(3));
    AggregationResult with = rule.aggregate(INPUTS, context);
    AggregationResult without = rule.aggregate(INPUTS, context.withDistanceEvidence(false));
    assertThat(with.vector()).isEqualTo(without.vector());
    double[] separate = VectorMath.approximateDistancesTo(INPUTS, with.vector(), D);
    for (int i = 0; i < N; i++) {
      double fused = with.evidence().get(i).distanceToOutput();
      assertThat(fused).as("input %d", i).isCloseTo(separate[i], within(BOUND * separate[i] + 1e-9));
      assertThat(without.evidence().get(i).distanceToOutput()).isNaN();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void pipeline_withPreAggregator_measuresOriginalInputs(Aggregator rule) {
    Pipeline p = Pipeline.of(List.of(PreAggregators.clipping(30.0)), rule);
    AggregationResult r = p.aggregate(INPUTS, AggregationContext.of(new SplittableRandom(3)));
    double[] separate = VectorMath.approximateDistancesTo(INPUTS, r.vector(), D);
    for (int i = 0; i < N; i++) {
      assertThat(r.evidence().get(i).distanceToOutput()).isCloseTo(separate[i], within(1e-9 * separate[i]));
    }
  }

  @Test
  void geometricMedian_finiteInputsWhoseFloatSquaresOverflow_areKept() {
    List<float[]> x = Vectors.deepCopy(INPUTS);
    x.get(4)[7] = 1e20f;
    AggregationResult r = Aggregators.geometricMedian(0.1, 3).aggregate(x, AggregationContext.of(new SplittableRandom(1)));
    assertThat(r.evidence().get(4).excluded()).isFalse();
    assertThat(r.evidence().get(4).weight()).isGreaterThan(0.0);
  }

  @Test
  void geometricMedian_infinityAndNaN_keepTheirPolicies() {
    List<float[]> x = Vectors.deepCopy(INPUTS);
    x.get(6)[D - 1] = Float.POSITIVE_INFINITY;
    AggregationResult r = Aggregators.geometricMedian(0.1, 3).aggregate(x, AggregationContext.of(new SplittableRandom(1)));
    assertThat(r.evidence().get(6).excluded()).isTrue();
    assertThat(r.evidence().get(6).distanceToOutput()).isEqualTo(Double.POSITIVE_INFINITY);
    x.get(9)[D / 2] = Float.NaN;
    assertThatThrownBy(() -> Aggregators.geometricMedian(0.1, 3).aggregate(x, AggregationContext.of(new SplittableRandom(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input 9 holds NaN");
  }

  @Test
  void centeredClipping_finiteInputsWhoseFloatSquaresOverflow_areAccepted() {
    List<float[]> x = Vectors.deepCopy(INPUTS);
    x.get(4)[7] = 1e20f;
    AggregationResult r = Aggregators.centeredClipping(10.0, 1).aggregate(x, AggregationContext.of(new SplittableRandom(1)));
    assertThat(r.evidence().get(4).clipScale()).isGreaterThan(0.0).isLessThan(1e-15);
  }

  @Test
  void centeredClipping_nonFiniteInput_isRejectedBeforeTheStateDimension() {
    List<float[]> x = Vectors.deepCopy(INPUTS);
    x.get(3)[11] = Float.NEGATIVE_INFINITY;
    AggregationContext wrongState = AggregationContext.of(new SplittableRandom(1)).withPreviousAggregate(new float[3]);
    assertThatThrownBy(() -> Aggregators.centeredClipping(10.0, 1).aggregate(x, wrongState))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input 3 has the non-finite value -Infinity at coordinate 11");
  }
}
