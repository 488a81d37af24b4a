package dev.rampart.simulator.grid;

import dev.rampart.testkit.EmbeddedKafkaBroker;
import dev.rampart.testkit.KafkaBroker;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs every cell of a {@link Scenario} on ONE broker (embedded unless a bootstrap is given),
 * {@code parallel} at a time, draws a progress bar on {@code progress}, and writes the results
 * table, the worst-case table and the heatmaps with {@link GridReport}. Run folders go to
 * {@code <output>/runs/<index>} (a failed run is retried once in {@code <index>-retry}); each
 * holds the run's audit trail; the first attempt's error goes to {@code progress}. A cell whose
 * settings are refused is reported as refused and not retried.
 *
 * <p>Not thread-safe; one grid per instance.
 */
public final class GridRunner {
  private final Scenario scenario;
  private final Path output;
  private final PrintStream progress;

  /**
   * @param scenario the expanded grid
   * @param output results folder (created)
   * @param progress where the progress bar goes, usually standard error
   */
  public GridRunner(Scenario scenario, Path output, PrintStream progress) {
    this.scenario = scenario;
    this.output = output;
    this.progress = progress;
  }

  /** Runs the grid against {@code bootstrap}, or an embedded broker when it is null, and returns the results in cell order. */
  public List<CellResult> run(String bootstrap) {
    createDirectories(output.resolve("runs"));
    if (bootstrap != null) {
      return runAll(bootstrap);
    }
    try (KafkaBroker broker = EmbeddedKafkaBroker.start()) {
      return runAll(broker.bootstrapServers());
    }
  }

  private List<CellResult> runAll(String bootstrap) {
    CellRunner runner = new CellRunner(bootstrap, scenario.dataDirectory(), Duration.ofSeconds(scenario.roundTimeoutSeconds()));
    List<GridCell> cells = scenario.cells();
    ExecutorService pool = Executors.newFixedThreadPool(scenario.parallel());
    AtomicInteger done = new AtomicInteger();
    long started = System.nanoTime();
    List<Future<CellResult>> futures = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      GridCell cell = cells.get(i);
      Path runDir = output.resolve("runs").resolve(String.format("%04d", i));
      futures.add(pool.submit(() -> {
        CellResult r = runner.run(cell, runDir);
        if (r.isFailed()) {
          // one retry for a transient broker hiccup; the retry's folder name says so in the results
          note(r);
          r = runner.run(cell, runDir.resolveSibling(runDir.getFileName() + "-retry"));
        }
        draw(done.incrementAndGet(), cells.size(), started, r);
        return r;
      }));
    }
    List<CellResult> results = new ArrayList<>();
    try {
      for (Future<CellResult> f : futures) {
        results.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("grid interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a grid run crashed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    progress.println();
    GridReport.write(scenario, results, output);
    return results;
  }

  private synchronized void draw(int done, int total, long started, CellResult last) {
    int width = 30;
    int filled = (int) ((long) width * done / total);
    double elapsed = (System.nanoTime() - started) / 1e9;
    double eta = done == 0 ? 0 : elapsed / done * (total - done);
    progress.printf("\r[%s%s] %d/%d  %.0fs elapsed, ~%.0fs left  last: %s acc=%.3f%s   ", "#".repeat(filled),
        ".".repeat(width - filled), done, total, elapsed, eta, last.runId(), last.finalAccuracy(),
        last.isRefused() ? " REFUSED" : last.isFailed() ? " FAILED" : "");
    progress.flush();
  }

  private synchronized void note(CellResult failed) {
    progress.printf("%nrun %s failed, retrying once: %s%n", failed.runId(), failed.error());
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }
}
