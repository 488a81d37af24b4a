package dev.rampart.simulator.grid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.audit.AuditQuery;
import dev.rampart.audit.AuditRecord;
import dev.rampart.audit.RecordType;
import dev.rampart.testkit.KafkaFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A three-cell grid through the real broker: six digits clients, one sign-flipping, the median over
 * secure-aggregation group means. Groups of two (6/(2·1+1) = 2) run and learn, with every client's
 * session state in its own folder under the run; groups of three exceed the bound and the cell is
 * reported as refused while the grid goes on; LAD coded mode with d = 3 runs with three stride
 * groups of two.
 */
class SecureGridIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();
  private static final GridCell.Training TRAINING = new GridCell.Training(3, 0.5, 1, 16, 1.0, 0, 0, 32);

  @TempDir
  Path dir;

  @Test
  void run_secureRefusedAndCodedCells_secureCellsLearnFromGroupMeansAndRefusalIsReported() throws IOException {
    GridCell runs = new GridCell("digits", "logistic", "iid", 6, 1, "sign-flip", "median", 0.0, 1, TRAINING, 2);
    GridCell refused = new GridCell("digits", "logistic", "iid", 6, 1, "sign-flip", "median", 0.0, 1, TRAINING, 3);
    GridCell coded = new GridCell("digits", "logistic", "iid", 6, 1, "sign-flip", "median", 0.0, 1, TRAINING, 2, 3);
    Scenario scenario = new Scenario("secure-it", dir, 1, 20, List.of(runs, refused, coded));
    Path out = dir.resolve("out");

    List<CellResult> results = new GridRunner(scenario, out,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(KAFKA.bootstrapServers());

    CellResult ran = results.get(0);
    assertThat(ran.error()).isEmpty();
    assertThat(ran.committedRounds()).isEqualTo(3);
    // chance is 10 %; three rounds of the median over three group means must be far above it
    assertThat(ran.finalAccuracy()).isGreaterThan(0.5);
    assertThat(results.get(1).error()).startsWith("refused: secure aggregation: groupSize=3 exceeds");
    CellResult lad = results.get(2);
    assertThat(lad.error()).isEmpty();
    assertThat(lad.committedRounds()).isEqualTo(3);
    assertThat(lad.finalAccuracy()).isGreaterThan(0.3);
    Map<String, Object> ladSecure = secureSettings(out.resolve("runs/0002"));
    assertThat(ladSecure).containsEntry("grouping", "stride").containsEntry("groups", 3);

    Path runDir = out.resolve("runs/0000");
    for (int i = 0; i < 6; i++) {
      assertThat(runDir.resolve("secagg").resolve(String.format("client-%02d", i))).isDirectory();
    }
    assertThat(secureSettings(runDir)).containsEntry("groupSize", 2).containsEntry("groups", 3).containsEntry("toleratedByzantineGroups", 1);
    assertThat(Files.readString(out.resolve("results.md"))).contains("## Refused cells").contains("| s=2 |");
    System.out.printf("SecureGridIT: after 3 rounds secure cell accuracy %.4f (%.1f s), coded secure cell %.4f"
        + " (%.1f s)%n", ran.finalAccuracy(), ran.seconds(), lad.finalAccuracy(), lad.seconds());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> secureSettings(Path runDir) throws IOException {
    AuditRecord started = AuditQuery.all().types(RecordType.JOB_STARTED).select(AuditQuery.load(runDir.resolve("audit")))
        .get(0);
    Map<String, Object> settings = (Map<String, Object>) started.body().get("settings");
    return (Map<String, Object>) settings.get("secureAggregation");
  }
}
