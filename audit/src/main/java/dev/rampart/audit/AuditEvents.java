package dev.rampart.audit;

import dev.rampart.protocol.RejectionReason;
import dev.rampart.protocol.Untrusted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the documented body of each {@link RecordType}, so callers never assemble maps by hand.
 * Each method returns a fresh, mutable, insertion-ordered map (callers may add fields of their
 * own before appending; the log writes keys sorted anyway). Doubles that are NaN become JSON
 * {@code null}; infinite doubles are refused by the log.
 *
 * <p>Stateless and thread-safe.
 */
public final class AuditEvents {
  /** Metric name: mean training loss of the accepted updates. */
  public static final String METRIC_TRAIN_LOSS = "trainLoss";
  /** Metric name: accuracy of the committed model on the held-out test set, in [0, 1]. */
  public static final String METRIC_TEST_ACCURACY = "testAccuracy";
  /** Metric name: loss of the committed model on the held-out test set. */
  public static final String METRIC_TEST_LOSS = "testLoss";

  private AuditEvents() {}

  /**
   * Body of {@link RecordType#JOB_STARTED}.
   *
   * @param jobId the job id
   * @param codeVersion the build that runs the job (e.g. a git commit and version)
   * @param threatModel the robustness assumptions
   * @param seeds every seed of the run by name, so the run can be replayed
   * @param settings every other setting, as JSON-serialisable values
   */
  public static Map<String, Object> jobStarted(String jobId, String codeVersion,
      ThreatModel threatModel, Map<String, Long> seeds, Map<String, ?> settings) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("jobId", Objects.requireNonNull(jobId, "jobId"));
    body.put("codeVersion", Objects.requireNonNull(codeVersion, "codeVersion"));
    body.put("threatModel", threatModel.toBody());
    body.put("seeds", new LinkedHashMap<>(seeds));
    body.put("settings", new LinkedHashMap<>(settings));
    return body;
  }

  /**
   * Body of {@link RecordType#ROUND_PLANNED}.
   *
   * @param round the round, at least 0
   * @param modelVersion the version the participants train on
   * @param participants the client ids asked to contribute
   * @param tasks shard indices per client id (coded mode); empty in federated mode
   * @param groups secure-aggregation groups of client ids; empty without secure aggregation
   */
  public static Map<String, Object> roundPlanned(long round, long modelVersion,
      List<String> participants, Map<String, List<Integer>> tasks, List<List<String>> groups) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("round", requireRound(round));
    body.put("modelVersion", modelVersion);
    body.put("participants", List.copyOf(participants));
    body.put("tasks", new LinkedHashMap<>(tasks));
    body.put("groups", groups.stream().map(List::copyOf).toList());
    return body;
  }

  /** How a round's intake ended, for {@link RecordType#ROUND_CLOSED}. */
  public enum ClosedBy {
    /** Before the deadline: every participant (in a secure round, every group) had answered. */
    ALL_ANSWERED,
    /** The deadline passed first. */
    DEADLINE
  }

  /**
   * Body of {@link RecordType#ROUND_CLOSED}.
   *
   * @throws IllegalArgumentException when {@code round} or a count is negative
   */
  public static Map<String, Object> roundClosed(long round, Instant deadline, ClosedBy closedBy, int accepted,
      long rejected) {
    if (accepted < 0 || rejected < 0) {
      throw new IllegalArgumentException("counts must be at least 0, but accepted=" + accepted + ", rejected="
          + rejected);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("round", requireRound(round));
    body.put("deadline", Objects.requireNonNull(deadline, "deadline").toString());
    body.put("closedBy", Objects.requireNonNull(closedBy, "closedBy").name());
    body.put("accepted", accepted);
    body.put("rejected", rejected);
    return body;
  }

  /**
   * Body of {@link RecordType#UPDATE_ACCEPTED}.
   *
   * @param updateDigest lowercase hex SHA-256 of the update's signed body as received: the body
   *     digest its envelope signature covers, so the record ties to the message the client signed
   * @param samples the client's reported sample count, 0 when not reported
   */
  public static Map<String, Object> updateAccepted(long round, String client, long modelVersion,
      String updateDigest, long samples) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("round", requireRound(round));
    body.put("client", Objects.requireNonNull(client, "client"));
    body.put("modelVersion", modelVersion);
    body.put("updateDigest", Objects.requireNonNull(updateDigest, "updateDigest"));
    body.put("samples", samples);
    return body;
  }

  /**
   * Body of {@link RecordType#UPDATE_REJECTED}. The client is cut to {@link Untrusted#id} and the
   * detail to {@link Untrusted#text}, both escaped, so the record stays small whatever they hold.
   *
   * @param client the claimed sender, {@code "?"} when it could not be read
   * @param detail explanation naming the offending values (never payload bytes)
   */
  public static Map<String, Object> updateRejected(long round, String client,
      RejectionReason reason, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("round", requireRound(round));
    body.put("client", Untrusted.id(Objects.requireNonNull(client, "client")));
    body.put("reason", reason.name());
    body.put("detail", Untrusted.text(Objects.requireNonNull(detail, "detail")));
    return body;
  }

  /**
   * Body of {@link RecordType#REJECTIONS_SUMMARIZED}: the tally of one round's summarised
   * rejections, at most {@link RejectionTally#MAX_BODY_BYTES} once encoded.
   */
  public static Map<String, Object> rejectionsSummarized(RejectionTally tally) {
    return tally.toBody();
  }

  /**
   * Body of {@link RecordType#ANOMALY}: the pipeline's evidence for every aggregated client.
   *
   * @param rule the aggregation pipeline spec
   * @param clients one entry per aggregated client, in input order
   */
  public static Map<String, Object> anomaly(long round, String rule, List<ClientAnomaly> clients) {
    List<Map<String, Object>> entries = new ArrayList<>();
    List<String> suspected = new ArrayList<>();
    for (ClientAnomaly c : clients) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("client", c.client());
      e.put("excluded", c.excluded());
      e.put("weight", finiteOrNull(c.weight()));
      e.put("trimmedShare", c.trimmedShare());
      e.put("clipScale", c.clipScale());
      e.put("score", finiteOrNull(c.score()));
      e.put("distanceToAggregate", finiteOrNull(c.distanceToAggregate()));
      e.put("suspected", c.suspected());
      entries.add(e);
      if (c.suspected()) {
        suspected.add(c.client());
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("round", requireRound(round));
    body.put("rule", Objects.requireNonNull(rule, "rule"));
    body.put("clients", entries);
    body.put("suspected", suspected);
    return body;
  }

  /** Body of {@link RecordType#AGGREGATE_COMMITTED}. */
  public static Map<String, Object> aggregateCommitted(AggregateCommit commit) {
    Map<String, Object> metrics = new LinkedHashMap<>();
    commit.metrics().forEach((k, v) -> metrics.put(k, v == null ? null : finiteOrNull(v)));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("round", commit.round());
    body.put("rule", commit.rule());
    body.put("inputs", commit.inputs());
    body.put("modelVersion", commit.modelVersion());
    body.put("modelDigest", commit.modelDigest());
    body.put("parentDigest", commit.parentDigest());
    body.put("metrics", metrics);
    return body;
  }

  /**
   * Body of {@link RecordType#ROLLBACK}.
   *
   * @param fromVersion the version in use before the rollback
   * @param target the stored version training continues from
   * @param reason why, in the operator's words
   * @param operator who ordered it
   */
  public static Map<String, Object> rollback(long fromVersion, ModelRef target, String reason,
      String operator) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("fromVersion", fromVersion);
    body.put("toVersion", target.version());
    body.put("toRound", target.round());
    body.put("toDigest", target.digest());
    body.put("reason", Objects.requireNonNull(reason, "reason"));
    body.put("operator", Objects.requireNonNull(operator, "operator"));
    return body;
  }

  /**
   * Body of {@link RecordType#JOB_ENDED}.
   *
   * @param status e.g. {@code "COMPLETED"}, {@code "FAILED"}, {@code "STOPPED"}
   * @param rounds rounds run
   * @param finalVersion the last model version
   * @param finalDigest its digest
   * @param detail free text, e.g. the failure message; empty when none
   */
  public static Map<String, Object> jobEnded(String status, long rounds, long finalVersion,
      String finalDigest, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", Objects.requireNonNull(status, "status"));
    body.put("rounds", rounds);
    body.put("finalVersion", finalVersion);
    body.put("finalDigest", Objects.requireNonNull(finalDigest, "finalDigest"));
    body.put("detail", Objects.requireNonNull(detail, "detail"));
    return body;
  }

  private static Double finiteOrNull(double value) {
    return Double.isNaN(value) ? null : value;
  }

  private static long requireRound(long round) {
    if (round < 0) {
      throw new IllegalArgumentException("round must be >= 0, but round=" + round);
    }
    return round;
  }
}
