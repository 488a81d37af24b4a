package dev.rampart.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StatefulAndRandomizedTest {

  private static final List<float[]> X = Vectors.rows(new double[][] {{3, 0}, {0, 4}, {30, 40}});

  @Test
  void centeredClipping_secondRound_startsFromPreviousAggregate() {
    Aggregator cc = Aggregators.centeredClipping(5.0, 1);
    AggregationContext round1 = AggregationContext.of(new SplittableRandom(1));
    AggregationResult r1 = cc.aggregate(X, round1);
    // From 0: |x0|=3, |x1|=4 unclipped, |x2|=50 clipped by 0.1 -> (3+0+3, 0+4+4)/3.
    assertThat(r1.vector()[0]).isCloseTo(2.0f, within(1e-6f));
    assertThat(r1.vector()[1]).isCloseTo(8.0f / 3, within(1e-6f));
    assertThat(r1.evidence().get(2).clipScale()).isCloseTo(0.1, within(1e-12));
    AggregationResult r2 = cc.aggregate(X, round1.next(r1));
    float[] m = r1.vector();
    double[] expected = {m[0], m[1]};
    for (float[] x : X) {
      double dx = x[0] - m[0];
      double dy = x[1] - m[1];
      double c = Math.min(1, 5.0 / Math.hypot(dx, dy));
      expected[0] += c * dx / 3;
      expected[1] += c * dy / 3;
    }
    assertThat((double) r2.vector()[0]).isCloseTo(expected[0], within(1e-5));
    assertThat((double) r2.vector()[1]).isCloseTo(expected[1], within(1e-5));
  }

  @Test
  void centeredClipping_weights_recombineOutputWithState() {
    float[] state = {1f, -2f};
    AggregationResult r = Aggregators.centeredClipping(2.0, 4)
        .aggregate(X, AggregationContext.of(new SplittableRandom(1)).withPreviousAggregate(state));
    double mass = 0;
    double[] sum = new double[2];
    for (InputEvidence e : r.evidence()) {
      mass += e.weight();
      sum[0] += e.weight() * X.get(e.index())[0];
      sum[1] += e.weight() * X.get(e.index())[1];
    }
    assertThat((double) r.vector()[0]).isCloseTo(sum[0] + (1 - mass) * state[0], within(1e-4));
    assertThat((double) r.vector()[1]).isCloseTo(sum[1] + (1 - mass) * state[1], within(1e-4));
  }

  @Test
  void centeredClipping_stateOfWrongDimension_throws() {
    AggregationContext c = AggregationContext.of(new SplittableRandom(1)).withPreviousAggregate(new float[3]);
    assertThatThrownBy(() -> Aggregators.centeredClipping().aggregate(X, c))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dimension 3");
  }

  @Test
  void context_previousAggregate_isCopied() {
    float[] state = {1f, 2f};
    AggregationContext c = AggregationContext.of(new SplittableRandom(1)).withPreviousAggregate(state);
    state[0] = 99f;
    assertThat(c.previousAggregate().orElseThrow()[0]).isEqualTo(1f);
    assertThat(AggregationContext.of(new SplittableRandom(1)).previousAggregate()).isEmpty();
  }

  @Test
  void bucketing_sameSeed_sameBuckets() {
    List<float[]> inputs = Vectors.gaussian(3, 11, 5, 1.0);
    Pipeline p = Pipeline.parse("bucketing(s=3) | average", 1);
    float[] a = p.aggregate(inputs, AggregationContext.of(new SplittableRandom(9))).vector();
    float[] b = p.aggregate(inputs, AggregationContext.of(new SplittableRandom(9))).vector();
    assertThat(a).containsExactly(b);
    PreAggregation pa = PreAggregators.bucketing(3).apply(inputs, AggregationContext.of(new SplittableRandom(9)));
    assertThat(pa.outputCount()).isEqualTo(4);
    for (int i = 0; i < 11; i++) {
      double column = 0;
      for (int j = 0; j < 4; j++) {
        column += pa.mixing(j, i) > 0 ? 1 : 0;
      }
      assertThat(column).as("input %d in exactly one bucket", i).isEqualTo(1.0);
    }
  }

  @Test
  void bucketingThenKrum_outlierBucket_excludesItsMembers() {
    List<float[]> inputs = Vectors.gaussian(4, 12, 8, 1.0);
    inputs.set(7, Vectors.gaussian(5, 1, 8, 1e4).get(0));
    AggregationResult r = Pipeline.parse("bucketing(s=2) | krum", 1)
        .aggregate(inputs, AggregationContext.of(new SplittableRandom(2)));
    assertThat(r.evidence().get(7).excluded()).isTrue();
    assertThat(r.evidence().get(7).weight()).isEqualTo(0.0);
    long selected = r.evidence().stream().filter(e -> !e.excluded()).count();
    assertThat(selected).isEqualTo(2);
  }

  @Test
  void mda_searchBeyondLimit_throwsNamingCount() {
    List<float[]> inputs = Vectors.gaussian(6, 30, 2, 1.0);
    assertThatThrownBy(() -> Aggregators.mda(10, 1000).aggregate(inputs, AggregationContext.of(new SplittableRandom(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("C(30, 10) = 30045015")
        .hasMessageContaining("limit 1000");
  }

  @Test
  void mdaAndSmea_plantedOutlier_scoresAboveKeptInputs() {
    List<float[]> inputs = Vectors.gaussian(13, 7, 5, 1.0);
    inputs.set(5, Vectors.gaussian(14, 1, 5, 50.0).get(0));
    for (Aggregator rule : List.of(Aggregators.mda(1), Aggregators.smea(1))) {
      AggregationResult r = rule.aggregate(inputs, AggregationContext.of(new SplittableRandom(1)));
      assertThat(r.evidence().get(5).excluded()).as(rule.name()).isTrue();
      double kept = r.evidence().get(0).score();
      for (InputEvidence e : r.evidence()) {
        if (!e.excluded()) {
          assertThat(e.score()).as(rule.name()).isEqualTo(kept);
        }
      }
      assertThat(r.evidence().get(5).score()).as(rule.name()).isGreaterThan(kept);
    }
  }

  @Test
  void caf_plantedOutlier_getsNoWeight() {
    List<float[]> inputs = Vectors.gaussian(7, 9, 6, 1.0);
    float[] far = new float[6];
    java.util.Arrays.fill(far, 50f);
    inputs.set(3, far);
    AggregationResult r = Aggregators.caf(2).aggregate(inputs, AggregationContext.of(new SplittableRandom(1)));
    assertThat(r.evidence().get(3).weight()).isEqualTo(0.0);
    assertThat(r.evidence().get(3).excluded()).isTrue();
    assertThat(r.evidence().get(3).score()).isEqualTo(0.0);
  }

  @Test
  void smea_plantedOutliers_leftOut() {
    List<float[]> inputs = Vectors.gaussian(8, 8, 4, 1.0);
    inputs.set(1, Vectors.gaussian(9, 1, 4, 100.0).get(0));
    inputs.set(6, Vectors.gaussian(10, 1, 4, 100.0).get(0));
    AggregationResult r = Aggregators.smea(2).aggregate(inputs, AggregationContext.of(new SplittableRandom(1)));
    assertThat(r.evidence().get(1).excluded()).isTrue();
    assertThat(r.evidence().get(6).excluded()).isTrue();
    assertThat(r.evidence().get(0).weight()).isCloseTo(1.0 / 6, within(1e-12));
  }

  @Test
  void bulyan_plantedOutlier_notSelected() {
    List<float[]> inputs = Vectors.gaussian(11, 7, 50, 1.0);
    inputs.set(2, Vectors.gaussian(12, 1, 50, 1000.0).get(0));
    AggregationResult r = Aggregators.bulyan(1).aggregate(inputs, AggregationContext.of(new SplittableRandom(1)));
    assertThat(r.evidence().get(2).excluded()).isTrue();
    assertThat(r.evidence().get(2).trimmedShare()).isEqualTo(1.0);
    assertThat(r.evidence().stream().filter(e -> e.excluded()).count()).isEqualTo(2);
  }
}
