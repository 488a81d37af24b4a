package dev.rampart.aggregation.coding;

import java.util.ArrayList;
import java.util.List;

/**
 * Stride groups for secure aggregation over LAD's cyclic code (DESIGN.md §3): with n = K workers
 * and redundancy d dividing n, group j (0 ≤ j &lt; d) is the set of workers whose window starts at
 * j, j + d, j + 2d, …; for {@link WindowOrder#FIXED} that is G_j = {j, j+d, j+2d, …}.
 *
 * <p>The windows of one group are disjoint blocks of d consecutive shards that tile [0, K), so
 * each group covers every shard exactly once: the sum of its n/d members' uniform coded vectors
 * is (1/d)·Σ_k g_k = (n/d)·∇F with ∇F = (1/K)·Σ_k g_k, so the group mean is exactly the full
 * gradient. Under secure aggregation the coordinator learns only the d group sums, all equal when
 * every member is honest, so the robust step becomes an exact majority among d values and needs
 * d ≥ 2f + 1 ({@link #toleratedByzantine()} = ⌊(d−1)/2⌋). With {@link WindowOrder#ROTATED} or
 * {@link WindowOrder#PERMUTED} the membership changes every round: compute it with {@link
 * #members(int, long)}. Immutable and thread-safe.
 */
public final class StrideGroups {

  private final CyclicAssignment assignment;

  private StrideGroups(CyclicAssignment assignment) {
    this.assignment = assignment;
  }

  /**
   * Stride groups over a cyclic assignment.
   *
   * @param assignment with workerCount = shardCount = n and redundancy d dividing n
   * @return the groups
   * @throws IllegalArgumentException naming the values when n ≠ K or d does not divide n
   */
  public static StrideGroups create(CyclicAssignment assignment) {
    if (assignment == null) {
      throw new IllegalArgumentException("assignment must not be null");
    }
    int n = assignment.workerCount();
    int d = assignment.redundancy();
    if (assignment.shardCount() != n) {
      throw new IllegalArgumentException("stride groups need workerCount = shardCount, but workerCount=" + n
          + " and shardCount=" + assignment.shardCount());
    }
    if (n % d != 0) {
      throw new IllegalArgumentException("stride groups need redundancy to divide workerCount, but redundancy="
          + d + " and workerCount=" + n);
    }
    return new StrideGroups(assignment);
  }

  /** d, the number of groups. */
  public int groupCount() {
    return assignment.redundancy();
  }

  /** n/d, the number of members of every group. */
  public int groupSize() {
    return assignment.workerCount() / assignment.redundancy();
  }

  /** ⌊(d − 1)/2⌋: Byzantine workers an exact vote among the d group sums tolerates. */
  public int toleratedByzantine() {
    return (assignment.redundancy() - 1) / 2;
  }

  /**
   * The members of {@code group} in {@code round}: workers whose window start p has p mod d =
   * group, in increasing worker order.
   *
   * @param group in [0, d)
   * @param round ≥ 0
   * @return a new array of n/d worker indices
   */
  public int[] members(int group, long round) {
    int d = assignment.redundancy();
    if (group < 0 || group >= d) {
      throw new IllegalArgumentException("group must be in [0, groupCount=" + d + "), but was " + group);
    }
    List<Integer> out = new ArrayList<>();
    List<CodingTask> tasks = assignment.tasks(round);
    for (CodingTask t : tasks) {
      if (t.shard(0) % d == group) {
        out.add(t.worker());
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The group of every worker in {@code round}.
   *
   * @return a new array of n group indices
   */
  public int[] groupOfEachWorker(long round) {
    int d = assignment.redundancy();
    List<CodingTask> tasks = assignment.tasks(round);
    int[] g = new int[tasks.size()];
    for (CodingTask t : tasks) {
      g[t.worker()] = t.shard(0) % d;
    }
    return g;
  }

  @Override
  public String toString() {
    return "StrideGroups[" + assignment + "]";
  }
}
