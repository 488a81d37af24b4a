package dev.rampart.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTypesTest {

  private static InputEvidence evidence(int index) {
    return new InputEvidence(index, false, 0.5, 0.0, 1.0, Double.NaN, 1.0);
  }

  @Test
  void aggregationResult_constructorArray_copiedIn() {
    float[] v = {1f, 2f};
    AggregationResult r = new AggregationResult(v, List.of(evidence(0)));
    v[0] = 9f;
    assertThat(r.get(0)).isEqualTo(1f);
    assertThat(r.dimension()).isEqualTo(2);
  }

  @Test
  void aggregationResult_evidenceList_copiedAndOrdered() {
    List<InputEvidence> list = new ArrayList<>(List.of(evidence(0), evidence(1)));
    AggregationResult r = new AggregationResult(new float[1], list);
    list.clear();
    assertThat(r.evidence()).hasSize(2);
    assertThatThrownBy(() -> new AggregationResult(new float[1], List.of(evidence(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("evidence entry 0 has index 1");
  }

  @Test
  void aggregationResult_equalResults_equalAndSameHash() {
    AggregationResult a = new AggregationResult(new float[] {1f}, List.of(evidence(0)));
    AggregationResult b = new AggregationResult(new float[] {1f}, List.of(evidence(0)));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(new AggregationResult(new float[] {2f}, List.of(evidence(0))));
  }

  @Test
  void inputEvidence_outOfRangeValues_rejectedWithValue() {
    assertThatThrownBy(() -> new InputEvidence(-1, false, 0, 0, 1, 0, 0)).hasMessageContaining("index=-1");
    assertThatThrownBy(() -> new InputEvidence(0, false, 0, 1.5, 1, 0, 0)).hasMessageContaining("trimmedShare=1.5");
    assertThatThrownBy(() -> new InputEvidence(0, false, 0, 0, 2, 0, 0)).hasMessageContaining("clipScale=2.0");
  }

  @Test
  void inputEvidence_suspected_whenExcludedTrimmedOrClipped() {
    assertThat(evidence(0).suspected()).isFalse();
    assertThat(new InputEvidence(0, true, 0, 0, 1, 0, 0).suspected()).isTrue();
    assertThat(new InputEvidence(0, false, 0, 0.1, 1, 0, 0).suspected()).isTrue();
    assertThat(new InputEvidence(0, false, 0, 0, 0.5, 0, 0).suspected()).isTrue();
  }

  @Test
  void preAggregation_of_validatesShapesAndCopies() {
    float[] out = {1f, 2f};
    PreAggregation p = PreAggregation.of(List.of(out), new double[][] {{1.0, 0.0}}, new double[] {1.0, 1.0});
    out[0] = 7f;
    assertThat(p.outputs().get(0)[0]).isEqualTo(1f);
    assertThat(p.inputCount()).isEqualTo(2);
    assertThatThrownBy(() -> PreAggregation.of(List.of(out), new double[][] {{-1.0, 0.0}}, new double[] {1.0, 1.0}))
        .hasMessageContaining("-1.0");
    assertThatThrownBy(() -> PreAggregation.of(List.of(out), new double[][] {{1.0}}, new double[] {1.0, 1.0}))
        .hasMessageContaining("mixing row 0 has 1 columns");
  }

  @Test
  void factories_badParameters_rejectedNamingValue() {
    assertThatThrownBy(() -> Aggregators.trimmedMean(-2)).hasMessageContaining("maxByzantine=-2");
    assertThatThrownBy(() -> Aggregators.geometricMedian(0.0, 3)).hasMessageContaining("nu=0.0");
    assertThatThrownBy(() -> Aggregators.geometricMedian(0.1, 0)).hasMessageContaining("iterations=0");
    assertThatThrownBy(() -> Aggregators.multiKrum(1, KrumVariant.BYZFL, 0)).hasMessageContaining("m=0");
    assertThatThrownBy(() -> Aggregators.centeredClipping(Double.POSITIVE_INFINITY, 1)).hasMessageContaining("tau=Infinity");
    assertThatThrownBy(() -> PreAggregators.bucketing(0)).hasMessageContaining("s=0");
    assertThatThrownBy(() -> Aggregators.mda(1, 0)).hasMessageContaining("limit=0");
    assertThatThrownBy(() -> Aggregators.monna(1, -1)).hasMessageContaining("idx=-1");
  }
}
