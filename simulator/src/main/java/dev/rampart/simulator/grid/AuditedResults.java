package dev.rampart.simulator.grid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rampart.audit.AuditEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Rebuilds grid results from the run folders' audit trails alone: the "job started" record gives
 * the cell (its {@code grid_*} training parameters and the aggregation rule), the last "aggregate
 * committed" record its final metrics (a missing {@code grid_secure_aggregation} or
 * {@code grid_coding_d} parameter, as in runs recorded before those keys existed, means off), the
 * two records' times the job's duration (setup excluded). Runs without a "job ended" record
 * (still running or killed) are skipped. Used by {@code rampart grid --report-only} and as proof that the audit
 * trail is enough to identify and rerun every cell. Stateless and thread-safe.
 */
public final class AuditedResults {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AuditedResults() {}

  /** The finished runs under {@code runsDirectory}, in folder-name order. */
  public static List<CellResult> read(Path runsDirectory, GridCell.Training training) {
    List<CellResult> out = new ArrayList<>();
    try (Stream<Path> runs = Files.list(runsDirectory)) {
      for (Path run : runs.sorted().toList()) {
        readRun(run, training).ifPresent(out::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + runsDirectory, e);
    }
    return out;
  }

  static Optional<CellResult> readRun(Path run, GridCell.Training training) throws IOException {
    Path auditDir = run.resolve("audit");
    if (!Files.isDirectory(auditDir)) {
      return Optional.empty();
    }
    JsonNode started = null;
    JsonNode lastCommit = null;
    long commits = 0;
    long rejected = 0;
    boolean ended = false;
    String startTime = null;
    String endTime = null;
    try (Stream<Path> files = Files.list(auditDir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList()) {
        for (String line : Files.readAllLines(f)) {
          int tab = line.indexOf('\t');
          JsonNode r = JSON.readTree(tab < 0 ? line : line.substring(0, tab));
          switch (r.path("type").asText()) {
            case "JOB_STARTED" -> {
              started = r.path("body");
              startTime = r.path("time").asText(null);
            }
            case "AGGREGATE_COMMITTED" -> {
              if (r.path("body").path("round").asLong() > 0) {
                lastCommit = r.path("body");
                commits++;
              }
            }
            case "UPDATE_REJECTED" -> rejected++;
            case "REJECTIONS_SUMMARIZED" -> rejected += r.path("body").path("total").asLong();
            case "JOB_ENDED" -> {
              ended = true;
              endTime = r.path("time").asText(null);
            }
            default -> { }
          }
        }
      }
    }
    if (started == null || !ended) {
      return Optional.empty();
    }
    GridCell cell = cellOf(started, training);
    double accuracy = lastCommit == null ? Double.NaN
        : lastCommit.path("metrics").path(AuditEvents.METRIC_TEST_ACCURACY).asDouble(Double.NaN);
    double backdoor = lastCommit == null ? Double.NaN
        : lastCommit.path("metrics").path(CellRunner.METRIC_BACKDOOR_SUCCESS).asDouble(Double.NaN);
    double seconds = startTime == null || endTime == null ? Double.NaN
        : Duration.between(Instant.parse(startTime), Instant.parse(endTime)).toMillis() / 1000.0;
    return Optional.of(new CellResult(cell, run.getFileName().toString(), accuracy, backdoor, commits, rejected, seconds,
        ""));
  }

  /** The grid cell a run's JOB_STARTED settings describe; {@code training} fills what they omit. */
  private static GridCell cellOf(JsonNode started, GridCell.Training training) {
    JsonNode p = started.path("settings").path("training");
    GridCell.Training t = new GridCell.Training(started.path("settings").path("rounds").asInt(training.rounds()),
        p.path("learning_rate").asDouble(training.learningRate()), p.path("local_epochs").asInt(training.localEpochs()),
        p.path("batch_size").asInt(training.batchSize()), training.serverLearningRate(),
        p.path("grid_train_samples").asInt(training.trainSamples()), p.path("grid_test_samples").asInt(training.testSamples()),
        training.hidden());
    return new GridCell(p.path("grid_dataset").asText(), p.path("grid_model").asText().replaceAll("\\(.*", ""),
        p.path("grid_split").asText(), p.path("grid_clients").asInt(), p.path("grid_byzantine").asInt(),
        p.path("grid_attack").asText(), started.path("settings").path("aggregation").asText(),
        p.path("grid_momentum").asDouble(), p.path("grid_seed").asLong(), t, p.path("grid_secure_aggregation").asInt(0),
        p.path("grid_coding_d").asInt(1));
  }
}
