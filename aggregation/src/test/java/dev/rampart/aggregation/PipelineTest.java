package dev.rampart.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipelineTest {

  private static AggregationContext context() {
    return AggregationContext.of(new SplittableRandom(5));
  }

  @Test
  void readsPreviousAggregate_onlyForCenteredClippingAndAggregatorsNotBuiltIn() {
    assertThat(Pipeline.parse("cc", 1).readsPreviousAggregate()).isTrue();
    assertThat(Pipeline.parse("nnm | cc", 1).readsPreviousAggregate()).isTrue();
    assertThat(Pipeline.parse("average", 1).readsPreviousAggregate()).isFalse();
    assertThat(Pipeline.parse("nnm | trmean", 1).readsPreviousAggregate()).isFalse();
    assertThat(Pipeline.parse("krum", 1).readsPreviousAggregate()).isFalse();
    Aggregator own = new Aggregator() {
      @Override
      public AggregationResult aggregate(List<float[]> inputs, AggregationContext context) {
        return Pipeline.parse("average", 0).aggregate(inputs, context);
      }

      @Override
      public String name() {
        return "own";
      }
    };
    assertThat(Pipeline.of(List.of(), own).readsPreviousAggregate()).isTrue();
  }

  @Test
  void releaseVector_isTheAggregateItself_vectorACopy() {
    AggregationResult r = Pipeline.parse("average", 0)
        .aggregate(List.of(new float[] {1f, 2f}, new float[] {3f, 4f}), AggregationContext.of(new SplittableRandom(1)));
    float[] released = r.releaseVector();
    assertThat(released).containsExactly(2f, 3f);
    assertThat(r.vector()).isNotSameAs(r.vector()).containsExactly(2f, 3f);
    assertThat(r.releaseVector()).isSameAs(released);
  }

  @Test
  void parse_specWithParameters_canonicalFormListsEveryParameter() {
    Pipeline p = Pipeline.parse(" NNM |clip( c = 3 )| trmean ", 1);
    assertThat(p.spec()).isEqualTo("nnm | clip(c=3.0) | trmean");
    assertThat(p.preAggregators()).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"average", "median", "trmean", "meamed", "gm(nu=0.1, iterations=200)",
      "krum(variant=blanchard)", "multikrum(variant=byzfl, m=3)", "nnm | clip(c=2.0) | trmean",
      "arc | mda(limit=10)", "gm(nu=0.5, iterations=4)", "bucketing(s=2) | krum(variant=blanchard)",
      "cc(tau=1, iterations=1)", "monna(idx=2)", "smea(limit=50)", "bulyan", "caf"})
  void parse_canonicalSpec_roundTrips(String spec) {
    String canonical = Pipeline.parse(spec, 1).spec();
    assertThat(Pipeline.parse(canonical, 1).spec()).isEqualTo(canonical);
  }

  @Test
  void parse_everyRegisteredName_aggregatesAfterEveryPreAggregator() {
    List<float[]> inputs = Vectors.gaussian(12, 14, 4, 1.0);
    assertThat(Pipeline.aggregatorNames()).containsExactly("average", "bulyan", "caf", "cc", "gm", "krum",
        "mda", "meamed", "median", "monna", "multikrum", "smea", "trmean");
    assertThat(Pipeline.preAggregatorNames()).containsExactly("arc", "bucketing", "clip", "nnm");
    for (String pre : Pipeline.preAggregatorNames()) {
      for (String agg : Pipeline.aggregatorNames()) {
        AggregationResult r = Pipeline.parse(pre + " | " + agg, 1).aggregate(inputs, context());
        assertThat(r.dimension()).as(pre + " | " + agg).isEqualTo(4);
        assertThat(r.evidence()).hasSize(14);
      }
    }
  }

  @Test
  void parse_defaultsSpelledOut_inCanonicalForm() {
    assertThat(Pipeline.parse("gm", 0).spec()).isEqualTo("gm(nu=0.1, iterations=3)");
    assertThat(Pipeline.parse("krum", 0).spec()).isEqualTo("krum(variant=byzfl)");
  }

  @Test
  void parse_unknownRule_namesItAndListsValidNames() {
    assertThatThrownBy(() -> Pipeline.parse("nnm | foo", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown rule 'foo'")
        .hasMessageContaining("valid aggregators: ")
        .hasMessageContaining("krum")
        .hasMessageContaining("valid pre-aggregators: ")
        .hasMessageContaining("nnm");
  }

  @Test
  void parse_unknownParameter_namesItAndListsValidParameters() {
    assertThatThrownBy(() -> Pipeline.parse("clip(threshold=2)", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown parameter 'threshold' for 'clip'")
        .hasMessageContaining("valid parameters: c");
  }

  @Test
  void parse_badValue_namesParameterAndExpectation() {
    assertThatThrownBy(() -> Pipeline.parse("gm(nu=abc) ", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad value 'abc' for parameter 'nu' of 'gm'");
    assertThatThrownBy(() -> Pipeline.parse("krum(variant=textbook)", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("byzfl or blanchard");
  }

  @Test
  void parse_outOfRangeValue_namesParameter() {
    assertThatThrownBy(() -> Pipeline.parse("nnm | clip(c=-1) | average", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("c must be finite and > 0, but c=-1.0");
  }

  @Test
  void parse_aggregatorNotLast_rejected() {
    assertThatThrownBy(() -> Pipeline.parse("krum | nnm", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'krum' is an aggregator and must be the last stage");
    assertThatThrownBy(() -> Pipeline.parse("nnm", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("last stage must be an aggregator");
  }

  @Test
  void parse_malformedStages_rejected() {
    assertThatThrownBy(() -> Pipeline.parse("nnm || average", 1)).hasMessageContaining("empty stage 2");
    assertThatThrownBy(() -> Pipeline.parse("clip(c=2", 1)).hasMessageContaining("closing ')'");
    assertThatThrownBy(() -> Pipeline.parse("clip(2)", 1)).hasMessageContaining("key=value");
    assertThatThrownBy(() -> Pipeline.parse(" ", 1)).hasMessageContaining("must not be blank");
    assertThatThrownBy(() -> Pipeline.parse("average", -1)).hasMessageContaining("maxByzantine=-1");
  }

  @Test
  void aggregate_nnmThenAverage_weightsComposeThroughMixing() {
    List<float[]> inputs = Vectors.gaussian(1, 7, 4, 1.0);
    inputs.set(6, Vectors.gaussian(2, 1, 4, 100.0).get(0));
    AggregationResult r = Pipeline.parse("nnm | average", 2).aggregate(inputs, context());
    double total = 0;
    for (InputEvidence e : r.evidence()) {
      total += e.weight();
    }
    assertThat(total).isCloseTo(1.0, within(1e-12));
    assertThat(r.evidence().get(6).weight()).isLessThan(1.0 / 7);
    float[] recombined = new float[4];
    for (int k = 0; k < 4; k++) {
      double s = 0;
      for (int i = 0; i < 7; i++) {
        s += r.evidence().get(i).weight() * inputs.get(i)[k];
      }
      recombined[k] = (float) s;
    }
    for (int k = 0; k < 4; k++) {
      assertThat(r.vector()[k]).isCloseTo(recombined[k], within(1e-5f));
    }
  }

  @Test
  void aggregate_clipThenKrum_reportsClipScaleOfLargeInput() {
    List<float[]> inputs = Vectors.rows(new double[][] {{1, 0}, {0, 1}, {0.5, 0.5}, {30, 40}, {0.2, 0.1}});
    AggregationResult r = Pipeline.parse("clip(c=5.0) | krum", 1).aggregate(inputs, context());
    assertThat(r.evidence().get(3).clipScale()).isCloseTo(0.1, within(1e-12));
    assertThat(r.evidence().get(3).excluded()).isTrue();
    assertThat(r.evidence().get(0).clipScale()).isEqualTo(1.0);
    assertThat(r.evidence().get(3).suspected()).isTrue();
  }

  @Test
  void aggregate_coordinateRule_reportsPlantedOutlierTrimmedEverywhere() {
    List<float[]> inputs = Vectors.gaussian(3, 9, 50, 1.0);
    float[] outlier = new float[50];
    java.util.Arrays.fill(outlier, 1e3f);
    inputs.set(2, outlier);
    AggregationResult r = Pipeline.parse("trmean", 2).aggregate(inputs, context());
    assertThat(r.evidence().get(2).trimmedShare()).isEqualTo(1.0);
    assertThat(r.evidence().get(2).excluded()).isTrue();
    assertThat(r.evidence().get(2).weight()).isNaN();
    double others = 0;
    for (InputEvidence e : r.evidence()) {
      others += e.index() == 2 ? 0 : e.trimmedShare();
    }
    assertThat(others / 8).isLessThan(0.5);
  }

  @Test
  void aggregate_withoutDistanceEvidence_reportsNaNDistances() {
    AggregationResult r = Aggregators.median()
        .aggregate(Vectors.gaussian(4, 5, 3, 1.0), context().withDistanceEvidence(false));
    assertThat(r.evidence()).allSatisfy(e -> assertThat(e.distanceToOutput()).isNaN());
  }

  @Test
  void aggregate_foreignAggregatorAtEnd_usesItsEvidence() {
    Aggregator first = new Aggregator() {
      @Override
      public AggregationResult aggregate(List<float[]> inputs, AggregationContext context) {
        List<InputEvidence> ev = new java.util.ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
          ev.add(new InputEvidence(i, i != 0, i == 0 ? 1.0 : 0.0, 0.0, 1.0, Double.NaN, Double.NaN));
        }
        return new AggregationResult(inputs.get(0), ev);
      }

      @Override
      public String name() {
        return "first";
      }
    };
    List<float[]> inputs = Vectors.gaussian(5, 4, 3, 10.0);
    AggregationResult r = Pipeline.of(List.of(PreAggregators.clipping(1.0)), first).aggregate(inputs, context());
    assertThat(r.evidence().get(0).excluded()).isFalse();
    assertThat(r.evidence().get(1).excluded()).isTrue();
    assertThat(Pipeline.of(List.of(), first).spec()).isEqualTo("first");
  }
}
