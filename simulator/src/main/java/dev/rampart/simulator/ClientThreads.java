package dev.rampart.simulator;

import dev.rampart.client.ClientRunSummary;
import dev.rampart.client.FederatedClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs the clients of an in-process job, each on a daemon thread of its own, and closes them all.
 * Not thread-safe: one job's driver starts, awaits and closes it; {@link #close()} is idempotent.
 */
public final class ClientThreads implements AutoCloseable {
  private final ExecutorService pool;
  private final Duration grace;
  private final List<FederatedClient> clients = new ArrayList<>();
  private final List<Future<ClientRunSummary>> results = new ArrayList<>();

  /**
   * Creates the threads.
   *
   * @param threadName the name of every client thread
   * @param count how many clients will be started
   * @param grace how long {@link #close()} waits for the threads after closing the clients (zero: not at all)
   */
  public ClientThreads(String threadName, int count, Duration grace) {
    this.grace = grace;
    this.pool = Executors.newFixedThreadPool(count, r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts {@code client}'s run on its own thread. */
  public void start(FederatedClient client) {
    clients.add(client);
    results.add(pool.submit(client::run));
  }

  /**
   * Waits up to {@code timeout} for each client in turn to finish its run.
   *
   * @return what each client that did not finish cleanly failed with (empty when all did)
   */
  public List<Exception> await(Duration timeout) {
    List<Exception> failures = new ArrayList<>();
    for (Future<ClientRunSummary> f : results) {
      try {
        f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        failures.add(e);
      }
    }
    return failures;
  }

  /** Closes every client, waits up to the grace period for their threads, then stops the rest. */
  @Override
  public void close() {
    clients.forEach(FederatedClient::close);
    pool.shutdown();
    try {
      if (!grace.isZero()) {
        pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pool.shutdownNow();
  }
}
