package dev.rampart.aggregation.internal;

import java.util.concurrent.RecursiveTask;
import java.util.function.BinaryOperator;

/**
 * Splits a range of indices (usually coordinates) into blocks and processes them on the common
 * {@link java.util.concurrent.ForkJoinPool}, the calling thread included.
 *
 * <p>Small ranges run inline on the calling thread. Thread-safe: holds no state.
 */
public final class Parallel {

  /** Work (in input elements) below which a call stays on the calling thread. */
  public static final long SEQUENTIAL_THRESHOLD = 1L << 20;

  private Parallel() {}

  /** Computes one partial result over {@code [from, to)}. */
  @FunctionalInterface
  public interface RangeTask<A> {
    /**
     * Processes the half-open range.
     *
     * @param from first index, inclusive
     * @param to last index, exclusive
     * @return the partial result for the range
     */
    A compute(int from, int to);
  }

  /** Processes {@code [from, to)} without a result. */
  @FunctionalInterface
  public interface RangeAction {
    /**
     * Processes the half-open range.
     *
     * @param from first index, inclusive
     * @param to last index, exclusive
     */
    void run(int from, int to);
  }

  /**
   * Maps blocks of {@code [0, count)} and merges the partial results.
   *
   * @param count number of indices, at least 1
   * @param costPerIndex approximate work per index (for example the input count), at least 1
   * @param task computes a partial result for one block
   * @param merge combines two partial results; may mutate and return its first argument
   * @return the merged result
   */
  public static <A> A reduce(int count, long costPerIndex, RangeTask<A> task, BinaryOperator<A> merge) {
    int grain = grain(count, costPerIndex);
    if (grain >= count) {
      return task.compute(0, count);
    }
    return new Split<>(0, count, grain, task, merge).invoke();
  }

  /**
   * Runs blocks of {@code [0, count)}; blocks must write disjoint memory.
   *
   * @param count number of indices, at least 1
   * @param costPerIndex approximate work per index, at least 1
   * @param action processes one block
   */
  public static void forEach(int count, long costPerIndex, RangeAction action) {
    reduce(count, costPerIndex, (from, to) -> {
      action.run(from, to);
      return Boolean.TRUE;
    }, (a, b) -> a);
  }

  private static int grain(int count, long costPerIndex) {
    long total = (long) count * Math.max(1L, costPerIndex);
    int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
    if (total < SEQUENTIAL_THRESHOLD || workers == 1) {
      return count;
    }
    // A few blocks per worker balance uneven progress without much merge overhead.
    long blocks = Math.min(workers * 4L, Math.max(1L, total / SEQUENTIAL_THRESHOLD));
    return (int) Math.max(1L, (count + blocks - 1) / blocks);
  }

  private static final class Split<A> extends RecursiveTask<A> {
    private static final long serialVersionUID = 1L;
    private final int from;
    private final int to;
    private final int grain;
    private final transient RangeTask<A> task;
    private final transient BinaryOperator<A> merge;

    Split(int from, int to, int grain, RangeTask<A> task, BinaryOperator<A> merge) {
      this.from = from;
      this.to = to;
      this.grain = grain;
      this.task = task;
      this.merge = merge;
    }

    @Override
    protected A compute() {
      if (to - from <= grain) {
        return task.compute(from, to);
      }
      int mid = (from + to) >>> 1;
      Split<A> right = new Split<>(mid, to, grain, task, merge);
      right.fork();
      A left = new Split<>(from, mid, grain, task, merge).compute();
      return merge.apply(left, right.join());
    }
  }
}
