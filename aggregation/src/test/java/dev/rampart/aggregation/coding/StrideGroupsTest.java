package dev.rampart.aggregation.coding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StrideGroupsTest {

  @Test
  void members_fixedOrder_areJPlusMultiplesOfD() {
    StrideGroups g = StrideGroups.create(CyclicAssignment.create(12, 12, 3));
    assertThat(g.members(1, 0)).containsExactly(1, 4, 7, 10);
    assertThat(g.groupCount()).isEqualTo(3);
    assertThat(g.groupSize()).isEqualTo(4);
    assertThat(g.toleratedByzantine()).isEqualTo(1);
  }

  @Test
  void members_everyGroupCoversEveryShardExactlyOnce_andItsMeanIsTheFullGradient() {
    SplittableRandom r = new SplittableRandom(8);
    for (int trial = 0; trial < 60; trial++) {
      int d = r.nextInt(1, 7);
      int n = d * r.nextInt(1, 7);
      CyclicAssignment a = CyclicAssignment.create(n, n, d)
          .withOrder(WindowOrder.values()[trial % 3], r.nextLong());
      StrideGroups groups = StrideGroups.create(a);
      List<float[]> g = Gradients.random(r, n, 4);
      double[] full = Gradients.mean(g);
      long round = r.nextInt(50);
      int[] groupOf = groups.groupOfEachWorker(round);
      for (int j = 0; j < d; j++) {
        int[] covered = new int[n];
        float[] mean = new float[4];
        int[] members = groups.members(j, round);
        for (int w : members) {
          assertThat(groupOf[w]).isEqualTo(j);
          for (int s : a.shardsOf(w, round)) {
            covered[s]++;
          }
          float[] c = LadEncoder.encode(a.task(w, round), g::get);
          for (int k = 0; k < 4; k++) {
            mean[k] += c[k] / members.length;
          }
        }
        int[] once = new int[n];
        Arrays.fill(once, 1);
        assertThat(covered).as("trial %d group %d", trial, j).containsExactly(once);
        assertThat(Gradients.relativeError(mean, full)).isLessThanOrEqualTo(1e-5);
      }
    }
  }

  @Test
  void create_dDoesNotDivideN_isRejected() {
    assertThatThrownBy(() -> StrideGroups.create(CyclicAssignment.create(10, 10, 3)))
        .hasMessageContaining("redundancy=3 and workerCount=10");
    assertThatThrownBy(() -> StrideGroups.create(CyclicAssignment.create(10, 5, 1)))
        .hasMessageContaining("workerCount=5 and shardCount=10");
  }
}
