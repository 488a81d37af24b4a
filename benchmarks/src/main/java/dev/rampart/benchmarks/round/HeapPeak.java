package dev.rampart.benchmarks.round;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak heap use of this JVM, two ways: the sum of the heap pools' own peak usage
 * ({@link MemoryPoolMXBean#getPeakUsage()}, an upper bound, since the pools need not peak at the
 * same moment) and the largest total heap use seen by sampling every 10 ms (a lower bound: a peak
 * between two samples is missed). Both count garbage not yet collected. Thread-safe;
 * {@link #close()} stops the sampler.
 */
final class HeapPeak implements AutoCloseable {
  private static final long SAMPLE_MS = 10;

  private final AtomicLong sampledMax = new AtomicLong();
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "heap-sampler");
    t.setDaemon(true);
    return t;
  });

  HeapPeak() {
    sampler.scheduleAtFixedRate(this::sample, 0, SAMPLE_MS, TimeUnit.MILLISECONDS);
  }

  private void sample() {
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    sampledMax.accumulateAndGet(used, Math::max);
  }

  /** The largest sampled total heap use, bytes. */
  long sampledMaxBytes() {
    sample();
    return sampledMax.get();
  }

  /** The sum of the heap pools' peak usage since the JVM started, bytes. */
  static long poolPeakSumBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
