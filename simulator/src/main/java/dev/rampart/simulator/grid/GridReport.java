package dev.rampart.simulator.grid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes a grid's results: {@code results.csv} (one row per run), {@code results.md} (per defence
 * and f the worst case over attacks beside the f = 0 baseline, the full accuracy matrix, the
 * backdoor table) and {@code heatmap-<pipeline>-beta<β>.png} (worst-case accuracy, f × split).
 * Accuracies are averaged over seeds before the worst case is taken; failed runs count as NaN and
 * are listed. Refused cells (see {@link CellResult#isRefused()}) measure nothing: they are left
 * out of the accuracy tables and listed with the reason. When any cell
 * runs secure aggregation, the tables and the CSV get a secure-aggregation column (the group size,
 * 0 = off; "off" / "s=4" in Markdown) and the heatmap files a {@code -secagg<s>} suffix; when any
 * cell runs coded mode, a {@code coding_d} column (1 = federated) and a {@code -lad<d>} suffix.
 * Stateless and thread-safe.
 */
public final class GridReport {
  private GridReport() {}

  /** Writes the three kinds of files into {@code output}. */
  public static void write(Scenario scenario, List<CellResult> results, Path output) {
    try {
      Files.writeString(output.resolve("results.csv"), csv(results), StandardCharsets.UTF_8);
      Files.writeString(output.resolve("results.md"), markdown(scenario, results), StandardCharsets.UTF_8);
      for (Heatmap h : heatmaps(results)) {
        h.writePng(output.resolve(h.fileName()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write grid results to " + output, e);
    }
  }

  static String csv(List<CellResult> results) {
    boolean secure = anySecure(results);
    boolean coded = results.stream().anyMatch(r -> r.cell().coded());
    StringBuilder b = new StringBuilder("run,dataset,model,split,clients,byzantine,attack,pipeline,momentum,"
        + (coded ? "coding_d," : "") + (secure ? "secure_aggregation," : "") + "seed,rounds,"
        + "final_accuracy,backdoor_success,committed_rounds,rejected_updates,seconds,error\n");
    for (CellResult r : results) {
      GridCell c = r.cell();
      b.append(String.join(",", r.runId(), c.dataset(), c.model(), quote(c.split()), Integer.toString(c.clients()),
          Integer.toString(c.byzantine()), quote(c.attack()), quote(c.pipeline()), Double.toString(c.momentum())
          + (coded ? "," + c.coding() : "") + (secure ? "," + c.secureAggregation() : ""),
          Long.toString(c.seed()), Integer.toString(c.training().rounds()), num(r.finalAccuracy()),
          num(r.backdoorSuccess()), Long.toString(r.committedRounds()), Long.toString(r.rejectedUpdates()),
          String.format(Locale.ROOT, "%.1f", r.seconds()), quote(r.error()))).append('\n');
    }
    return b.toString();
  }

  /**
   * Key of a defence configuration: everything but the attack and the seed (secure aggregation 0 =
   * off, coding 1 = federated).
   */
  record Defence(String dataset, String split, int clients, int byzantine, String pipeline, double momentum,
      int secureAggregation, int coding) {
    Defence baseline() {
      return new Defence(dataset, split, clients, 0, pipeline, momentum, secureAggregation, coding);
    }
  }

  static boolean anySecure(List<CellResult> results) {
    return results.stream().anyMatch(r -> r.cell().secure());
  }

  /** The optional Markdown columns: coding d when any cell is coded, secure aggregation when any cell uses it. */
  private record Modes(boolean coded, boolean secure) {
    static Modes of(List<CellResult> results) {
      return new Modes(results.stream().anyMatch(r -> r.cell().coded()), anySecure(results));
    }

    String header() {
      return (coded ? " coding d |" : "") + (secure ? " secure agg. |" : "");
    }

    String rule() {
      return (coded ? "---|" : "") + (secure ? "---|" : "");
    }

    String cells(Defence d) {
      return (coded ? " " + d.coding() + " |" : "") + (secure ? " " + group(d) + " |" : "");
    }
  }

  /** Mean accuracy over seeds for each defence and attack; refused cells are left out. */
  static Map<Defence, Map<String, Double>> accuracyByAttack(List<CellResult> results, boolean backdoorRate) {
    Map<Defence, Map<String, List<Double>>> raw = new LinkedHashMap<>();
    for (CellResult r : results) {
      if (r.isRefused()) {
        continue;
      }
      GridCell c = r.cell();
      Defence d = new Defence(c.dataset(), c.split(), c.clients(), c.byzantine(), c.pipeline(), c.momentum(),
          c.secureAggregation(), c.coding());
      raw.computeIfAbsent(d, k -> new LinkedHashMap<>()).computeIfAbsent(c.attack(), k -> new ArrayList<>())
          .add(backdoorRate ? r.backdoorSuccess() : r.finalAccuracy());
    }
    Map<Defence, Map<String, Double>> out = new LinkedHashMap<>();
    raw.forEach((d, m) -> {
      Map<String, Double> means = new LinkedHashMap<>();
      m.forEach((a, v) -> means.put(a, v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
      out.put(d, means);
    });
    return out;
  }

  /** The attack with the lowest accuracy (NaN counts as lowest: the model was destroyed or the run failed). */
  static Map.Entry<String, Double> worst(Map<String, Double> byAttack) {
    return byAttack.entrySet().stream()
        .min(Comparator.comparingDouble(e -> Double.isNaN(e.getValue()) ? -1 : e.getValue())).orElseThrow();
  }

  static String markdown(Scenario scenario, List<CellResult> results) {
    Map<Defence, Map<String, Double>> acc = accuracyByAttack(results, false);
    Modes modes = Modes.of(results);
    StringBuilder b = new StringBuilder("# Grid " + scenario.name() + "\n\n");
    b.append(results.size()).append(" runs. Accuracy is the final test accuracy (mean over seeds). ")
        .append("Worst case = the attack with the lowest accuracy for that defence.\n\n");
    b.append("## Worst case over attacks per defence\n\n");
    b.append("| dataset | split | n | f | pipeline | momentum |").append(modes.header())
        .append(" f=0 accuracy | worst-case accuracy | worst attack | drop (points) |\n");
    b.append("|---|---|---|---|---|---|").append(modes.rule()).append("---|---|---|---|\n");
    acc.forEach((d, m) -> {
      if (d.byzantine() == 0) {
        return;
      }
      Map.Entry<String, Double> w = worst(m);
      double base = acc.getOrDefault(d.baseline(), Map.of()).getOrDefault("none", Double.NaN);
      b.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %s | %s |%s %s | %s | %s | %s |%n", d.dataset(), d.split(),
          d.clients(), d.byzantine(), code(d.pipeline()), d.momentum(), modes.cells(d), pct(base),
          pct(w.getValue()), w.getKey(),
          Double.isNaN(base) || Double.isNaN(w.getValue()) ? "n/a" : String.format(Locale.ROOT, "%.1f", 100 * (base - w.getValue()))));
    });
    b.append("\n## Accuracy per attack\n\n");
    Set<String> attacks = new LinkedHashSet<>();
    results.forEach(r -> attacks.add(r.cell().attack()));
    b.append("| split | f | pipeline | momentum |").append(modes.header()).append(' ')
        .append(String.join(" | ", attacks)).append(" |\n|---|---|---|---|").append(modes.rule());
    b.append("---|".repeat(attacks.size())).append('\n');
    acc.forEach((d, m) -> {
      b.append(String.format(Locale.ROOT, "| %s | %d | %s | %s |", d.split(), d.byzantine(), code(d.pipeline()), d.momentum()))
          .append(modes.cells(d));
      for (String a : attacks) {
        b.append(' ').append(m.containsKey(a) ? pct(m.get(a)) : "").append(" |");
      }
      b.append('\n');
    });
    appendBackdoor(b, results);
    List<CellResult> refused = results.stream().filter(CellResult::isRefused).toList();
    if (!refused.isEmpty()) {
      b.append("\n## Refused cells\n\nThe coordinator's configuration refused these settings; they did not run.\n\n");
      refused.forEach(r -> b.append("- ").append(r.cell().label()).append(": ").append(r.error()).append('\n'));
    }
    List<CellResult> failed = results.stream().filter(CellResult::isFailed).toList();
    if (!failed.isEmpty()) {
      b.append("\n## Failed runs\n\n");
      failed.forEach(r -> b.append("- ").append(r.runId()).append(" ").append(r.cell().label()).append(": ")
          .append(r.error()).append('\n'));
    }
    return b.toString();
  }

  private static void appendBackdoor(StringBuilder b, List<CellResult> results) {
    List<CellResult> backdoor = results.stream().filter(r -> r.cell().attack().startsWith("backdoor")).toList();
    if (backdoor.isEmpty()) {
      return;
    }
    Map<Defence, Map<String, Double>> rate = accuracyByAttack(backdoor, true);
    Map<Defence, Map<String, Double>> acc = accuracyByAttack(backdoor, false);
    Modes modes = Modes.of(results);
    b.append("\n## Backdoor: attack success rate on triggered test inputs\n\n");
    b.append("| split | f | pipeline | momentum |").append(modes.header())
        .append(" attack | success rate | clean accuracy |\n|---|---|---|---|").append(modes.rule())
        .append("---|---|---|\n");
    rate.forEach((d, m) -> m.forEach((a, v) -> b.append(String.format(Locale.ROOT, "| %s | %d | %s | %s |%s %s | %s | %s |%n",
        d.split(), d.byzantine(), code(d.pipeline()), d.momentum(), modes.cells(d), a, pct(v),
        pct(acc.get(d).get(a))))));
  }

  static List<Heatmap> heatmaps(List<CellResult> results) {
    Map<Defence, Map<String, Double>> acc = accuracyByAttack(results, false);
    Map<String, Heatmap> maps = new LinkedHashMap<>();
    acc.forEach((d, m) -> {
      String key = d.dataset() + "|" + d.pipeline() + "|" + d.momentum() + "|" + d.secureAggregation() + "|" + d.coding();
      Heatmap h = maps.computeIfAbsent(key, k -> new Heatmap(d.dataset(), d.pipeline(), d.momentum(),
          d.secureAggregation(), d.coding()));
      h.put(d.byzantine(), d.split(), worst(m).getValue());
    });
    return new ArrayList<>(maps.values());
  }

  /** The secure-aggregation setting as a Markdown table cell. */
  private static String group(Defence d) {
    return d.secureAggregation() == 0 ? "off" : "s=" + d.secureAggregation();
  }

  /** A pipeline spec as a Markdown table cell (its pipes escaped). */
  private static String code(String spec) {
    return "`" + spec.replace("|", "\\|") + "`";
  }

  private static String pct(Double v) {
    return v == null || Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
  }

  private static String quote(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("|") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
