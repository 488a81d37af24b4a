package dev.rampart.crypto.secagg.internal;

import dev.rampart.protocol.RampartException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs one slice task per coordinate range of a vector, on up to {@code threads} threads, so that
 * mask expansion (one ChaCha20 stream per key over the whole vector) scales with cores.
 *
 * <p>Slice boundaries are multiples of 16 coordinates (one ChaCha20 block), so no block is computed
 * twice. The calling thread runs the first slice; the others run on a short-lived pool of daemon
 * threads that is shut down before returning. Stateless and thread-safe.
 */
public final class ParallelMasks {
  private static final int ALIGN = 16;
  private static final int MIN_SLICE = 4096;

  private ParallelMasks() {}

  /** A coordinate range {@code [from, from + length)}. */
  public record Slice(int from, int length) {}

  /**
   * Calls {@code task} once per slice; the slices tile {@code [0, length)}.
   *
   * @param length vector length, at least 0
   * @param threads at most this many threads, at least 1
   * @throws RampartException if a slice task fails (its cause attached)
   */
  public static void forEachSlice(int length, int threads, Consumer<Slice> task) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, but was " + threads);
    }
    List<Slice> slices = slices(length, threads);
    if (slices.size() == 1) {
      task.accept(slices.get(0));
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(slices.size() - 1, r -> {
      Thread t = new Thread(r, "secagg-mask");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Slice slice : slices.subList(1, slices.size())) {
        futures.add(pool.submit(() -> task.accept(slice)));
      }
      task.accept(slices.get(0));
      for (Future<?> f : futures) {
        await(f);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  static List<Slice> slices(int length, int threads) {
    int wanted = Math.min(threads, Math.max(1, length / MIN_SLICE));
    List<Slice> out = new ArrayList<>(wanted);
    int per = (length / wanted + ALIGN - 1) / ALIGN * ALIGN;
    for (int from = 0; from < length || out.isEmpty(); from += per) {
      out.add(new Slice(from, Math.min(per, length - from)));
      if (per == 0) {
        break;
      }
    }
    return out;
  }

  private static void await(Future<?> f) {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RampartException("interrupted while expanding masks", e);
    } catch (ExecutionException e) {
      throw new RampartException("mask expansion failed: " + e.getCause(), e.getCause());
    }
  }
}
