package dev.rampart.experiments.lad;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Reproduces the LAD / Com-LAD experiment of Li, Allouah, Guerraoui, Skoglund and Xiao,
 * "Byzantine-Robust and Communication-Efficient Distributed Training: Compressive and Cyclic
 * Gradient Coding" (arXiv:2603.28780) in memory: the {@link RegressionProblem}, n workers of which
 * f are Byzantine ({@link Attack#SIGN_FLIP}, {@link Attack#ALIE}), full-batch gradient descent
 * with a fixed step ({@link CodedTraining}), comparing averaging, CWTM, CWTM+NNM, DRACO, LAD,
 * LAD+NNM and Com-LAD (rand-k at 10 %, unbiased, shared and per-client coordinates) for every d.
 *
 * <p>Run {@code main} with the options of {@link ExperimentConfig#parse}; it writes {@code
 * results.csv}, {@code trajectories.csv}, {@code results.md} and the PNG plots into the output
 * directory (see {@link ResultWriter}). Runs on up to two threads; the output is deterministic for a
 * given config. Stateless and thread-safe.
 */
public final class LadExperiment {

  /** Com-LAD's compressor: rand-k keeping 10 % of the coordinates, same coordinates for all workers. */
  public static final String SHARED_RANDK = "randk(ratio=0.1,seed=shared)";
  /** Com-LAD variant whose workers each draw their own 10 % of coordinates. */
  public static final String CLIENT_RANDK = "randk(ratio=0.1)";

  /** Seed of the problem of seed index s is PROBLEM_SEED + s. */
  public static final long PROBLEM_SEED = 1000L;
  /** Seed of the run (Byzantine placement, window order, compression) of seed index s is RUN_SEED + s. */
  public static final long RUN_SEED = 7000L;

  private LadExperiment() {}

  /**
   * Runs the grid and writes the results.
   *
   * @param args options of {@link ExperimentConfig#parse}
   * @throws IOException when the output cannot be written
   */
  public static void main(String[] args) throws IOException {
    ExperimentConfig config = ExperimentConfig.parse(args);
    long start = System.nanoTime();
    List<RunResult> results = run(config, System.out::println);
    ResultWriter.write(config, results);
    System.out.printf("wrote %d runs to %s in %.0f s%n", results.size(), config.out(),
        (System.nanoTime() - start) / 1e9);
  }

  /** The schemes of the grid: baselines once, then LAD, LAD+NNM and both Com-LAD per d. */
  static List<Scheme> schemes(ExperimentConfig config) {
    List<Scheme> schemes = new ArrayList<>(List.of(Scheme.average(), Scheme.cwtm(), Scheme.cwtmNnm(),
        Scheme.draco()));
    for (int d : config.redundancies()) {
      schemes.add(Scheme.lad(d));
      schemes.add(Scheme.ladNnm(d));
      schemes.add(Scheme.comLad("Com-LAD", d, SHARED_RANDK));
      schemes.add(Scheme.comLad("Com-LAD (per-client rand-k)", d, CLIENT_RANDK));
    }
    return schemes;
  }

  /**
   * Runs every scheme under every attack for every seed, on up to two threads (runs are
   * independent and each is deterministic, so the results do not depend on scheduling).
   *
   * @param config the grid
   * @param progress receives one line per finished run, from the worker threads
   * @return all results, in grid order
   */
  public static List<RunResult> run(ExperimentConfig config, Consumer<String> progress) {
    List<RegressionProblem> problems = new ArrayList<>();
    for (int s = 0; s < config.seeds(); s++) {
      problems.add(RegressionProblem.generate(config.dimension(), config.workers(), config.heterogeneity(),
          config.ridge(), PROBLEM_SEED + s));
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(2, Runtime.getRuntime().availableProcessors()));
    try {
      List<Future<RunResult>> futures = new ArrayList<>();
      for (Attack attack : List.of(Attack.SIGN_FLIP, Attack.ALIE)) {
        for (Scheme scheme : schemes(config)) {
          for (int s = 0; s < config.seeds(); s++) {
            RegressionProblem problem = problems.get(s);
            long seed = RUN_SEED + s;
            futures.add(pool.submit(() -> {
              RunResult r = CodedTraining.run(problem, scheme, attack, config.settings(), seed);
              progress.accept(String.format(Locale.ROOT, "%-28s d=%3d %-9s seed=%d final=%.3e", scheme.label(),
                  r.redundancy(), attack, seed, r.finalError()));
              return r;
            }));
          }
        }
      }
      List<RunResult> out = new ArrayList<>();
      for (Future<RunResult> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running the grid", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a run failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
