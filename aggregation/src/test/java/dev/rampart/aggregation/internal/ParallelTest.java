package dev.rampart.aggregation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The blocks of {@link Parallel#reduce}: merged in the halving's fixed tree whichever thread ran
 * them, finished by the caller when a helper stalls, and a block's exception reaches the caller.
 */
class ParallelTest {

  // Eight leaves of 2^20 indices each on a machine with more than one processor.
  private static final int COUNT = 8 << 20;

  private static String tree(int from, int to, int grain) {
    if (to - from <= grain) {
      return from + "-" + to;
    }
    int mid = (from + to) >>> 1;
    return "(" + tree(from, mid, grain) + "," + tree(mid, to, grain) + ")";
  }

  @Test
  void reduce_mergesInTheHalvingTree() {
    assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one processor: a single block");
    String merged = Parallel.reduce(COUNT, 1, (from, to) -> from + "-" + to, (a, b) -> "(" + a + "," + b + ")");

    assertThat(merged).isEqualTo(tree(0, COUNT, 1 << 20));
    assertThat(merged).as("more than one block").contains(",");
  }

  @Test
  @Timeout(120)
  void reduce_helperStalledInItsBlock_callerFinishesTheRest() throws Exception {
    assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one processor: no helper");
    Thread caller = Thread.currentThread();
    AtomicInteger byCaller = new AtomicInteger();
    CountDownLatch othersDone = new CountDownLatch(1);
    AtomicBoolean helperRan = new AtomicBoolean();
    AtomicBoolean helperGaveUp = new AtomicBoolean();
    long sum = Parallel.reduce(COUNT, 1, (from, to) -> {
      if (Thread.currentThread() != caller && helperRan.compareAndSet(false, true)) {
        // The helper's first block waits until the caller has run all the others.
        try {
          helperGaveUp.set(!othersDone.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      } else if (Thread.currentThread() == caller && byCaller.incrementAndGet() == 7) {
        othersDone.countDown();
      }
      long s = 0;
      for (int k = from; k < to; k++) {
        s += k;
      }
      return s;
    }, Long::sum);

    assertThat(sum).isEqualTo((long) COUNT * (COUNT - 1) / 2);
    assertThat(helperGaveUp).as("the caller ran the other seven blocks while the helper waited").isFalse();
  }

  @Test
  void reduce_blockThrows_callerGetsTheException() {
    assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one processor: a single block");
    assertThatThrownBy(() -> Parallel.reduce(COUNT, 1, (from, to) -> {
      if (from == 3 << 20) {
        throw new IllegalStateException("block at " + from);
      }
      return 0L;
    }, Long::sum)).isInstanceOf(IllegalStateException.class).hasMessage("block at 3145728");
  }
}
