package dev.rampart.aggregation.coding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CodingTaskTest {

  @Test
  void constructor_copiesArrays_andAccessorsReturnCopies() {
    int[] shards = {3, 1};
    double[] b = {0.5, 0.5};
    CodingTask t = new CodingTask(1, 2, shards, b);
    shards[0] = 7;
    b[0] = 7;
    t.shards()[1] = 9;
    t.coefficients()[1] = 9;
    assertThat(t.shards()).containsExactly(3, 1);
    assertThat(t.coefficients()).containsExactly(0.5, 0.5);
    assertThat(t).isEqualTo(new CodingTask(1, 2, new int[] {3, 1}, new double[] {0.5, 0.5}));
    assertThat(t.load()).isEqualTo(2);
  }

  @Test
  void constructor_badValues_messageNamesTheValue() {
    assertThatThrownBy(() -> new CodingTask(-1, 0, new int[] {0}, new double[] {1}))
        .hasMessageContaining("worker must be ≥ 0, but was -1");
    assertThatThrownBy(() -> new CodingTask(0, 0, new int[] {0, 0}, new double[] {1, 1}))
        .hasMessageContaining("distinct").hasMessageContaining("[0, 0]");
    assertThatThrownBy(() -> new CodingTask(0, 0, new int[] {0}, new double[] {1, 2}))
        .hasMessageContaining("1 shards and 2 coefficients");
    assertThatThrownBy(() -> new CodingTask(0, 0, new int[] {0}, new double[] {Double.NaN}))
        .hasMessageContaining("coefficient 0 must be finite");
  }
}
