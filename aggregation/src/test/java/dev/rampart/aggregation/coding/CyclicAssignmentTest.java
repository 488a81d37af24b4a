package dev.rampart.aggregation.coding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CyclicAssignmentTest {

  private static final double FLOAT_TOLERANCE = 1e-6;

  @Test
  void create_badValues_messageNamesTheValue() {
    assertThatThrownBy(() -> CyclicAssignment.create(0, 4, 1)).hasMessageContaining("shardCount")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> CyclicAssignment.create(4, 0, 1)).hasMessageContaining("workerCount");
    assertThatThrownBy(() -> CyclicAssignment.create(5, 5, 7))
        .hasMessageContaining("redundancy must be in [1, shardCount=5], but was 7");
    assertThatThrownBy(() -> CyclicAssignment.create(5, 5, 0)).hasMessageContaining("but was 0");
    CyclicAssignment a = CyclicAssignment.create(5, 5, 2);
    assertThatThrownBy(() -> a.shardsOf(5, 0)).hasMessageContaining("workerCount=5), but was 5");
    assertThatThrownBy(() -> a.shardsOf(0, -1)).hasMessageContaining("round must be ≥ 0, but was -1");
  }

  @Test
  void shardsOf_fixed_isTheCyclicWindow() {
    CyclicAssignment a = CyclicAssignment.create(7, 7, 3);
    assertThat(a.shardsOf(0, 0)).containsExactly(0, 1, 2);
    assertThat(a.shardsOf(5, 9)).containsExactly(5, 6, 0);
    assertThat(a.shardsOf(6, 3)).containsExactly(6, 0, 1);
    assertThat(a.task(6, 3).coefficients()).containsExactly(1.0 / 3, 1.0 / 3, 1.0 / 3);
    assertThat(a.seed()).isEmpty();
  }

  @Test
  void coverage_nEqualsK_everyShardCoveredExactlyDTimesInEveryRound() {
    SplittableRandom r = new SplittableRandom(11);
    for (int trial = 0; trial < 150; trial++) {
      int n = r.nextInt(1, 41);
      int d = r.nextInt(1, n + 1);
      WindowOrder order = WindowOrder.values()[trial % 3];
      CyclicAssignment a = CyclicAssignment.create(n, n, d).withOrder(order, r.nextLong());
      int[] expected = new int[n];
      Arrays.fill(expected, d);
      assertThat(a.coverage()).as("trial %d n=%d d=%d", trial, n, d).containsExactly(expected);
      assertThat(a.isUniform()).isTrue();
      for (long round = 0; round < 3; round++) {
        int[] counted = new int[n];
        for (CodingTask t : a.tasks(round)) {
          for (int s : t.shards()) {
            counted[s]++;
          }
        }
        assertThat(counted).as("trial %d round %d", trial, round).containsExactly(expected);
      }
    }
  }

  @Test
  void coverage_nNotMultipleOfK_isNotUniform() {
    CyclicAssignment a = CyclicAssignment.create(5, 3, 2);
    assertThat(a.coverage()).containsExactly(1, 2, 2, 1, 0);
    assertThat(a.isUniform()).isFalse();
    assertThat(CyclicAssignment.create(4, 8, 3).isUniform()).isTrue();
  }

  @Test
  void windowOf_permuted_isAPermutationReplayableFromTheSeed() {
    CyclicAssignment a = CyclicAssignment.create(30, 30, 4).withOrder(WindowOrder.PERMUTED, 99);
    CyclicAssignment same = CyclicAssignment.create(30, 30, 4).withOrder(WindowOrder.PERMUTED, 99);
    boolean anyDifferent = false;
    for (long round = 0; round < 5; round++) {
      int[] windows = new int[30];
      for (int i = 0; i < 30; i++) {
        windows[i] = a.windowOf(i, round);
        assertThat(same.shardsOf(i, round)).isEqualTo(a.shardsOf(i, round));
        assertThat(a.tasks(round).get(i)).isEqualTo(a.task(i, round));
        anyDifferent |= a.windowOf(i, round) != a.windowOf(i, round + 1);
      }
      assertThat(Arrays.stream(windows).sorted().toArray()).containsExactly(java.util.stream.IntStream.range(0, 30)
          .toArray());
    }
    assertThat(anyDifferent).isTrue();
    assertThat(a.seed()).hasValue(99);
  }

  @Test
  void encode_noByzantine_meanOfCodedVectorsIsTheFullGradient() {
    SplittableRandom r = new SplittableRandom(5);
    for (int trial = 0; trial < 100; trial++) {
      int n = r.nextInt(1, 31);
      int d = r.nextInt(1, n + 1);
      int dim = r.nextInt(1, 12);
      List<float[]> g = Gradients.random(r, n, dim);
      WindowOrder order = WindowOrder.values()[trial % 3];
      CyclicAssignment a = CyclicAssignment.create(n, n, d).withOrder(order, r.nextLong());
      long round = r.nextInt(100);
      double[] mean = new double[dim];
      for (CodingTask t : a.tasks(round)) {
        float[] c = LadEncoder.encode(t, g::get);
        for (int j = 0; j < dim; j++) {
          mean[j] += c[j] / (double) n;
        }
      }
      float[] meanAsFloat = new float[dim];
      for (int j = 0; j < dim; j++) {
        meanAsFloat[j] = (float) mean[j];
      }
      assertThat(Gradients.relativeError(meanAsFloat, Gradients.mean(g)))
          .as("trial %d n=%d d=%d", trial, n, d).isLessThanOrEqualTo(FLOAT_TOLERANCE);
    }
  }

  @Test
  void encode_fullRedundancy_everyCodedVectorIsTheFullGradient() {
    SplittableRandom r = new SplittableRandom(6);
    for (int trial = 0; trial < 60; trial++) {
      int n = r.nextInt(1, 41);
      List<float[]> g = Gradients.random(r, n, r.nextInt(1, 20));
      double[] full = Gradients.mean(g);
      CyclicAssignment a = CyclicAssignment.create(n, n, n).withOrder(WindowOrder.PERMUTED, trial);
      for (CodingTask t : a.tasks(trial)) {
        assertThat(Gradients.relativeError(LadEncoder.encode(t, g::get), full))
            .as("trial %d worker %d", trial, t.worker()).isLessThanOrEqualTo(FLOAT_TOLERANCE);
      }
    }
  }
}
