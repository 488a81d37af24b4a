package dev.rampart.aggregation.coding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DracoDecoderTest {

  @Test
  void groups_sizesDifferByAtMostOne_andPartitionTheShards() {
    RepetitionGroups g = RepetitionGroups.create(100, 100, 21);
    assertThat(g.groupCount()).isEqualTo(4);
    assertThat(g.toleratedByzantine()).isEqualTo(10);
    int shards = 0;
    for (int j = 0; j < 4; j++) {
      assertThat(g.members(j)).hasSize(25);
      shards += g.shards(j).length;
      for (int w : g.members(j)) {
        assertThat(g.groupOf(w)).isEqualTo(j);
      }
    }
    assertThat(shards).isEqualTo(100);
    RepetitionGroups uneven = RepetitionGroups.create(11, 7, 3);
    assertThat(uneven.members(0)).containsExactly(0, 1, 2, 3);
    assertThat(uneven.members(1)).containsExactly(4, 5, 6);
    assertThat(uneven.shards(0)).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(uneven.task(5, 0).coefficients()).containsOnly(0.2);
  }

  @Test
  void create_badValues_messageNamesTheValue() {
    assertThatThrownBy(() -> RepetitionGroups.create(10, 10, 11))
        .hasMessageContaining("groupSize must be in [1, workerCount=10], but was 11");
    assertThatThrownBy(() -> RepetitionGroups.create(2, 10, 1))
        .hasMessageContaining("groupSize=1 gives 10 groups, more than shardCount=2");
  }

  @Test
  void decode_groupSize2fPlus1_isExactWhateverByzantineWorkersSend() {
    SplittableRandom r = new SplittableRandom(21);
    for (int trial = 0; trial < 120; trial++) {
      int f = r.nextInt(0, 5);
      int groupSize = 2 * f + 1;
      int n = groupSize * r.nextInt(1, 5) + r.nextInt(0, groupSize);
      int shards = r.nextInt(n / groupSize, 3 * n);
      int dim = r.nextInt(1, 10);
      RepetitionGroups groups = RepetitionGroups.create(shards, n, groupSize);
      List<float[]> g = Gradients.random(r, shards, dim);
      List<float[]> received = new ArrayList<>();
      for (int w = 0; w < n; w++) {
        received.add(LadEncoder.encode(groups.task(w, 0), g::get));
      }
      float[] honest = exactDecoding(groups, received);
      int[] byzantine = byzantineWorkers(r, groups, f, trial % 2 == 0);
      float[] colluding = garbage(r, dim, trial % 4);
      for (int b : byzantine) {
        received.set(b, trial % 3 == 0 ? colluding.clone() : garbage(r, dim, trial % 4));
      }
      MajorityVote vote = MajorityVote.values()[trial % 2];
      DracoDecoding decoded = DracoDecoder.create(groups, vote).decode(received);
      assertThat(decoded.gradient()).as("trial %d f=%d n=%d vote=%s", trial, f, n, vote).containsExactly(honest);
      assertThat(Gradients.relativeError(decoded.gradient(), Gradients.mean(g))).isLessThanOrEqualTo(1e-5);
      for (int w : decoded.outvoted()) {
        assertThat(byzantine).contains(w);
      }
    }
  }

  @Test
  void decode_colludingMajorityInOneGroup_isRejected() {
    RepetitionGroups groups = RepetitionGroups.create(4, 4, 2);
    List<float[]> received = new ArrayList<>(List.of(new float[] {1}, new float[] {2}, new float[] {3},
        new float[] {3}));
    assertThatThrownBy(() -> DracoDecoder.create(groups, MajorityVote.VECTOR).decode(received))
        .isInstanceOf(DecodingException.class).hasMessageContaining("group 0 (workers 0..1)")
        .hasMessageContaining("1 of 2");
  }

  @Test
  void decode_absentMembersCountAgainstTheMajority() {
    RepetitionGroups groups = RepetitionGroups.create(1, 3, 3);
    List<float[]> received = Arrays.asList(new float[] {1}, null, new float[] {1});
    assertThat(DracoDecoder.create(groups, MajorityVote.COORDINATE).decode(received).outvoted()).containsExactly(1);
    List<float[]> tooFew = Arrays.asList(new float[] {1}, null, null);
    assertThatThrownBy(() -> DracoDecoder.create(groups, MajorityVote.VECTOR).decode(tooFew))
        .isInstanceOf(DecodingException.class);
  }

  // Group values taken straight from honest members, combined with weights |P_j|/K.
  private static float[] exactDecoding(RepetitionGroups groups, List<float[]> honest) {
    double[] sum = new double[honest.get(0).length];
    for (int j = 0; j < groups.groupCount(); j++) {
      float[] v = honest.get(groups.members(j)[0]);
      double w = (double) groups.shards(j).length / groups.shardCount();
      for (int c = 0; c < sum.length; c++) {
        sum[c] += w * v[c];
      }
    }
    float[] out = new float[sum.length];
    for (int c = 0; c < out.length; c++) {
      out[c] = (float) sum[c];
    }
    return out;
  }

  // f workers, either all in group 0 (the worst case) or spread at random.
  private static int[] byzantineWorkers(SplittableRandom r, RepetitionGroups groups, int f, boolean concentrated) {
    if (concentrated) {
      return Arrays.copyOf(groups.members(0), f);
    }
    int[] all = r.ints(0, groups.workerCount()).distinct().limit(f).toArray();
    return all;
  }

  private static float[] garbage(SplittableRandom r, int dim, int kind) {
    float[] x = new float[dim];
    for (int j = 0; j < dim; j++) {
      x[j] = switch (kind) {
        case 0 -> (float) (r.nextGaussian() * 1e6);
        case 1 -> Float.NaN;
        case 2 -> -Float.MAX_VALUE;
        default -> (float) r.nextGaussian();
      };
    }
    return x;
  }
}
