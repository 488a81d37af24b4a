package dev.rampart.experiments.lad;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Settings of the LAD experiment grid, parsed from {@code --key value} arguments. Defaults are the
 * committed run: D = 100, K = n = 100, f = 10, σ_H = 1, λ = 1, η = 0.02, T = 1000, 3 seeds.
 * Immutable and thread-safe.
 *
 * @param out output directory
 * @param dimension D
 * @param workers n, also K (one subset per worker at d = 1)
 * @param byzantine f
 * @param heterogeneity σ_H
 * @param ridge λ
 * @param stepSize η
 * @param iterations T
 * @param seeds number of seeds; seed s generates its own problem and Byzantine placement
 * @param redundancies the d values of the grid
 */
public record ExperimentConfig(Path out, int dimension, int workers, int byzantine, double heterogeneity,
    double ridge, double stepSize, int iterations, int seeds, int[] redundancies) {

  /** Default redundancies d. */
  public static final int[] DEFAULT_REDUNDANCIES = {1, 2, 5, 10, 20, 50, 100};

  /** Validates and copies. */
  public ExperimentConfig {
    redundancies = redundancies.clone();
    for (int d : redundancies) {
      if (d < 1 || d > workers) {
        throw new IllegalArgumentException("every redundancy must be in [1, workers=" + workers + "], but got " + d);
      }
    }
    if (seeds < 1) {
      throw new IllegalArgumentException("seeds must be ≥ 1, but was " + seeds);
    }
    new CodedTraining.Settings(workers, byzantine, iterations, stepSize);
  }

  /** A copy of the d values. */
  @Override
  public int[] redundancies() {
    return redundancies.clone();
  }

  /** The run settings. */
  public CodedTraining.Settings settings() {
    return new CodedTraining.Settings(workers, byzantine, iterations, stepSize);
  }

  /**
   * Parses {@code --out DIR --seeds S --iterations T --step η --byzantine f --heterogeneity σ
   * --ridge λ --workers n --dimension D --redundancies 1,2,5}.
   *
   * @throws IllegalArgumentException naming an unknown option or a bad value
   */
  public static ExperimentConfig parse(String... args) {
    Path out = Path.of("docs/results/lad");
    int dimension = 100;
    int workers = 100;
    int byzantine = 10;
    double heterogeneity = 1.0;
    double ridge = 1.0;
    double step = 0.02;
    int iterations = 1000;
    int seeds = 3;
    int[] redundancies = DEFAULT_REDUNDANCIES;
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
      String v = args[i + 1];
      switch (args[i]) {
        case "--out" -> out = Path.of(v);
        case "--dimension" -> dimension = Integer.parseInt(v);
        case "--workers" -> workers = Integer.parseInt(v);
        case "--byzantine" -> byzantine = Integer.parseInt(v);
        case "--heterogeneity" -> heterogeneity = Double.parseDouble(v);
        case "--ridge" -> ridge = Double.parseDouble(v);
        case "--step" -> step = Double.parseDouble(v);
        case "--iterations" -> iterations = Integer.parseInt(v);
        case "--seeds" -> seeds = Integer.parseInt(v);
        case "--redundancies" -> redundancies = Arrays.stream(v.split(",")).mapToInt(s -> Integer.parseInt(s.trim()))
            .toArray();
        default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'; valid: " + List.of("--out",
            "--dimension", "--workers", "--byzantine", "--heterogeneity", "--ridge", "--step", "--iterations",
            "--seeds", "--redundancies"));
      }
    }
    return new ExperimentConfig(out, dimension, workers, byzantine, heterogeneity, ridge, step, iterations, seeds,
        redundancies);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExperimentConfig c && out.equals(c.out) && dimension == c.dimension && workers == c.workers
        && byzantine == c.byzantine && heterogeneity == c.heterogeneity && ridge == c.ridge && stepSize == c.stepSize
        && iterations == c.iterations && seeds == c.seeds && Arrays.equals(redundancies, c.redundancies);
  }

  @Override
  public int hashCode() {
    return out.hashCode() * 31 + Arrays.hashCode(redundancies);
  }

  @Override
  public String toString() {
    return "--dimension " + dimension + " --workers " + workers + " --byzantine " + byzantine + " --heterogeneity "
        + heterogeneity + " --ridge " + ridge + " --step " + stepSize + " --iterations " + iterations + " --seeds "
        + seeds + " --redundancies " + Arrays.toString(redundancies).replaceAll("[\\[\\] ]", "");
  }
}
