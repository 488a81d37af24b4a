package dev.rampart.simulator.grid;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rampart grid <scenario.yaml>}: runs a scenario grid on one broker and writes
 * {@code results.csv}, {@code results.md} and PNG heatmaps. Exit code 0 when every run finished
 * or was refused by the coordinator's configuration, 1 when some failed (both are listed in
 * results.md).
 */
@Command(name = "grid", mixinStandardHelpOptions = true,
    description = "Run a scenario grid (YAML, lists expand into a grid) on one broker; write CSV, Markdown and heatmaps.")
public final class GridCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SCENARIO.yaml", description = "The scenario file.")
  Path file;

  @Option(names = "--output", description = "Results folder (default: grid-results/<scenario name>).")
  Path output;

  @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Use this Kafka cluster instead of the embedded broker.")
  String bootstrap;

  @Option(names = "--parallel", description = "Runs at a time (overrides the file's 'parallel').")
  Integer parallel;

  @Option(names = "--data-dir", description = "Directory of the Fashion-MNIST IDX files (overrides the file's 'data_dir').")
  Path dataDir;

  @Option(names = "--dry-run", description = "Only list the expanded cells.")
  boolean dryRun;

  @Option(names = "--report-only",
      description = "Run nothing: rebuild the results from the audit trails of the finished runs in the output folder.")
  boolean reportOnly;

  @Override
  public Integer call() {
    Scenario s = Scenario.load(file);
    s = new Scenario(s.name(), dataDir != null ? dataDir : s.dataDirectory(), parallel != null ? parallel : s.parallel(),
        s.roundTimeoutSeconds(), s.cells());
    System.out.printf("scenario %s: %d runs, %d in parallel%n", s.name(), s.cells().size(), s.parallel());
    if (dryRun) {
      s.cells().forEach(c -> System.out.println("  " + c.label()));
      return 0;
    }
    Path out = output != null ? output : Path.of("grid-results", s.name());
    if (reportOnly) {
      List<CellResult> audited = AuditedResults.read(out.resolve("runs"), s.cells().get(0).training());
      GridReport.write(s, audited, out);
      System.out.printf("report rebuilt from %d finished runs of %d in %s%n", audited.size(), s.cells().size(),
          out.toAbsolutePath());
      return 0;
    }
    List<CellResult> results = new GridRunner(s, out, System.err).run(bootstrap);
    long failed = results.stream().filter(CellResult::isFailed).count();
    long refused = results.stream().filter(CellResult::isRefused).count();
    System.out.printf("done: %d runs, %d failed, %d refused; results in %s%n", results.size(), failed, refused,
        out.toAbsolutePath());
    return failed == 0 ? 0 : 1;
  }
}
