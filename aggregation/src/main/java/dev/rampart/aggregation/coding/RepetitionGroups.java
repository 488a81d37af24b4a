package dev.rampart.aggregation.coding;

/**
 * DRACO's repetition-code assignment (Chen, Wang, Charles and Papailiopoulos, "DRACO:
 * Byzantine-resilient Distributed Training via Redundant Gradients", ICML 2018, Section 4, the
 * repetition code): workers are split into groups, every member of a group computes the same
 * task, and the coordinator majority-votes inside each group (see {@link DracoDecoder}).
 *
 * <p>Definitions: n workers, K shards, minimum group size r ≥ 1 with r ≤ n. There are g = ⌊n/r⌋
 * groups; group j holds the contiguous workers of block j, and block sizes differ by at most one
 * (the n mod r extra workers join the first groups), so every group has at least r members. The
 * shards are split into g contiguous partitions P_j whose sizes also differ by at most one
 * (requires g ≤ K); every member of group j computes the mean gradient over P_j, i.e. its task has
 * coefficients 1/|P_j|. Each worker's load is |P_j| ≈ K·r/n shards, r times that of uncoded
 * training. A group with at most ⌊(r−1)/2⌋ Byzantine members still has a strict honest majority,
 * so r ≥ 2f + 1 makes decoding exact whatever the f Byzantine workers send and wherever they are.
 *
 * <p>Immutable and thread-safe.
 */
public final class RepetitionGroups {

  private final int workerCount;
  private final int shardCount;
  private final int groupSize;
  private final int groupCount;

  private RepetitionGroups(int workerCount, int shardCount, int groupSize) {
    this.workerCount = workerCount;
    this.shardCount = shardCount;
    this.groupSize = groupSize;
    this.groupCount = workerCount / groupSize;
  }

  /**
   * Creates the groups.
   *
   * @param shardCount K ≥ 1
   * @param workerCount n ≥ 1
   * @param groupSize r in [1, n], with ⌊n/r⌋ ≤ K; use r = 2f + 1 for exact recovery under f
   *     Byzantine workers
   * @return the groups
   */
  public static RepetitionGroups create(int shardCount, int workerCount, int groupSize) {
    if (shardCount < 1) {
      throw new IllegalArgumentException("shardCount must be ≥ 1, but was " + shardCount);
    }
    if (workerCount < 1) {
      throw new IllegalArgumentException("workerCount must be ≥ 1, but was " + workerCount);
    }
    if (groupSize < 1 || groupSize > workerCount) {
      throw new IllegalArgumentException("groupSize must be in [1, workerCount=" + workerCount + "], but was "
          + groupSize);
    }
    if (workerCount / groupSize > shardCount) {
      throw new IllegalArgumentException("groupSize=" + groupSize + " gives " + workerCount / groupSize
          + " groups, more than shardCount=" + shardCount);
    }
    return new RepetitionGroups(workerCount, shardCount, groupSize);
  }

  /** n, the number of workers. */
  public int workerCount() {
    return workerCount;
  }

  /** K, the number of shards. */
  public int shardCount() {
    return shardCount;
  }

  /** g = ⌊n/r⌋, the number of groups. */
  public int groupCount() {
    return groupCount;
  }

  /** r, the minimum group size requested. */
  public int groupSize() {
    return groupSize;
  }

  /** ⌊(r − 1)/2⌋: Byzantine workers that can never outvote a group, wherever they sit. */
  public int toleratedByzantine() {
    return (groupSize - 1) / 2;
  }

  /** The group of {@code worker}, in [0, g). */
  public int groupOf(int worker) {
    if (worker < 0 || worker >= workerCount) {
      throw new IllegalArgumentException("worker must be in [0, workerCount=" + workerCount + "), but was " + worker);
    }
    int group = 0;
    while (start(group + 1, workerCount) <= worker) {
      group++;
    }
    return group;
  }

  /** The workers of {@code group}, in increasing order (a new array). */
  public int[] members(int group) {
    return range(start(requireGroup(group), workerCount), start(group + 1, workerCount));
  }

  /** The shards P_j of {@code group}, in increasing order (a new array). */
  public int[] shards(int group) {
    return range(start(requireGroup(group), shardCount), start(group + 1, shardCount));
  }

  /**
   * The task of {@code worker}: its group's partition with uniform coefficients 1/|P_j|.
   *
   * @return the task
   */
  public CodingTask task(int worker, long round) {
    int[] shards = shards(groupOf(worker));
    double[] coefficients = new double[shards.length];
    java.util.Arrays.fill(coefficients, 1.0 / shards.length);
    return new CodingTask(worker, round, shards, coefficients);
  }

  // First index of block j when `total` items are split into g blocks differing by at most one.
  private int start(int block, int total) {
    int base = total / groupCount;
    int extra = total % groupCount;
    return block * base + Math.min(block, extra);
  }

  private int requireGroup(int group) {
    if (group < 0 || group >= groupCount) {
      throw new IllegalArgumentException("group must be in [0, groupCount=" + groupCount + "), but was " + group);
    }
    return group;
  }

  private static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }

  @Override
  public String toString() {
    return "RepetitionGroups[workerCount=" + workerCount + ", shardCount=" + shardCount + ", groupSize="
        + groupSize + ", groupCount=" + groupCount + "]";
  }
}
