package dev.rampart.aggregation.coding;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * Cyclic gradient-coding task assignment (LAD, Li, Allouah, Guerraoui, Skoglund and Xiao,
 * "Byzantine-Robust and Communication-Efficient Distributed Training: Compressive and Cyclic
 * Gradient Coding", arXiv:2603.28780; the cyclic support is that of Tandon et al., "Gradient
 * Coding", ICML 2017).
 *
 * <p>Definitions: K shards (data subsets) 0..K−1, n workers 0..n−1, redundancy d with 1 ≤ d ≤ K.
 * Window p (0 ≤ p &lt; n) is the shard set W_p = {(p + k) mod K : k = 0..d−1}. With {@link
 * WindowOrder#FIXED} worker i computes S_i = W_i, i.e. S_i = {(i + k) mod K : k &lt; d}; the other
 * orders give worker i the window σ_t(i) for a seeded per-round permutation σ_t of the workers.
 * Shard k is covered by coverage(k) = |{p &lt; n : k ∈ W_p}| windows in every round; when n = K
 * (the LAD setting) every shard is covered exactly d times, so the mean of the n uniform coded
 * vectors (1/d)·Σ_{k∈S_i} g_k is exactly the full gradient (1/K)·Σ_k g_k, and at d = K every
 * coded vector equals it.
 *
 * <p>Cost: {@link #shardsOf} is O(d) for FIXED and ROTATED and O(n) for PERMUTED (the permutation
 * is regenerated from (seed, round)); {@link #tasks} is O(n·d). Immutable and thread-safe.
 */
public final class CyclicAssignment {

  private final int shardCount;
  private final int workerCount;
  private final int redundancy;
  private final WindowOrder order;
  private final long seed;

  private CyclicAssignment(int shardCount, int workerCount, int redundancy, WindowOrder order, long seed) {
    this.shardCount = shardCount;
    this.workerCount = workerCount;
    this.redundancy = redundancy;
    this.order = order;
    this.seed = seed;
  }

  /**
   * A fixed cyclic assignment: worker i computes S_i = {(i + k) mod K : k &lt; d} in every round.
   *
   * @param shardCount K ≥ 1
   * @param workerCount n ≥ 1
   * @param redundancy d in [1, K]
   * @return the assignment
   * @throws IllegalArgumentException naming the bad value
   */
  public static CyclicAssignment create(int shardCount, int workerCount, int redundancy) {
    if (shardCount < 1) {
      throw new IllegalArgumentException("shardCount must be ≥ 1, but was " + shardCount);
    }
    if (workerCount < 1) {
      throw new IllegalArgumentException("workerCount must be ≥ 1, but was " + workerCount);
    }
    if (redundancy < 1 || redundancy > shardCount) {
      throw new IllegalArgumentException("redundancy must be in [1, shardCount=" + shardCount + "], but was "
          + redundancy);
    }
    return new CyclicAssignment(shardCount, workerCount, redundancy, WindowOrder.FIXED, 0L);
  }

  /**
   * The same windows, handed out per round in the given order drawn from {@code seed}.
   *
   * @param order how workers map to windows each round
   * @param seed recorded with the run; ignored for {@link WindowOrder#FIXED}
   * @return a new assignment
   */
  public CyclicAssignment withOrder(WindowOrder order, long seed) {
    if (order == null) {
      throw new IllegalArgumentException("order must not be null");
    }
    return new CyclicAssignment(shardCount, workerCount, redundancy, order, order == WindowOrder.FIXED ? 0L : seed);
  }

  /** K, the number of shards. */
  public int shardCount() {
    return shardCount;
  }

  /** n, the number of workers. */
  public int workerCount() {
    return workerCount;
  }

  /** d, the number of shards each worker computes per round. */
  public int redundancy() {
    return redundancy;
  }

  /** How workers map to windows per round. */
  public WindowOrder order() {
    return order;
  }

  /** The per-round seed, empty for {@link WindowOrder#FIXED}. */
  public OptionalLong seed() {
    return order == WindowOrder.FIXED ? OptionalLong.empty() : OptionalLong.of(seed);
  }

  /**
   * The window p that {@code worker} computes in {@code round}.
   *
   * @param worker in [0, n)
   * @param round ≥ 0
   * @return p in [0, n)
   */
  public int windowOf(int worker, long round) {
    requireWorker(worker);
    requireRound(round);
    return switch (order) {
      case FIXED -> worker;
      case ROTATED -> (int) ((worker + (long) new SplittableRandom(roundSeed(round)).nextInt(workerCount))
          % workerCount);
      case PERMUTED -> permutation(round)[worker];
    };
  }

  /**
   * The shards {@code worker} computes in {@code round}: W_p = {(p + k) mod K : k &lt; d} with p =
   * {@link #windowOf}, in increasing k.
   *
   * @return a new array of d distinct shard indices
   */
  public int[] shardsOf(int worker, long round) {
    return window(windowOf(worker, round));
  }

  /**
   * The LAD task of {@code worker} in {@code round}: its shards with uniform coefficients 1/d.
   *
   * @return the task
   */
  public CodingTask task(int worker, long round) {
    return uniformTask(worker, round, shardsOf(worker, round));
  }

  /**
   * Every worker's task in {@code round}, in worker order; one permutation draw for the round.
   *
   * @return an unmodifiable list of n tasks
   */
  public List<CodingTask> tasks(long round) {
    requireRound(round);
    int[] windows = switch (order) {
      case FIXED, ROTATED -> null;
      case PERMUTED -> permutation(round);
    };
    List<CodingTask> out = new ArrayList<>(workerCount);
    for (int i = 0; i < workerCount; i++) {
      int p = windows == null ? windowOf(i, round) : windows[i];
      out.add(uniformTask(i, round, window(p)));
    }
    return List.copyOf(out);
  }

  /**
   * How many windows contain each shard; the same in every round.
   *
   * @return a new array of K counts that sums to n·d
   */
  public int[] coverage() {
    int[] c = new int[shardCount];
    for (int p = 0; p < workerCount; p++) {
      for (int k = 0; k < redundancy; k++) {
        c[(int) ((p + (long) k) % shardCount)]++;
      }
    }
    return c;
  }

  /** Whether every shard is covered equally often (always when n is a multiple of K). */
  public boolean isUniform() {
    int[] c = coverage();
    for (int v : c) {
      if (v != c[0]) {
        return false;
      }
    }
    return true;
  }

  private int[] window(int p) {
    int[] s = new int[redundancy];
    for (int k = 0; k < redundancy; k++) {
      s[k] = (int) ((p + (long) k) % shardCount);
    }
    return s;
  }

  private CodingTask uniformTask(int worker, long round, int[] shards) {
    double[] b = new double[shards.length];
    java.util.Arrays.fill(b, 1.0 / shards.length);
    return new CodingTask(worker, round, shards, b);
  }

  // Fisher-Yates from a generator keyed by (seed, round), so every caller derives the same σ_t.
  private int[] permutation(long round) {
    SplittableRandom r = new SplittableRandom(roundSeed(round));
    int[] p = new int[workerCount];
    for (int i = 0; i < workerCount; i++) {
      p[i] = i;
    }
    for (int i = workerCount - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  private long roundSeed(long round) {
    return new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L * (round + 1)).nextLong();
  }

  private void requireWorker(int worker) {
    if (worker < 0 || worker >= workerCount) {
      throw new IllegalArgumentException("worker must be in [0, workerCount=" + workerCount + "), but was " + worker);
    }
  }

  private static void requireRound(long round) {
    if (round < 0) {
      throw new IllegalArgumentException("round must be ≥ 0, but was " + round);
    }
  }

  @Override
  public String toString() {
    return "CyclicAssignment[shardCount=" + shardCount + ", workerCount=" + workerCount + ", redundancy="
        + redundancy + ", order=" + order + (order == WindowOrder.FIXED ? "" : ", seed=" + seed) + "]";
  }
}
