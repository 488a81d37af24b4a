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

  @Test
  void worst_nanAccuracy_countsAsWorst() {
    var byAttack = new java.util.LinkedHashMap<String, Double>();
    byAttack.put("alie", 0.5);
    byAttack.put("inf", Double.NaN);
    assertThat(GridReport.worst(byAttack).getKey()).isEqualTo("inf");
  }
}
