package dev.rampart.aggregation.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BinaryOperator;

/**
 * Splits a range of indices (usually coordinates) into blocks and processes them on the calling
 * thread and helpers on the common {@link ForkJoinPool}.
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
   * <p>The blocks are the leaves of halving the range until a part is at most the grain; the
   * calling thread and up to one helper per other processor claim them one at a time, so that a
   * thread that runs slower (a busy or stolen processor) simply claims fewer. Partial results are
   * merged in the fixed tree of the halving, whichever thread computed them, so the result does not
   * depend on scheduling. The first exception of a block is rethrown once every claimed block has
   * finished.
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
    Claims<A> claims = new Claims<>(leaves(count, grain), task);
    int helpers = Math.min(Runtime.getRuntime().availableProcessors() - 1, claims.size() - 1);
    for (int h = 0; h < helpers; h++) {
      ForkJoinPool.commonPool().execute(claims::work);
    }
    claims.work();
    claims.awaitAll();
    return claims.merged(0, claims.size(), merge);
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

  // The bounds of the halving's leaves: leaf i is [bounds[i], bounds[i + 1]).
  private static int[] leaves(int count, int grain) {
    List<Integer> bounds = new ArrayList<>();
    halve(0, count, grain, bounds);
    bounds.add(count);
    return bounds.stream().mapToInt(Integer::intValue).toArray();
  }

  private static void halve(int from, int to, int grain, List<Integer> bounds) {
    if (to - from <= grain) {
      bounds.add(from);
      return;
    }
    int mid = (from + to) >>> 1;
    halve(from, mid, grain, bounds);
    halve(mid, to, grain, bounds);
  }

  /** The leaves, the next unclaimed one, their results and the first failure. */
  private static final class Claims<A> {
    private final int[] bounds;
    private final RangeTask<A> task;
    private final Object[] results;
    private final AtomicInteger next = new AtomicInteger();
    private final CountDownLatch finished;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Claims(int[] bounds, RangeTask<A> task) {
      this.bounds = bounds;
      this.task = task;
      this.results = new Object[bounds.length - 1];
      this.finished = new CountDownLatch(results.length);
    }

    int size() {
      return results.length;
    }

    void work() {
      for (int i = next.getAndIncrement(); i < results.length; i = next.getAndIncrement()) {
        try {
          if (failure.get() == null) {
            results[i] = task.compute(bounds[i], bounds[i + 1]);
          }
        } catch (RuntimeException | Error e) {
          failure.compareAndSet(null, e);
        } finally {
          finished.countDown();
        }
      }
    }

    // Every leaf is claimed by now (the caller claimed until none was left), so this waits only for
    // blocks that other threads are running; an interrupt is kept for the caller.
    void awaitAll() {
      boolean interrupted = false;
      while (true) {
        try {
          finished.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      Throwable t = failure.get();
      if (t instanceof RuntimeException r) {
        throw r;
      }
      if (t != null) {
        throw (Error) t;
      }
    }

    // The merge tree of the halving: the leaves of [from, to) split where the range's middle index
    // falls, as the recursive split did.
    @SuppressWarnings("unchecked")
    A merged(int from, int to, BinaryOperator<A> merge) {
      if (to - from == 1) {
        return (A) results[from];
      }
      int mid = (bounds[from] + bounds[to]) >>> 1;
      int split = from + 1;
      while (bounds[split] < mid) {
        split++;
      }
      return merge.apply(merged(from, split, merge), merged(split, to, merge));
    }
  }
}
