package dev.rampart.aggregation.coding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class LadEncoderTest {

  @Test
  void uniform_equalGradients_returnsThatGradient() {
    float[] g = {1.5f, -2.25f, 1e-3f};
    float[] c = LadEncoder.uniform(3).encode(List.of(g, g.clone(), g.clone()));
    assertThat(c).containsExactly(new float[] {1.5f, -2.25f, 1e-3f}, within(1e-9f));
  }

  @Test
  void withCoefficients_combinesLinearly_andDoesNotMutateInputs() {
    float[] a = {1f, 2f};
    float[] b = {10f, -4f};
    float[] c = LadEncoder.withCoefficients(0.5, -2).encode(List.of(a, b));
    assertThat(c).containsExactly(new float[] {-19.5f, 9f}, within(1e-6f));
    assertThat(a).containsExactly(1f, 2f);
    assertThat(b).containsExactly(10f, -4f);
  }

  @Test
  void coefficients_areCopiedInAndOut() {
    double[] b = {1, 2};
    LadEncoder e = LadEncoder.withCoefficients(b);
    b[0] = 9;
    e.coefficients()[1] = 9;
    assertThat(e.coefficients()).containsExactly(1.0, 2.0);
  }

  @Test
  void encode_badInput_messageNamesTheProblem() {
    LadEncoder e = LadEncoder.uniform(2);
    assertThatThrownBy(() -> e.encode(List.of(new float[2]))).hasMessageContaining("expected 2 shard gradients, but got 1");
    assertThatThrownBy(() -> e.encode(List.of(new float[2], new float[3])))
        .hasMessageContaining("gradient 1 has dimension 3, expected 2");
    assertThatThrownBy(() -> e.encode(List.of(new float[2], new float[] {0, Float.NaN})))
        .hasMessageContaining("gradient 1 has a non-finite coordinate at index 1");
    assertThatThrownBy(() -> LadEncoder.uniform(0)).hasMessageContaining("redundancy must be ≥ 1, but was 0");
    assertThatThrownBy(() -> LadEncoder.withCoefficients(1, Double.POSITIVE_INFINITY))
        .hasMessageContaining("coefficient 1 must be finite");
  }

  @Test
  void encodeTask_readsTheTaskShardsInOrder() {
    CodingTask t = new CodingTask(0, 0, new int[] {2, 0}, new double[] {1, 3});
    List<float[]> g = List.of(new float[] {1}, new float[] {100}, new float[] {5});
    assertThat(LadEncoder.encode(t, g::get)).containsExactly(new float[] {8f}, within(1e-6f));
  }
}
