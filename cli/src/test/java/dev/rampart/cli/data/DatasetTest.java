package dev.rampart.cli.data;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatasetTest {
  @Test
  void digits_loadsAllSamplesScaledToUnitRange() {
    Dataset d = Datasets.digits();
    assertThat(d.size()).isEqualTo(1797);
    assertThat(d.featureCount()).isEqualTo(64);
    assertThat(Arrays.stream(d.labels()).distinct().count()).isEqualTo(10);
    for (float[] row : d.features()) {
      for (float v : row) {
        assertThat(v).isBetween(0f, 1f);
      }
    }
  }

  @Test
  void iidSplit_coversEverySampleExactlyOnceWithNearEqualSizes() {
    Dataset d = Datasets.digits();
    Dataset[] parts = d.iidSplit(7, 3);
    assertThat(Arrays.stream(parts).mapToInt(Dataset::size).sum()).isEqualTo(d.size());
    assertThat(Arrays.stream(parts).mapToInt(Dataset::size).max().getAsInt()
        - Arrays.stream(parts).mapToInt(Dataset::size).min().getAsInt()).isLessThanOrEqualTo(1);
    Set<String> rows = new HashSet<>();
    for (Dataset p : parts) {
      float[][] x = p.features();
      int[] y = p.labels();
      for (int i = 0; i < x.length; i++) {
        rows.add(Arrays.toString(x[i]) + y[i]);
      }
    }
    Set<String> all = new HashSet<>();
    float[][] x = d.features();
    int[] y = d.labels();
    for (int i = 0; i < x.length; i++) {
      all.add(Arrays.toString(x[i]) + y[i]);
    }
    assertThat(rows).isEqualTo(all);
  }

  @Test
  void trainTestSplit_sameSeedSameSplit_badFractionRejected() {
    Dataset d = Datasets.digits();
    assertThat(d.trainTestSplit(0.2, 5)[1].labels()).isEqualTo(d.trainTestSplit(0.2, 5)[1].labels());
    assertThat(d.trainTestSplit(0.2, 5)[1].size()).isEqualTo(359);
    assertThatThrownBy(() -> d.trainTestSplit(1.5, 1)).hasMessageContaining("testFraction=1.5");
  }
}
