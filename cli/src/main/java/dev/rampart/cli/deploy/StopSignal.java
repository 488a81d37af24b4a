package dev.rampart.cli.deploy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns SIGTERM/SIGINT into an orderly stop: the JVM shutdown hook runs the registered stop
 * action (the coordinator finishes its open round, a client leaves at its next poll) and then
 * waits, up to a bound, until the main work has returned. Thread-safe.
 */
public final class StopSignal {
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicReference<Runnable> action = new AtomicReference<>(() -> { });
  private final CountDownLatch done = new CountDownLatch(1);

  private StopSignal() {}

  /** A signal that no one raises (tests, embedding). */
  public static StopSignal none() {
    return new StopSignal();
  }

  /** A signal raised by the JVM's shutdown; waits up to {@code grace} for the work to end. */
  public static StopSignal onShutdown(Duration grace) {
    StopSignal signal = new StopSignal();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (signal.done.getCount() == 0) {
        return;
      }
      signal.stopped.set(true);
      signal.action.get().run();
      try {
        signal.done.await(grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "rampart-stop"));
    return signal;
  }

  /** Sets what a stop does. */
  public void onStop(Runnable stopAction) {
    action.set(stopAction);
  }

  /** Whether a stop was requested. */
  public boolean stopped() {
    return stopped.get();
  }

  /** Marks the main work as returned, releasing a waiting shutdown hook. */
  public void finished() {
    done.countDown();
  }
}
