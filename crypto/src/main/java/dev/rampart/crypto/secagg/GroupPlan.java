package dev.rampart.crypto.secagg;

import dev.rampart.crypto.internal.PartyIds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One round's partition of participants into secure-aggregation groups, with what is needed to
 * reproduce it: the mode, the seed and the attempt number the planner settled on (see
 * {@link GroupPlanner}). Group {@code i} of the list has group id {@code i}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param mode how the plan was made
 * @param seed the seed of a random partition (0 for stride groups)
 * @param attempt how many candidate partitions were discarded before this one
 * @param groups the groups, each sorted, pairwise disjoint, none empty
 */
public record GroupPlan(Mode mode, long seed, int attempt, List<List<String>> groups) {
  /** How a plan was made. */
  public enum Mode {
    /** A seeded random partition ({@link GroupPlanner#partition}). */
    RANDOM,
    /** Stride groups for coded mode ({@link GroupPlanner#stride}). */
    STRIDE
  }

  /** Validates and copies the groups. */
  public GroupPlan {
    Objects.requireNonNull(mode, "mode");
    if (attempt < 0) {
      throw new SecAggException("attempt must be >= 0, but was " + attempt);
    }
    Set<String> seen = new HashSet<>();
    List<List<String>> copy = new ArrayList<>();
    for (List<String> g : Objects.requireNonNull(groups, "groups")) {
      if (g.isEmpty()) {
        throw new SecAggException("group " + copy.size() + " is empty");
      }
      for (String id : g) {
        PartyIds.requireValid(id, "participant id");
        if (!seen.add(id)) {
          throw new SecAggException("participant '" + id + "' is in two groups");
        }
      }
      copy.add(List.copyOf(g.stream().sorted().toList()));
    }
    groups = List.copyOf(copy);
  }

  /** Number of groups. */
  public int groupCount() {
    return groups.size();
  }

  /** Number of participants over all groups. */
  public int participantCount() {
    return groups.stream().mapToInt(List::size).sum();
  }

  /** Size of the smallest group (0 if there are none). */
  public int minGroupSize() {
    return groups.stream().mapToInt(List::size).min().orElse(0);
  }

  /** Size of the largest group: size the {@link SecAggParameters} for it. */
  public int maxGroupSize() {
    return groups.stream().mapToInt(List::size).max().orElse(0);
  }

  /** The group id of {@code participant}, or empty if it is in no group. */
  public OptionalInt groupOf(String participant) {
    for (int i = 0; i < groups.size(); i++) {
      if (groups.get(i).contains(participant)) {
        return OptionalInt.of(i);
      }
    }
    return OptionalInt.empty();
  }
}
