package dev.rampart.simulator.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditedResultsTest {
  private static final GridCell.Training T = new GridCell.Training(5, 0.5, 1, 16, 1, 0, 0, 32);

  @TempDir
  Path runs;

  private void writeRun(String name, boolean ended) throws IOException {
    writeRun(name, ended, "");
  }

  private void writeRun(String name, boolean ended, String extraParameters) throws IOException {
    Path audit = Files.createDirectories(runs.resolve(name).resolve("audit"));
    String started = "{\"time\":\"2026-01-01T00:00:00Z\",\"type\":\"JOB_STARTED\",\"body\":{\"settings\":{\"aggregation\":\"nnm | trmean\",\"rounds\":3,"
        + "\"training\":{\"learning_rate\":\"0.5\",\"grid_dataset\":\"digits\",\"grid_model\":\"logistic\","
        + "\"grid_split\":\"iid\",\"grid_clients\":\"10\",\"grid_byzantine\":\"2\",\"grid_attack\":\"backdoor(target=0)\","
        + "\"grid_momentum\":\"0.9\",\"grid_seed\":\"7\"" + extraParameters + "}}}}\tsig";
    String commit0 = "{\"type\":\"AGGREGATE_COMMITTED\",\"body\":{\"round\":0,\"metrics\":{\"testAccuracy\":0.1}}}\tsig";
    String commit1 = "{\"type\":\"AGGREGATE_COMMITTED\",\"body\":{\"round\":1,\"metrics\":{\"testAccuracy\":0.5}}}\tsig";
    String rejected = "{\"type\":\"UPDATE_REJECTED\",\"body\":{}}\tsig";
    String commit2 = "{\"type\":\"AGGREGATE_COMMITTED\",\"body\":{\"round\":2,\"metrics\":{\"testAccuracy\":0.875,"
        + "\"backdoorSuccessRate\":0.25}}}\tsig";
    List<String> lines = new java.util.ArrayList<>(List.of(started, commit0, commit1, rejected, commit2));
    if (ended) {
      lines.add("{\"time\":\"2026-01-01T00:00:02.500Z\",\"type\":\"JOB_ENDED\",\"body\":{}}\tsig");
    }
    Files.write(audit.resolve("audit-000001.log"), lines);
  }

  @Test
  void read_finishedRun_rebuildsCellAndLastMetrics() throws IOException {
    writeRun("0000", true);
    List<CellResult> results = AuditedResults.read(runs, T);
    assertThat(results).hasSize(1);
    CellResult r = results.get(0);
    assertThat(r.cell().pipeline()).isEqualTo("nnm | trmean");
    assertThat(r.cell().attack()).isEqualTo("backdoor(target=0)");
    assertThat(r.cell().seed()).isEqualTo(7);
    assertThat(r.cell().momentum()).isCloseTo(0.9, within(0.0));
    assertThat(r.cell().training().rounds()).isEqualTo(3);
    assertThat(r.finalAccuracy()).isCloseTo(0.875, within(0.0));
    assertThat(r.backdoorSuccess()).isCloseTo(0.25, within(0.0));
    assertThat(r.committedRounds()).isEqualTo(2);
    assertThat(r.rejectedUpdates()).isEqualTo(1);
    assertThat(r.seconds()).isCloseTo(2.5, within(1e-9));
    assertThat(r.cell().secure()).as("recorded before the secure_aggregation key existed: off").isFalse();
    assertThat(r.cell().coded()).as("recorded before the coding_d key existed: federated").isFalse();
  }

  @Test
  void read_secureCodedRun_rebuildsGroupSizeAndRedundancy() throws IOException {
    writeRun("0000", true, ",\"grid_secure_aggregation\":\"4\",\"grid_coding_d\":\"3\"");
    assertThat(AuditedResults.read(runs, T)).singleElement().satisfies(r -> {
      assertThat(r.cell().secureAggregation()).isEqualTo(4);
      assertThat(r.cell().coding()).isEqualTo(3);
    });
  }

  @Test
  void read_runWithoutJobEnded_isSkipped() throws IOException {
    writeRun("0000", false);
    assertThat(AuditedResults.read(runs, T)).isEmpty();
  }
}
