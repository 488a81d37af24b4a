package dev.rampart.crypto.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rampart.crypto.ClientRegistry;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Twelve clients in three groups of four over an in-memory byte router: one client drops after P2,
 * another after P1 (in different groups); every group's sum is bit-exact and the coordinator never
 * holds an individual encoded input.
 */
class SecAggEndToEndTest {
  private static final SecAggParameters PARAMS = SecAggParameters.of(4, 3, 3, 1.0);
  private static final int DIM = 257;

  @Test
  void run_twelveClientsThreeGroupsWithDropouts_recoversExactGroupSums() {
    List<String> ids = IntStream.rangeClosed(1, 12).mapToObj(i -> "client-" + i).toList();
    GroupPlan plan = GroupPlanner.withMinimumGroupSize(4).partition(ids, 2024, Optional.empty());
    assertThat(plan.groupCount()).isEqualTo(3);
    assertThat(plan.maxGroupSize()).isEqualTo(4);
    ClientRegistry registry = TestGroup.registryOf(ids);
    String afterP2 = plan.groups().get(0).get(1);
    String afterP1 = plan.groups().get(1).get(2);

    List<TestGroup> groups = new ArrayList<>();
    List<GroupOutcome> outcomes = new ArrayList<>();
    for (int g = 0; g < plan.groupCount(); g++) {
      TestGroup group = TestGroup.create(GroupRef.of("job-e2e", 7, g), plan.groups().get(g),
          PARAMS, DIM, registry, Map.of());
      groups.add(group);
      outcomes.add(group.run(Set.of(afterP1), Set.of(afterP2)));
    }

    for (int g = 0; g < 3; g++) {
      GroupOutcome outcome = outcomes.get(g);
      TestGroup group = groups.get(g);
      List<String> expectedSurvivors = TestGroup.without(plan.groups().get(g), Set.of(afterP1));
      assertThat(outcome.isSuccess()).as("group %d: %s", g, outcome).isTrue();
      assertThat(outcome.survivors()).isEqualTo(expectedSurvivors);
      assertThat(outcome.sum()).isEqualTo(group.plainSum(expectedSurvivors));
      float[] mean = outcome.mean();
      for (int i = 0; i < DIM; i++) {
        double expected = 0;
        for (String id : expectedSurvivors) {
          expected += Math.max(-1.0, Math.min(1.0, group.floats.get(id)[i]));
        }
        expected /= expectedSurvivors.size();
        // Stochastic rounding error per member is below one level, 2C / (2^30 - 1).
        assertThat((double) mean[i]).isCloseTo(expected, within(1e-6));
      }
    }
    assertThat(outcomes.get(0).survivorCount()).isEqualTo(4);
    assertThat(outcomes.get(1).survivorCount()).isEqualTo(3);
  }

  @Test
  void run_coordinatorState_neverHoldsAnIndividualEncodedInput() throws Exception {
    TestGroup group = TestGroup.ofFour(GroupRef.of("job-e2e", 8, 0));
    List<int[]> individual = new ArrayList<>(group.inputs.values());

    group.driveTo(ServerPhase.COLLECTING_UNMASK, Set.of("c4"), Set.of());
    List<int[]> heldBefore = intArraysReachableFrom(group.server);
    GroupOutcome outcome = group.server.advance().outcome().orElseThrow();
    List<int[]> heldAfter = intArraysReachableFrom(group.server);

    assertThat(outcome.isSuccess()).isTrue();
    assertThat(heldBefore).as("masked inputs are held before unmasking")
        .hasSizeGreaterThanOrEqualTo(3);
    for (int[] held : concat(heldBefore, heldAfter)) {
      for (int[] q : individual) {
        assertThat(Arrays.equals(held, q)).as("server holds an individual q(x_u)").isFalse();
      }
    }
    // And the sum it does hold is the sum of three inputs, equal to none of them.
    assertThat(outcome.sum()).isEqualTo(group.plainSum(List.of("c1", "c2", "c3")));
  }

  private static List<int[]> concat(List<int[]> a, List<int[]> b) {
    List<int[]> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** Every int[] reachable from {@code root} through fields, collections, maps and Optionals. */
  static List<int[]> intArraysReachableFrom(Object root) throws IllegalAccessException {
    List<int[]> found = new ArrayList<>();
    Map<Object, Boolean> seen = new IdentityHashMap<>();
    List<Object> work = new ArrayList<>(List.of(root));
    while (!work.isEmpty()) {
      Object o = work.remove(work.size() - 1);
      if (o == null || seen.put(o, true) != null) {
        continue;
      }
      if (o instanceof int[] ints) {
        found.add(ints);
      } else if (o.getClass().isArray() && !o.getClass().getComponentType().isPrimitive()) {
        for (int i = 0; i < Array.getLength(o); i++) {
          work.add(Array.get(o, i));
        }
      } else if (o instanceof Collection<?> c) {
        work.addAll(c);
      } else if (o instanceof Map<?, ?> m) {
        work.addAll(m.keySet());
        work.addAll(m.values());
      } else if (o instanceof Optional<?> opt) {
        opt.ifPresent(work::add);
      } else if (o.getClass().getName().startsWith("dev.rampart.")) {
        for (Class<?> k = o.getClass(); k != null && k.getName().startsWith("dev.rampart.");
            k = k.getSuperclass()) {
          for (Field f : k.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
              f.setAccessible(true);
              work.add(f.get(o));
            }
          }
        }
      }
    }
    return found;
  }
}
