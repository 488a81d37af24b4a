package dev.rampart.simulator.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A grid whose every cell the coordinator refuses needs no broker: the refusals are the results. */
class GridRunnerTest {
  private static final GridCell.Training T = new GridCell.Training(2, 0.5, 1, 16, 1, 0, 0, 32);

  @TempDir
  Path dir;

  @Test
  void run_refusedCells_areReportedPerCellAndNotRetried() throws IOException {
    List<GridCell> cells = List.of(
        new GridCell("digits", "logistic", "iid", 10, 2, "alie", "median", 0.9, 1, T, 4),
        new GridCell("digits", "logistic", "iid", 10, 1, "sign-flip", "median", 0.9, 1, T, 5));
    Scenario scenario = new Scenario("refusals", dir, 2, 5, cells);
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    List<CellResult> results = new GridRunner(scenario, dir.resolve("out"),
        new PrintStream(progress, true, StandardCharsets.UTF_8)).run("127.0.0.1:9");

    assertThat(results).hasSize(2).allMatch(CellResult::isRefused);
    String md = Files.readString(dir.resolve("out/results.md"));
    assertThat(md).contains("## Refused cells")
        .contains("- digits iid n=10 f=2 alie median beta=0.9 seed=1 secagg=4: refused: secure aggregation: "
            + "groupSize=4 exceeds clientCount/(2*maxByzantine+1) = 10/5 = 2")
        .contains("secagg=5: refused: secure aggregation: groupSize=5 exceeds clientCount/(2*maxByzantine+1) = 10/3 = 3")
        .doesNotContain("## Failed runs");
    assertThat(Files.readString(dir.resolve("out/results.csv"))).contains(",refused: secure aggregation: groupSize=4 exceeds");
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("REFUSED").doesNotContain("FAILED");
    try (var runs = Files.list(dir.resolve("out/runs"))) {
      assertThat(runs.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith("-retry"));
    }
  }
}
