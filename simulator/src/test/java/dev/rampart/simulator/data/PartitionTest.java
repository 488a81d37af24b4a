package dev.rampart.simulator.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PartitionTest {
  /** 1000 samples, 100 of each of 10 labels, in label order. */
  private static final int[] LABELS = IntStream.range(0, 1000).map(i -> i / 100).toArray();

  private static void assertIsPartition(int[][] parts) {
    int[] all = Arrays.stream(parts).flatMapToInt(Arrays::stream).sorted().toArray();
    assertThat(all).containsExactly(IntStream.range(0, LABELS.length).toArray());
  }

  private static int distinctLabels(int[] part) {
    Set<Integer> s = new HashSet<>();
    for (int i : part) {
      s.add(LABELS[i]);
    }
    return s.size();
  }

  @Test
  void assign_iid_equalSizesAndEveryLabel() {
    int[][] parts = Partition.parse("iid").assign(LABELS, 10, 10, 1);
    assertIsPartition(parts);
    assertThat(Arrays.asList(parts)).allSatisfy(p -> assertThat(p).hasSize(100));
    assertThat(Arrays.asList(parts)).allSatisfy(p -> assertThat(distinctLabels(p)).isGreaterThanOrEqualTo(8));
  }

  @Test
  void assign_extremeTwoLabels_eachClientSeesAtMostTwo() {
    // sorted samples cut into 20 shards of 50, each shard has exactly one label
    int[][] parts = Partition.parse("extreme(labels=2)").assign(LABELS, 10, 10, 1);
    assertIsPartition(parts);
    assertThat(Arrays.asList(parts)).allSatisfy(p -> assertThat(distinctLabels(p)).isBetween(1, 2));
  }

  @Test
  void assign_gammaZero_isSortedByLabel() {
    // γ = 0: the whole set sorted and cut in 10 contiguous parts, one label each
    int[][] parts = Partition.parse("gamma(similarity=0)").assign(LABELS, 10, 10, 1);
    assertIsPartition(parts);
    assertThat(Arrays.asList(parts)).allSatisfy(p -> assertThat(distinctLabels(p)).isEqualTo(1));
  }

  @Test
  void assign_gammaOne_isIid() {
    int[][] parts = Partition.parse("gamma(similarity=1)").assign(LABELS, 10, 10, 1);
    assertThat(Arrays.asList(parts)).allSatisfy(p -> assertThat(distinctLabels(p)).isGreaterThanOrEqualTo(8));
  }

  @Test
  void assign_smallDirichletAlpha_isMoreSkewedThanLarge() {
    int[][] skewed = Partition.parse("dirichlet(alpha=0.05)").assign(LABELS, 10, 10, 3);
    int[][] flat = Partition.parse("dirichlet(alpha=100)").assign(LABELS, 10, 10, 3);
    assertIsPartition(skewed);
    assertIsPartition(flat);
    double skewedLabels = Arrays.stream(skewed).mapToInt(PartitionTest::distinctLabels).average().orElseThrow();
    double flatLabels = Arrays.stream(flat).mapToInt(PartitionTest::distinctLabels).average().orElseThrow();
    assertThat(skewedLabels).isLessThan(flatLabels);
    assertThat(Arrays.asList(skewed)).allSatisfy(p -> assertThat(p).isNotEmpty());
  }

  @Test
  void assign_sameSeed_sameParts() {
    Partition p = Partition.parse("dirichlet(alpha=0.5)");
    assertThat(p.assign(LABELS, 10, 7, 11)).isDeepEqualTo(p.assign(LABELS, 10, 7, 11));
  }

  @Test
  void parse_badValues_nameThem() {
    assertThatThrownBy(() -> Partition.parse("dirichlet(alpha=0)")).hasMessageContaining("alpha=0.0");
    assertThatThrownBy(() -> Partition.parse("gamma(similarity=2)")).hasMessageContaining("similarity=2.0");
    assertThatThrownBy(() -> Partition.parse("pathological")).hasMessageContaining("unknown split 'pathological'");
  }
}
