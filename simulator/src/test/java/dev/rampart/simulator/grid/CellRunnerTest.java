package dev.rampart.simulator.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cells the coordinator refuses are answered before any broker connection, so no broker is needed. */
class CellRunnerTest {
  private static final GridCell.Training T = new GridCell.Training(2, 0.5, 1, 16, 1, 0, 0, 32);
  /** Nothing listens here; a refused cell never connects. */
  private static final String NO_BROKER = "127.0.0.1:9";

  @TempDir
  Path dir;

  @Test
  void run_groupSizeAboveTheBound_isRefusedWithTheCoordinatorsMessage() {
    // n/(2f+1) = 10/5 = 2 < 4: five groups of two would be needed to outvote two spoiled ones
    GridCell cell = new GridCell("digits", "logistic", "iid", 10, 2, "alie", "median", 0.9, 1, T, 4);

    CellResult r = new CellRunner(NO_BROKER, dir, Duration.ofSeconds(5)).run(cell, dir.resolve("0000"));

    assertThat(r.isRefused()).isTrue();
    assertThat(r.isFailed()).isFalse();
    assertThat(r.error()).startsWith("refused: secure aggregation: groupSize=4 exceeds")
        .contains("10/5 = 2").contains("maxByzantine=2");
    assertThat(r.committedRounds()).isZero();
    assertThat(r.finalAccuracy()).isNaN();
    assertThat(dir.resolve("0000")).doesNotExist();
  }

  @Test
  void run_groupSizeAboveTheProtocolLimit_isRefusedNamingIt() {
    GridCell cell = new GridCell("digits", "logistic", "iid", 10, 0, "none", "average", 0.0, 1, T, 300);

    CellResult r = new CellRunner(NO_BROKER, dir, Duration.ofSeconds(5)).run(cell, dir.resolve("0001"));

    assertThat(r.error()).isEqualTo("refused: groupSize must be 2-255, but groupSize=300");
  }

  @Test
  void run_codedMlp_isRefusedNamingTheModel() {
    GridCell cell = new GridCell("digits", "mlp", "iid", 6, 1, "alie", "median", 0.0, 1, T, 0, 3);

    CellResult r = new CellRunner(NO_BROKER, dir, Duration.ofSeconds(5)).run(cell, dir.resolve("0002"));

    assertThat(r.error()).startsWith("refused: coded mode needs per-shard gradients").contains("model=mlp");
  }

  @Test
  void run_codedLabelFlip_isRefusedNamingTheAttack() {
    GridCell cell = new GridCell("digits", "logistic", "iid", 6, 1, "label-flip", "median", 0.0, 1, T, 0, 3);

    CellResult r = new CellRunner(NO_BROKER, dir, Duration.ofSeconds(5)).run(cell, dir.resolve("0003"));

    assertThat(r.error()).startsWith("refused: coded mode: the coordinator publishes the shards")
        .contains("attack=label-flip");
  }

  @Test
  void run_codedSecureWithAnotherGroupSize_isRefusedWithTheStrideGroupSize() {
    // d = 3 stride groups of 12/3 = 4 members; 6 is not that size
    GridCell cell = new GridCell("digits", "logistic", "iid", 12, 1, "alie", "median", 0.0, 1, T, 6, 3);

    CellResult r = new CellRunner(NO_BROKER, dir, Duration.ofSeconds(5)).run(cell, dir.resolve("0004"));

    assertThat(r.error()).startsWith("refused: coded mode with secure aggregation plans redundancy=3 stride groups")
        .contains("set groupSize=4, but groupSize=6");
  }

  @Test
  void run_codedSecureWithTooFewStrideGroups_isRefusedNamingF() {
    // three stride groups outvote one spoiled group, not two
    GridCell cell = new GridCell("digits", "logistic", "iid", 12, 2, "alie", "median", 0.0, 1, T, 4, 3);

    CellResult r = new CellRunner(NO_BROKER, dir, Duration.ofSeconds(5)).run(cell, dir.resolve("0005"));

    assertThat(r.error()).contains("maxByzantine <= 1, but maxByzantine=2");
  }

  @Test
  void recorded_secureCell_namesTheGroupSize() {
    GridCell secure = new GridCell("digits", "logistic", "iid", 20, 2, "alie", "median", 0.9, 1, T, 4);
    GridCell plain = new GridCell("digits", "logistic", "iid", 20, 2, "alie", "median", 0.9, 1, T);

    assertThat(CellRunner.recorded(secure)).containsEntry("grid_secure_aggregation", "4");
    assertThat(CellRunner.recorded(plain)).containsEntry("grid_secure_aggregation", "0").containsEntry("grid_coding_d", "1");
  }
}
