package dev.rampart.coordinator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.aggregation.coding.WindowOrder;
import dev.rampart.coordinator.CodedMode;
import dev.rampart.coordinator.SecureAggregation;
import dev.rampart.crypto.secagg.GroupPlan;
import dev.rampart.crypto.secagg.GroupPlanner;
import dev.rampart.protocol.ClientId;
import dev.rampart.protocol.DataShard;
import dev.rampart.protocol.wire.Group;
import dev.rampart.protocol.wire.RoundPlan;
import dev.rampart.protocol.wire.Task;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrideGroupingTest {
  private static List<DataShard> shards(int k) {
    return CodedPlannerTest.shards(k);
  }

  private static Set<ClientId> clients(int n) {
    return CodedPlannerTest.clients(n);
  }

  /** The coded planner's tasks for the round, with {@code groups} attached as the plan's groups. */
  private static RoundPlan plan(CodedMode mode, long round, Set<ClientId> participants, List<List<String>> groups) {
    RoundPlan.Builder b = new CodedPlanner(mode, new ShardAllocation(mode)).addTasks(RoundPlan.newBuilder().setRound(round),
        round, participants);
    for (int g = 0; g < groups.size(); g++) {
      b.addGroups(Group.newBuilder().setGroupId(g).addAllMembers(groups.get(g)));
    }
    return b.build();
  }

  @ParameterizedTest(name = "n={0} K={1} d={2} {3}")
  @CsvSource({"9, 9, 3, FIXED", "9, 9, 3, ROTATED", "12, 12, 3, FIXED", "12, 12, 4, ROTATED", "8, 8, 2, FIXED",
      "10, 10, 5, FIXED", "18, 9, 3, FIXED", "12, 6, 2, ROTATED"})
  void plan_codedParticipants_eachGroupCoversEveryShardEquallyOften(int n, int k, int d, WindowOrder order) {
    CodedMode mode = CodedMode.lad(shards(k), d).withOrder(order, 42);
    StrideGrouping stride = StrideGrouping.of(mode);
    Set<ClientId> participants = clients(n);
    Optional<GroupPlan> previous = Optional.empty();
    for (long round = 1; round <= 4; round++) {
      GroupPlan groups = stride.plan(round, participants, previous);
      RoundPlan plan = plan(mode, round, participants, groups.groups());
      Map<String, Task> tasks = new HashMap<>();
      plan.getTasksList().forEach(t -> tasks.put(t.getClientId(), t));

      assertThat(groups.mode()).isEqualTo(GroupPlan.Mode.STRIDE);
      assertThat(groups.groupCount()).isEqualTo(d);
      assertThat(groups.groups()).allSatisfy(g -> assertThat(g).hasSize(n / d));
      Set<String> everyone = new HashSet<>();
      groups.groups().forEach(everyone::addAll);
      assertThat(everyone).hasSize(n);
      for (List<String> g : groups.groups()) {
        int[] coverage = new int[k];
        for (String member : g) {
          tasks.get(member).getShardIdsList().forEach(s -> coverage[s]++);
        }
        assertThat(coverage).as("round %d group %s", round, g).containsOnly(n / k);
      }
      StrideGrouping.requireTiling(plan, k);
      previous = Optional.of(groups);
    }
  }

  @Test
  void plan_nineClientsFixedOrder_groupsAreEveryThirdClient() {
    GroupPlan groups = StrideGrouping.of(CodedMode.lad(shards(9), 3)).plan(1, clients(9), Optional.empty());
    assertThat(groups.groups()).containsExactly(
        List.of("client-00", "client-03", "client-06"),
        List.of("client-01", "client-04", "client-07"),
        List.of("client-02", "client-05", "client-08"));
  }

  @Test
  void plan_rotatedOrderOverRounds_keepsTheSameMemberSets() {
    StrideGrouping stride = StrideGrouping.of(CodedMode.lad(shards(12), 3).withOrder(WindowOrder.ROTATED, 5));
    Set<Set<String>> first = memberSets(stride.plan(1, clients(12), Optional.empty()));
    for (long round = 2; round <= 6; round++) {
      assertThat(memberSets(stride.plan(round, clients(12), Optional.empty()))).isEqualTo(first);
    }
  }

  private static Set<Set<String>> memberSets(GroupPlan plan) {
    Set<Set<String>> out = new HashSet<>();
    plan.groups().forEach(g -> out.add(new HashSet<>(g)));
    return out;
  }

  @Test
  void requireTiling_randomPartitionOfCodedTasks_refusedNamingTheGroupAndShard() {
    CodedMode mode = CodedMode.lad(shards(9), 3);
    Set<ClientId> participants = clients(9);
    List<String> ids = participants.stream().map(ClientId::value).toList();
    List<List<String>> consecutive = List.of(ids.subList(0, 3), ids.subList(3, 6), ids.subList(6, 9));
    RoundPlan plan = plan(mode, 1, participants, consecutive);
    assertThatThrownBy(() -> StrideGrouping.requireTiling(plan, 9)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stride group 0").hasMessageContaining("covers shard");
  }

  @Test
  void incompleteReason_memberMissing_namesCoverageAndTheMember() {
    List<String> members = List.of("a", "b", "c");
    assertThat(StrideGrouping.incompleteReason(members, List.of("a", "c"))).hasValueSatisfying(r -> assertThat(r)
        .startsWith("stride group incomplete: coverage broken").contains("2 of 3").contains("[b]"));
    assertThat(StrideGrouping.incompleteReason(members, members)).isEmpty();
  }

  @Test
  void requireCompatible_participantsNotAMultipleOfShardCount_refusedNamingBoth() {
    SecureAggregation secure = SecureAggregation.builder().groupSize(3).build();
    assertThatThrownBy(() -> StrideGrouping.requireCompatible(CodedMode.lad(shards(4), 2), secure, 6, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("participants=6").hasMessageContaining("shardCount=4");
  }

  @Test
  void describe_strideGroups_namesModeAndStride() {
    assertThat(StrideGrouping.of(CodedMode.lad(shards(9), 3)).describe())
        .containsEntry("grouping", "stride").containsEntry("stride", 3);
  }

  @Test
  void stride_planTwiceTheSame_satisfiesTheDisaggregationRule() {
    StrideGrouping stride = StrideGrouping.of(CodedMode.lad(shards(9), 3));
    GroupPlan first = stride.plan(1, clients(9), Optional.empty());
    assertThat(GroupPlanner.violations(first, stride.plan(2, clients(9), Optional.of(first)))).isEmpty();
  }
}
