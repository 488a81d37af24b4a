package dev.rampart.audit.internal;

import java.util.List;

/**
 * Everything the governance report shows, already extracted from the audit records: plain
 * values, no parsing left for the renderer. Immutable when built from immutable lists.
 *
 * @param jobId the job id, or "unknown" without a JOB_STARTED record
 * @param period first and last record time, as text
 * @param signer the coordinator key id the records name
 * @param status one line on how the job ended
 * @param chain the verification status
 * @param summary headline numbers
 * @param settings the job settings and threat model, in display order
 * @param charts the metric charts
 * @param heatmap the per-round, per-client evidence
 * @param rejections every rejected update
 * @param lineage the model versions
 * @param rollbacks every rollback
 * @param warnings cross-check findings (store against records), empty when consistent
 */
public record ReportView(String jobId, String period, String signer, String status,
    Chain chain, List<Stat> summary, List<Setting> settings, List<Chart> charts, Heatmap heatmap,
    List<Rejection> rejections, List<Node> lineage, List<Rollback> rollbacks,
    List<String> warnings) {

  /** Verification state: {@code "verified"}, {@code "failed"} or {@code "unverified"}. */
  public record Chain(String state, String headline, List<Setting> details) {}

  /** A headline number with its label and an optional tone ({@code "good"}, {@code "bad"}, {@code ""}). */
  public record Stat(String label, String value, String tone) {}

  /**
   * One row of the settings table.
   *
   * @param group the table section, e.g. "Threat model"
   * @param flag a warning shown next to the value, empty when none
   */
  public record Setting(String group, String name, String value, String flag) {}

  /** A point of a metric series; {@code version} links it to its parent's point. */
  public record Point(long version, Long parentVersion, double round, double value,
      boolean current) {}

  /** One metric over the committed versions. */
  public record Series(String name, List<Point> points) {}

  /**
   * A chart of one or more series against the round number.
   *
   * @param unitInterval the y axis is fixed to [0, 1] (accuracy)
   * @param rollbackRounds rounds after which a rollback happened, drawn as markers
   */
  public record Chart(String id, String title, String yLabel, List<Series> series,
      boolean unitInterval, List<Double> rollbackRounds) {}

  /**
   * One heatmap cell.
   *
   * @param state {@code excluded}, {@code suspected}, {@code accepted}, {@code rejected} or
   *     {@code missing} (planned, nothing arrived)
   * @param severity in [0, 1], drives the colour's strength
   * @param tooltip the evidence in words
   */
  public record Cell(String client, long round, String state, double severity, String tooltip) {}

  /** Rows are clients, columns rounds; {@code note} explains any truncation. */
  public record Heatmap(List<String> clients, List<Long> rounds, List<Cell> cells, String note) {}

  /** A rejected update. */
  public record Rejection(long sequence, long round, String client, String reason,
      String detail) {}

  /**
   * A model version.
   *
   * @param parentVersion the parent's version, null for a root
   * @param current on the path from a root to the latest version (not abandoned by a rollback)
   * @param store the model store's view: "verified"-free status such as "stored", "missing",
   *     "no store", or a mismatch note
   */
  public record Node(long version, long round, String digest, Long parentVersion, long sequence,
      String time, boolean current, String store) {}

  /** A rollback. */
  public record Rollback(long sequence, String time, long fromVersion, long toVersion,
      long toRound, String reason, String operator) {}
}
