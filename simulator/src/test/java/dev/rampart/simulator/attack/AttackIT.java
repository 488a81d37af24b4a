package dev.rampart.simulator.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.simulator.grid.CellResult;
import dev.rampart.simulator.grid.CellRunner;
import dev.rampart.simulator.grid.GridCell;
import dev.rampart.testkit.KafkaFixture;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An omniscient colluding attack (optimal IPM: the factor is line-searched against the configured
 * pipeline on the honest vectors of the round) runs through the real client SDK and broker: the
 * plain mean breaks while nearest-neighbour mixing + trimmed mean keeps learning.
 */
class AttackIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();
  private static final GridCell.Training TRAINING = new GridCell.Training(6, 0.5, 1, 16, 1.0, 0, 0, 32);

  @TempDir
  Path runs;

  private CellResult run(String pipeline, String name) {
    GridCell cell = new GridCell("digits", "logistic", "iid", 7, 2, "optimal-ipm", pipeline, 0.0, 3, TRAINING);
    return new CellRunner(KAFKA.bootstrapServers(), runs, Duration.ofSeconds(20)).run(cell, runs.resolve(name));
  }

  @Test
  void optimalIpm_throughTheBroker_breaksAverageButNotNnmTrimmedMean() {
    CellResult average = run("average", "average");
    CellResult robust = run("nnm | trmean", "robust");

    assertThat(average.error()).isEmpty();
    assertThat(robust.error()).isEmpty();
    assertThat(average.committedRounds()).isEqualTo(6);
    assertThat(robust.committedRounds()).isEqualTo(6);
    assertThat(average.finalAccuracy()).isLessThan(0.5);
    assertThat(robust.finalAccuracy()).isGreaterThan(0.8);
  }
}
