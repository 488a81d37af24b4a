package dev.rampart.coordinator.internal;

import dev.rampart.aggregation.coding.CyclicAssignment;
import dev.rampart.aggregation.coding.WindowOrder;
import dev.rampart.coordinator.CodedMode;
import dev.rampart.coordinator.SecureAggregation;
import dev.rampart.crypto.secagg.GroupPlan;
import dev.rampart.crypto.secagg.GroupPlanner;
import dev.rampart.protocol.ClientId;
import dev.rampart.protocol.wire.Group;
import dev.rampart.protocol.wire.RoundPlan;
import dev.rampart.protocol.wire.Task;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Secure-aggregation groups aligned with LAD's cyclic code (DESIGN.md section 3): with n
 * participants, K shards and redundancy d, participant i computes window p_i (its task starts at
 * shard p_i mod K), and stride group j (0 ≤ j &lt; d) is {w : p_w ≡ j mod d}, i.e. {@link
 * GroupPlanner#stride} with stride d over the participants sorted by window. The windows of a
 * group are the blocks [j + t·d, j + (t+1)·d) for t &lt; n/d, which tile [j, j + n); read mod K
 * that covers every shard exactly n/K times when K divides n. So the mean of an honest group's
 * uniform coded vectors, (d/n)·Σ_w (1/d)·Σ_{k∈S_w} g_k = (1/K)·Σ_k g_k, is the full gradient, the
 * same for every honest group, and the coordinator learns nothing beyond it.
 *
 * <p>Requirements ({@link #requireCompatible}): d divides n, K divides n, the configured group
 * size is n/d, the d groups leave f &lt; d/2, and the window order is not {@link
 * WindowOrder#PERMUTED} (a fresh permutation each round would re-form groups and could produce
 * two consecutive-round groups differing by one member, which reveals an update difference).
 * {@link WindowOrder#ROTATED} only relabels the same groups.
 *
 * <p>A group that loses a member no longer covers every shard, so its sum is not a multiple of the
 * full gradient; {@link #incompleteReason} says so and the group is dropped whole.
 *
 * <p>Cost O(n·d) per round. Immutable and thread-safe.
 */
public final class StrideGrouping {
  /** The value of {@code grouping} in the audit trail for stride groups. */
  public static final String MODE = "stride";

  private final CodedMode mode;

  private StrideGrouping(CodedMode mode) {
    this.mode = mode;
  }

  /** Stride groups for the coded mode {@code mode}; its redundancy d is the stride. */
  public static StrideGrouping of(CodedMode mode) {
    return new StrideGrouping(Objects.requireNonNull(mode, "mode"));
  }

  /** d, the stride and the number of groups. */
  public int stride() {
    return mode.redundancy();
  }

  /**
   * Refuses coded mode with secure aggregation when stride groups cannot tile the shards or
   * cannot outvote {@code maxByzantine} spoiled groups.
   *
   * @param participants n, the active clients
   * @throws IllegalArgumentException naming the values
   */
  public static void requireCompatible(CodedMode mode, SecureAggregation secure, int participants, int maxByzantine) {
    int n = participants;
    int d = mode.redundancy();
    int k = mode.shardCount();
    String prefix = "coded mode with secure aggregation plans redundancy=" + d + " stride groups";
    require(n % d == 0, prefix + ", so participants must be a multiple of redundancy, but participants=" + n
        + " and redundancy=" + d);
    require(n % k == 0, prefix + ", each covering every shard equally only when participants are a multiple of"
        + " shardCount, but participants=" + n + " and shardCount=" + k);
    require(n / d == secure.groupSize(), prefix + " of participants/redundancy = " + n + "/" + d + " = " + (n / d)
        + " members; set groupSize=" + (n / d) + ", but groupSize=" + secure.groupSize());
    require(maxByzantine <= SecureAggregation.toleratedGroups(d), prefix + "; the robust step over " + d
        + " group means needs maxByzantine < groups/2, i.e. maxByzantine <= " + SecureAggregation.toleratedGroups(d)
        + ", but maxByzantine=" + maxByzantine + " (use redundancy >= " + (2 * maxByzantine + 1) + ")");
    require(mode.order() != WindowOrder.PERMUTED, prefix + ", which a PERMUTED window order would re-form every"
        + " round (consecutive groups could differ by one member); use window order FIXED or ROTATED");
  }

  /**
   * This round's stride groups: group j holds the participants whose window is ≡ j mod d.
   *
   * @param participants in task order of the coded planner (client-id order)
   * @param previous the previous round's plan, for the disaggregation rule
   * @throws IllegalStateException if a group would not cover every shard equally
   */
  public GroupPlan plan(long round, Collection<ClientId> participants, Optional<GroupPlan> previous) {
    List<ClientId> ids = List.copyOf(participants);
    CyclicAssignment assignment = CyclicAssignment.create(mode.shardCount(), ids.size(), mode.redundancy())
        .withOrder(mode.order(), mode.shiftSeed());
    List<Integer> byWindow = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      byWindow.add(i);
    }
    byWindow.sort(Comparator.comparingInt(i -> assignment.windowOf(i, round)));
    List<String> workers = byWindow.stream().map(i -> ids.get(i).value()).toList();
    int minSize = Math.max(2, ids.size() / mode.redundancy());
    return GroupPlanner.withMinimumGroupSize(minSize).stride(workers, mode.redundancy(), previous);
  }

  /**
   * Checks the tasks of a plan against its groups before the plan leaves: every group must cover
   * every shard the same number of times.
   *
   * @throws IllegalStateException naming the round, group and shard otherwise
   */
  public static void requireTiling(RoundPlan plan, int shardCount) {
    Map<String, Task> tasks = new LinkedHashMap<>();
    plan.getTasksList().forEach(t -> tasks.put(t.getClientId(), t));
    for (Group g : plan.getGroupsList()) {
      int[] coverage = coverage(g.getMembersList(), tasks, shardCount);
      for (int k = 0; k < shardCount; k++) {
        if (coverage[k] != coverage[0] || coverage[0] == 0) {
          throw new IllegalStateException("round " + plan.getRound() + ": stride group " + g.getGroupId() + " covers shard "
              + k + " " + coverage[k] + " times but shard 0 " + coverage[0] + " times");
        }
      }
    }
  }

  /** How many of the members' tasks name each shard. */
  static int[] coverage(List<String> members, Map<String, Task> tasks, int shardCount) {
    int[] c = new int[shardCount];
    for (String m : members) {
      Task t = tasks.get(m);
      if (t != null) {
        t.getShardIdsList().forEach(k -> c[k]++);
      }
    }
    return c;
  }

  /**
   * Why a stride group whose unmasking succeeded must still be dropped: some members did not
   * survive, so the survivors' sum misses shards. Empty when every member survived.
   */
  public static Optional<String> incompleteReason(List<String> members, List<String> survivors) {
    Set<String> missing = new TreeSet<>(members);
    missing.removeAll(survivors);
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("stride group incomplete: coverage broken (" + survivors.size() + " of " + members.size()
        + " members survived, missing " + missing + ", so the shards of their windows are not in the sum)");
  }

  /** What the audit trail records about this grouping: the mode and the stride. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("grouping", MODE);
    m.put("stride", mode.redundancy());
    return m;
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
