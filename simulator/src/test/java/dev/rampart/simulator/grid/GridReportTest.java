package dev.rampart.simulator.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridReportTest {
  private static final GridCell.Training T = new GridCell.Training(5, 0.5, 1, 16, 1, 0, 0, 32);

  @TempDir
  Path dir;

  private static CellResult result(int f, String attack, String pipeline, double accuracy, double backdoor) {
    GridCell c = new GridCell("digits", "logistic", "iid", 10, f, attack, pipeline, 0.9, 1, T);
    return new CellResult(c, "r", accuracy, backdoor, 5, 0, 1.0, "");
  }

  @Test
  void write_worstCase_isTheLowestAccuracyOverAttacks() throws IOException {
    List<CellResult> results = List.of(
        result(0, "none", "nnm | trmean", 0.95, Double.NaN),
        result(2, "alie", "nnm | trmean", 0.91, Double.NaN),
        result(2, "sign-flip", "nnm | trmean", 0.93, Double.NaN),
        result(2, "backdoor(target=0)", "nnm | trmean", 0.94, 0.25));
    Scenario s = new Scenario("t", dir, 1, 30, List.of());
    GridReport.write(s, results, dir);
    String md = Files.readString(dir.resolve("results.md"));
    // baseline 95.0 %, worst 91.0 % under alie: a drop of 4.0 points
    assertThat(md).contains("| digits | iid | 10 | 2 | `nnm \\| trmean` | 0.9 | 95.0% | 91.0% | alie | 4.0 |");
    assertThat(md).contains("| backdoor(target=0) | 25.0% | 94.0% |");
    assertThat(Files.readString(dir.resolve("results.csv")).lines()).hasSize(5);
    assertThat(dir.resolve("heatmap-digits-nnm_trmean-beta0.9.png")).isNotEmptyFile();
  }

  private static CellResult secure(int f, String attack, int groupSize, double accuracy) {
    GridCell c = new GridCell("digits", "logistic", "iid", 20, f, attack, "median", 0.9, 1, T, groupSize);
    return new CellResult(c, "r", accuracy, Double.NaN, 5, 0, 1.0, "");
  }

  @Test
  void write_secureAggregation_getsItsOwnRowsColumnAndHeatmap() throws IOException {
    List<CellResult> results = List.of(
        secure(0, "none", 0, 0.95), secure(2, "alie", 0, 0.90),
        secure(0, "none", 4, 0.94), secure(2, "alie", 4, 0.80));
    GridReport.write(new Scenario("t", dir, 1, 30, List.of()), results, dir);
    String md = Files.readString(dir.resolve("results.md"));
    // each setting is compared with its own f = 0 baseline: 5.0 and 14.0 points
    assertThat(md).contains("| digits | iid | 20 | 2 | `median` | 0.9 | off | 95.0% | 90.0% | alie | 5.0 |")
        .contains("| digits | iid | 20 | 2 | `median` | 0.9 | s=4 | 94.0% | 80.0% | alie | 14.0 |");
    assertThat(Files.readString(dir.resolve("results.csv")).lines())
        .contains("r,digits,logistic,iid,20,2,alie,median,0.9,4,1,5,0.8000,,5,0,1.0,");
    assertThat(dir.resolve("heatmap-digits-median-beta0.9-secagg4.png")).isNotEmptyFile();
    assertThat(dir.resolve("heatmap-digits-median-beta0.9.png")).isNotEmptyFile();
  }

  @Test
  void write_refusedCell_isListedWithItsReasonAndLeftOutOfTheWorstCase() throws IOException {
    GridCell refusedCell = new GridCell("digits", "logistic", "iid", 20, 2, "sign-flip", "median", 0.9, 1, T, 8);
    List<CellResult> results = List.of(
        secure(0, "none", 8, 0.94), secure(2, "alie", 8, 0.80),
        CellResult.refused(refusedCell, "0002", "secure aggregation: groupSize=8 exceeds 20/5 = 4", 0.1));
    GridReport.write(new Scenario("t", dir, 1, 30, List.of()), results, dir);
    String md = Files.readString(dir.resolve("results.md"));
    // NaN would count as the worst attack; a refused cell measured nothing, so alie stays the worst
    assertThat(md).contains("| s=8 | 94.0% | 80.0% | alie | 14.0 |")
        .contains("## Refused cells")
        .contains("- digits iid n=20 f=2 sign-flip median beta=0.9 seed=1 secagg=8: refused: secure aggregation: "
            + "groupSize=8 exceeds 20/5 = 4")
        .doesNotContain("## Failed runs");
  }

  @Test
  void write_codedCells_getACodingColumnAndHeatmapSuffix() throws IOException {
    GridCell plain = new GridCell("digits", "logistic", "iid", 12, 1, "alie", "median", 0.0, 1, T, 0, 1);
    GridCell lad = new GridCell("digits", "logistic", "iid", 12, 1, "alie", "median", 0.0, 1, T, 4, 3);
    List<CellResult> results = List.of(new CellResult(plain, "a", 0.9, Double.NaN, 5, 0, 1.0, ""),
        new CellResult(lad, "b", 0.85, Double.NaN, 5, 0, 1.0, ""));
    GridReport.write(new Scenario("t", dir, 1, 30, List.of()), results, dir);
    assertThat(Files.readString(dir.resolve("results.md")))
        .contains("| split | f | pipeline | momentum | coding d | secure agg. | alie |")
        .contains("| iid | 1 | `median` | 0.0 | 3 | s=4 | 85.0% |")
        .contains("| iid | 1 | `median` | 0.0 | 1 | off | 90.0% |");
    assertThat(Files.readString(dir.resolve("results.csv")).lines()).element(2).asString()
        .startsWith("b,digits,logistic,iid,12,1,alie,median,0.0,3,4,1,5,0.8500,");
    assertThat(dir.resolve("heatmap-digits-median-beta0.0-lad3-secagg4.png")).isNotEmptyFile();
  }

  @Test
  void worst_nanAccuracy_countsAsWorst() {
    var byAttack = new java.util.LinkedHashMap<String, Double>();
    byAttack.put("alie", 0.5);
    byAttack.put("inf", Double.NaN);
    assertThat(GridReport.worst(byAttack).getKey()).isEqualTo("inf");
  }
}
