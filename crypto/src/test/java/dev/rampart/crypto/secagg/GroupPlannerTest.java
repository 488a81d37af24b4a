package dev.rampart.crypto.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GroupPlannerTest {
  private static final GroupPlanner PLANNER = GroupPlanner.withMinimumGroupSize(4);

  private static List<String> ids(int n) {
    return IntStream.range(0, n).mapToObj(i -> "w" + i).toList();
  }

  @Test
  void partition_sameSeed_samePlan_andSeedIsRecorded() {
    GroupPlan a = PLANNER.partition(ids(13), 77, Optional.empty());
    List<String> shuffled = new java.util.ArrayList<>(ids(13));
    java.util.Collections.reverse(shuffled);
    GroupPlan b = PLANNER.partition(shuffled, 77, Optional.empty());
    assertThat(a).isEqualTo(b);
    assertThat(a.seed()).isEqualTo(77);
    assertThat(a.mode()).isEqualTo(GroupPlan.Mode.RANDOM);
    assertThat(PLANNER.partition(ids(13), 78, Optional.empty())).isNotEqualTo(a);
  }

  @Test
  void partition_thirteenByFour_threeGroupsOfFourOrFiveCoveringEveryone() {
    GroupPlan plan = PLANNER.partition(ids(13), 1, Optional.empty());
    assertThat(plan.groupCount()).isEqualTo(3);
    assertThat(plan.groups()).extracting(List::size).containsExactly(5, 4, 4);
    Set<String> all = new HashSet<>();
    plan.groups().forEach(all::addAll);
    assertThat(all).containsExactlyInAnyOrderElementsOf(ids(13));
    assertThat(plan.groupOf("w3")).isPresent();
    assertThat(plan.groupOf("nobody")).isEmpty();
  }

  @Test
  void partition_manySeeds_everyParticipantLandsInEveryGroupPosition() {
    // A crude uniformity check: over 400 seeds, w0 is in group 0 about a third of the time.
    int inFirst = 0;
    for (long seed = 0; seed < 400; seed++) {
      inFirst += PLANNER.partition(ids(12), seed, Optional.empty()).groupOf("w0").getAsInt() == 0
          ? 1 : 0;
    }
    assertThat(inFirst).isBetween(100, 167);
  }

  @Test
  void differByOneMember_additionRemovalAndSwap_true_otherwiseFalse() {
    List<String> g = List.of("a", "b", "c", "d");
    assertThat(GroupPlanner.differByOneMember(g, List.of("a", "b", "c", "d", "e"))).isTrue();
    assertThat(GroupPlanner.differByOneMember(g, List.of("a", "b", "c"))).isTrue();
    assertThat(GroupPlanner.differByOneMember(g, List.of("a", "b", "c", "e"))).isTrue();
    assertThat(GroupPlanner.differByOneMember(g, g)).isFalse();
    assertThat(GroupPlanner.differByOneMember(g, List.of("a", "b", "e", "f"))).isFalse();
  }

  @Test
  void stride_twelveWorkersStrideThree_groupsAreResiduesModThree() {
    GroupPlan plan = PLANNER.stride(ids(12), 3, Optional.empty());
    assertThat(plan.mode()).isEqualTo(GroupPlan.Mode.STRIDE);
    assertThat(plan.groups().get(0)).containsExactlyInAnyOrder("w0", "w3", "w6", "w9");
    assertThat(plan.groups().get(2)).containsExactlyInAnyOrder("w2", "w5", "w8", "w11");
    assertThat(PLANNER.stride(ids(12), 3, Optional.of(plan))).isEqualTo(plan);
  }

  @Test
  void stride_notMultipleOrTooSmall_refusedNamingValues() {
    assertThatThrownBy(() -> PLANNER.stride(ids(13), 3, Optional.empty()))
        .hasMessageContaining("workers (13) to be a multiple of stride (3)");
    assertThatThrownBy(() -> PLANNER.stride(ids(12), 4, Optional.empty()))
        .hasMessageContaining("groups of 3, below minGroupSize=4");
  }

  @Test
  void stride_previousGroupOneMemberAway_refused() {
    GroupPlan previous = new GroupPlan(GroupPlan.Mode.RANDOM, 0, 0,
        List.of(List.of("w0", "w3", "w6", "w10"), List.of("w1", "w2", "w4", "w5")));
    assertThatThrownBy(() -> PLANNER.stride(ids(12), 3, Optional.of(previous)))
        .hasMessageContaining("previous group 0 ~ current group 0");
  }

  @Test
  void withMinimumGroupSize_belowTwo_refused() {
    assertThatThrownBy(() -> GroupPlanner.withMinimumGroupSize(1))
        .hasMessageContaining("minGroupSize must be >= 2, but was 1");
  }
}
