package dev.rampart.experiments.lad;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the experiment's outputs: {@code results.csv} (one row per run), {@code
 * trajectories.csv} (seed-mean error every 10 iterations), {@code results.md} (tables of the
 * seed-mean final error and the automatic check of each claim) and the PNG plots {@code
 * final-error-vs-d-<attack>.png} and {@code error-vs-iteration-<attack>.png}. "Final error" is
 * ‖w_T − w*‖/‖w*‖ averaged over seeds. Stateless.
 */
final class ResultWriter {

  private static final int TRAJECTORY_STRIDE = 10;
  private static final double OPTIMUM_TOLERANCE = 1e-3;
  private static final double BYTE_BUDGET = 0.15;

  private ResultWriter() {}

  static void write(ExperimentConfig config, List<RunResult> results) throws IOException {
    Files.createDirectories(config.out());
    Map<String, List<RunResult>> groups = group(results);
    Files.writeString(config.out().resolve("results.csv"), runsCsv(results));
    Files.writeString(config.out().resolve("trajectories.csv"), trajectoriesCsv(groups));
    Files.writeString(config.out().resolve("results.md"), ResultTables.markdown(config, groups));
    for (Attack attack : List.of(Attack.SIGN_FLIP, Attack.ALIE)) {
      finalErrorChart(config, groups, attack).write(config.out().resolve("final-error-vs-d-" + slug(attack) + ".png"));
      trajectoryChart(config, groups, attack).write(config.out().resolve("error-vs-iteration-" + slug(attack)
          + ".png"));
    }
  }

  static String key(String label, int d, Attack attack) {
    return label + "|" + d + "|" + attack;
  }

  static double meanFinal(List<RunResult> runs) {
    return runs.stream().mapToDouble(RunResult::finalError).average().orElse(Double.NaN);
  }

  static double[] meanTrajectory(List<RunResult> runs) {
    double[] mean = new double[runs.get(0).errors().length];
    for (RunResult r : runs) {
      double[] e = r.errors();
      for (int t = 0; t < mean.length; t++) {
        mean[t] += e[t] / runs.size();
      }
    }
    return mean;
  }

  static String slug(Attack attack) {
    return attack.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static boolean isBaseline(Scheme s) {
    return s.kind() == Scheme.Kind.DRACO || !s.label().startsWith("LAD") && !s.label().startsWith("Com-LAD");
  }

  private static Map<String, List<RunResult>> group(List<RunResult> results) {
    Map<String, List<RunResult>> groups = new LinkedHashMap<>();
    for (RunResult r : results) {
      groups.computeIfAbsent(key(r.scheme().label(), r.redundancy(), r.attack()), k -> new ArrayList<>()).add(r);
    }
    return groups;
  }

  private static String runsCsv(List<RunResult> results) {
    StringBuilder sb = new StringBuilder("scheme,d,attack,seed,final_error,max_aggregation_error,"
        + "bytes_per_vector,dense_bytes,byte_fraction,load\n");
    for (RunResult r : results) {
      sb.append(String.format(Locale.ROOT, "%s,%d,%s,%d,%.6e,%.6e,%.1f,%d,%.4f,%d%n", r.scheme().label(),
          r.redundancy(), r.attack(), r.seed(), r.finalError(), r.maxAggregationError(), r.meanEncodedBytes(),
          r.denseBytes(), r.byteFraction(), r.load()));
    }
    return sb.toString();
  }

  private static String trajectoriesCsv(Map<String, List<RunResult>> groups) {
    StringBuilder sb = new StringBuilder("scheme,d,attack,iteration,mean_error\n");
    for (List<RunResult> runs : groups.values()) {
      RunResult first = runs.get(0);
      double[] mean = meanTrajectory(runs);
      for (int t = 0; t < mean.length; t += TRAJECTORY_STRIDE) {
        sb.append(String.format(Locale.ROOT, "%s,%d,%s,%d,%.6e%n", first.scheme().label(), first.redundancy(),
            first.attack(), t, mean[t]));
      }
    }
    return sb.toString();
  }

  private static PngChart finalErrorChart(ExperimentConfig config, Map<String, List<RunResult>> groups,
      Attack attack) {
    int[] ds = config.redundancies();
    double[] x = new double[ds.length];
    for (int i = 0; i < ds.length; i++) {
      x[i] = ds[i];
    }
    PngChart chart = new PngChart("Final error vs d, " + attack + " (n=" + config.workers() + ", f="
        + config.byzantine() + ", sigma_H=" + config.heterogeneity() + ")", "redundancy d (log scale)",
        "||w_T - w*|| / ||w*||", true);
    for (String label : List.of("LAD", "LAD+NNM", "Com-LAD", "Com-LAD (per-client rand-k)")) {
      double[] y = new double[ds.length];
      for (int i = 0; i < ds.length; i++) {
        y[i] = meanFinal(groups.get(key(label, ds[i], attack)));
      }
      chart.add(label, x, y, false);
    }
    for (Map.Entry<String, List<RunResult>> e : groups.entrySet()) {
      RunResult r = e.getValue().get(0);
      if (r.attack() == attack && isBaseline(r.scheme())) {
        double[] y = new double[ds.length];
        Arrays.fill(y, meanFinal(e.getValue()));
        chart.add(r.scheme().label() + (r.scheme().kind() == Scheme.Kind.DRACO ? " (r=2f+1)" : " (d=1)"), x, y,
            true);
      }
    }
    return chart;
  }

  private static PngChart trajectoryChart(ExperimentConfig config, Map<String, List<RunResult>> groups,
      Attack attack) {
    PngChart chart = new PngChart("Error vs iteration, " + attack + " (n=" + config.workers() + ", f="
        + config.byzantine() + ")", "iteration", "||w_t - w*|| / ||w*||", false);
    List<String> keys = new ArrayList<>();
    for (int d : new int[] {1, 5, 20, config.workers()}) {
      keys.add(key("LAD", d, attack));
    }
    keys.add(key("Com-LAD", 20, attack));
    keys.add(key("Com-LAD", config.workers(), attack));
    keys.add(key("Average", 1, attack));
    keys.add(key("CWTM+NNM", 1, attack));
    keys.add(key("DRACO", 2 * config.byzantine() + 1, attack));
    for (String k : keys) {
      List<RunResult> runs = groups.entrySet().stream()
          .filter(e -> e.getKey().equals(k) || k.startsWith("DRACO|") && e.getKey().startsWith("DRACO|")
              && e.getKey().endsWith("|" + attack))
          .map(Map.Entry::getValue).findFirst().orElse(null);
      if (runs == null) {
        continue;
      }
      double[] mean = meanTrajectory(runs);
      int points = (mean.length + TRAJECTORY_STRIDE - 1) / TRAJECTORY_STRIDE;
      double[] x = new double[points];
      double[] y = new double[points];
      for (int p = 0; p < points; p++) {
        x[p] = p * TRAJECTORY_STRIDE;
        y[p] = mean[p * TRAJECTORY_STRIDE];
      }
      RunResult r = runs.get(0);
      String name = r.scheme().label() + (isBaseline(r.scheme()) ? "" : " d=" + r.redundancy());
      chart.add(name, x, y, isBaseline(r.scheme()));
    }
    return chart;
  }

  static double optimumTolerance() {
    return OPTIMUM_TOLERANCE;
  }

  static double byteBudget() {
    return BYTE_BUDGET;
  }
}
