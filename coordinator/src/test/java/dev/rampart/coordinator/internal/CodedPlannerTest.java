package dev.rampart.coordinator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rampart.aggregation.coding.WindowOrder;
import dev.rampart.coordinator.CodedMode;
import dev.rampart.protocol.ClientId;
import dev.rampart.protocol.DataShard;
import dev.rampart.protocol.wire.CodeKind;
import dev.rampart.protocol.wire.RoundPlan;
import dev.rampart.protocol.wire.Task;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CodedPlannerTest {
  /** k one-sample shards, the i-th holding sample (i, 1) with label i mod 2. */
  static List<DataShard> shards(int k) {
    List<DataShard> out = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      out.add(new DataShard(i, k, new float[][] {{i, 1f}}, new int[] {i % 2}, 2));
    }
    return out;
  }

  /** client-00 .. client-(n-1). */
  static Set<ClientId> clients(int n) {
    Set<ClientId> ids = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      ids.add(ClientId.of(String.format("client-%02d", i)));
    }
    return ids;
  }

  private static RoundPlan plan(CodedMode mode, long round, int n) {
    return new CodedPlanner(mode, new ShardAllocation(mode)).addTasks(RoundPlan.newBuilder(), round, clients(n)).build();
  }

  @ParameterizedTest
  @EnumSource(WindowOrder.class)
  void addTasks_nEqualsK_everyShardCoveredExactlyDTimesInEveryRound(WindowOrder order) {
    CodedMode mode = CodedMode.lad(shards(7), 3).withOrder(order, 11);
    for (long round = 1; round <= 20; round++) {
      RoundPlan p = plan(mode, round, 7);
      assertThat(CodedPlanner.coverage(p.getTasksList(), 7)).containsOnly(3);
      assertThat(p.getTasksList()).extracting(Task::getClientId).doesNotHaveDuplicates().hasSize(7);
      assertThat(p.getTasksList()).allSatisfy(t -> {
        assertThat(t.getCode()).isEqualTo(CodeKind.CODE_KIND_LAD);
        assertThat(t.getShardIdsList()).hasSize(3).doesNotHaveDuplicates();
        assertThat(t.getCoefficientsList()).allSatisfy(b -> assertThat(b).isCloseTo(1f / 3, within(1e-7f)));
      });
    }
  }

  @Test
  void addTasks_fixedOrder_clientIGetsWindowI() {
    RoundPlan p = plan(CodedMode.lad(shards(5), 2), 3, 5);
    assertThat(p.getTasks(0).getShardIdsList()).containsExactly(0, 1);
    assertThat(p.getTasks(4).getShardIdsList()).containsExactly(4, 0);
    assertThat(p.getTasks(4).getClientId()).isEqualTo("client-04");
  }

  @Test
  void addTasks_rotatedOrder_windowsMoveBetweenRounds() {
    CodedMode mode = CodedMode.lad(shards(8), 2).withOrder(WindowOrder.ROTATED, 5);
    Set<List<Integer>> firstClientWindows = new HashSet<>();
    for (long round = 1; round <= 10; round++) {
      firstClientWindows.add(plan(mode, round, 8).getTasks(0).getShardIdsList());
    }
    assertThat(firstClientWindows).hasSizeGreaterThan(1);
  }

  @Test
  void addTasks_digestsOfEveryNamedShard_matchPublishedBytes() {
    CodedMode mode = CodedMode.lad(shards(4), 2);
    ShardAllocation allocation = new ShardAllocation(mode);
    RoundPlan p = plan(mode, 1, 4);
    assertThat(p.getShardDigestsList()).hasSize(4).allSatisfy(d -> assertThat(d.getSha256().toByteArray())
        .isEqualTo(DataShard.sha256(allocation.body(d.getShardId()))));
  }

  @Test
  void addTasks_participantsDoNotTile_failsNamingTheShard() {
    CodedMode mode = CodedMode.lad(shards(4), 3);
    CodedPlanner planner = new CodedPlanner(mode, new ShardAllocation(mode));
    Set<ClientId> three = new LinkedHashSet<>(clients(3));
    assertThatThrownBy(() -> planner.addTasks(RoundPlan.newBuilder(), 2, three))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("round 2: shard");
  }

  @Test
  void auditView_listsShardIdsPerClient() {
    RoundPlan p = plan(CodedMode.lad(shards(3), 1), 1, 3);
    assertThat(CodedPlanner.auditView(p)).containsEntry("client-00", List.of(0)).containsEntry("client-02", List.of(2));
  }
}
