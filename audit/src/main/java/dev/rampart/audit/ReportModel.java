package dev.rampart.audit;

import dev.rampart.audit.internal.CanonicalJson;
import dev.rampart.audit.internal.ReportView;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns audit records, a verification result and a model store into a {@link ReportView}. */
final class ReportModel {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final List<String> THREAT_ORDER = List.of("assumedByzantine", "clientCount",
      "aggregation", "groupCount", "boundHolds", "clientAuthentication", "secureAggregation",
      "groupSize", "compression", "maxUpdateNorm", "maxUpdateBytes");
  private static final Map<String, String> THREAT_LABELS = Map.ofEntries(
      Map.entry("assumedByzantine", "Assumed Byzantine clients (f)"),
      Map.entry("clientCount", "Enrolled clients (n)"),
      Map.entry("aggregation", "Aggregation pipeline"),
      Map.entry("clientAuthentication", "Client authentication"),
      Map.entry("secureAggregation", "Secure aggregation"),
      Map.entry("groupSize", "Secure-aggregation group size"),
      Map.entry("groupCount", "Inputs to the robust rule"),
      Map.entry("boundHolds", "Robustness bound (inputs ≥ 2f + 1)"),
      Map.entry("compression", "Update compression"),
      Map.entry("maxUpdateNorm", "Maximum update L2 norm"),
      Map.entry("maxUpdateBytes", "Maximum update size (bytes)"));

  private ReportModel() {}

  static ReportView build(List<AuditRecord> records, VerificationResult verification,
      ModelStore store) {
    AuditRecord start = first(records, RecordType.JOB_STARTED);
    AuditRecord end = last(records, RecordType.JOB_ENDED);
    ReportLineage lineage = new ReportLineage(records, store);
    List<String> warnings = new ArrayList<>(lineage.warnings);
    String jobId = start == null ? "unknown" : Bodies.text(start.body(), "jobId", "unknown");
    String period = records.isEmpty() ? "no records" : time(records.get(0).time()) + " → "
        + time(records.get(records.size() - 1).time());
    String signer = records.isEmpty() ? "unknown" : records.get(0).signerKeyId();
    String status = end == null ? "no JOB_ENDED record (running, or stopped abnormally)"
        : Bodies.text(end.body(), "status", "?") + " after " + Bodies.integer(end.body(), "rounds",
            0) + " rounds, final version v" + Bodies.integer(end.body(), "finalVersion", 0);
    return new ReportView(jobId, period, signer, status, chain(records, verification),
        summary(records, lineage), settings(start), ReportCharts.charts(records, lineage),
        ReportCharts.heatmap(records), rejections(records), lineage.nodes(), rollbacks(records),
        warnings);
  }

  static String time(Instant instant) {
    return TIME.format(instant);
  }

  private static ReportView.Chain chain(List<AuditRecord> records, VerificationResult result) {
    List<ReportView.Setting> details = new ArrayList<>();
    details.add(row("Records in this report", Integer.toString(records.size())));
    if (!records.isEmpty()) {
      details.add(row("Signer key id named by the records", records.get(0).signerKeyId()));
    }
    if (result == null) {
      return new ReportView.Chain("unverified", "The records in this report were not verified "
          + "against a pinned coordinator key. Run 'rampart audit verify' before relying on them.",
          details);
    }
    details.add(row("Records verified", Long.toString(result.recordCount())));
    details.add(row("Segment files", Integer.toString(result.segmentCount())));
    result.head().ifPresent(h -> {
      details.add(row("Last verified record", "seq " + h.sequence()));
      details.add(row("Last verified hash", h.hash()));
    });
    if (result.valid()) {
      String headline = "All " + result.recordCount() + " records verify: every signature under "
          + "the pinned coordinator key, sequence numbers contiguous from 1, hash chain intact.";
      return new ReportView.Chain("verified", headline, details);
    }
    VerificationFailure f = result.failure().orElseThrow();
    details.add(row("Failure", f.kind().name()));
    details.add(row("First bad record", f.source() + " line " + f.line() + " (byte "
        + f.byteOffset() + ")" + (f.sequence().isPresent() ? ", seq " + f.sequence().getAsLong()
            : "")));
    details.add(row("Why", f.detail()));
    return new ReportView.Chain("failed", "Verification failed: " + f.describe() + ". Only the "
        + result.recordCount() + " records before it can be trusted.", details);
  }

  private static List<ReportView.Stat> summary(List<AuditRecord> records, ReportLineage lineage) {
    long commits = count(records, RecordType.AGGREGATE_COMMITTED);
    long rejected = count(records, RecordType.UPDATE_REJECTED) + summarisedRejections(records);
    long rollbacks = count(records, RecordType.ROLLBACK);
    long excluded = 0;
    long suspected = 0;
    for (AuditRecord r : records) {
      if (r.type() == RecordType.ANOMALY) {
        for (Map<String, Object> e : Bodies.objects(r.body(), "clients")) {
          excluded += Bodies.flag(e, "excluded") ? 1 : 0;
          suspected += Bodies.flag(e, "suspected") ? 1 : 0;
        }
      }
    }
    return List.of(
        new ReportView.Stat("Aggregates committed", Long.toString(commits), ""),
        new ReportView.Stat("Latest model version", lineage.latest()
            .map(v -> "v" + v.version()).orElse("-"), ""),
        new ReportView.Stat("Updates accepted",
            Long.toString(count(records, RecordType.UPDATE_ACCEPTED)), "good"),
        new ReportView.Stat("Updates rejected", Long.toString(rejected), rejected > 0 ? "bad" : ""),
        new ReportView.Stat("Client-rounds suspected", Long.toString(suspected),
            suspected > 0 ? "bad" : ""),
        new ReportView.Stat("Client-rounds excluded", Long.toString(excluded),
            excluded > 0 ? "bad" : ""),
        new ReportView.Stat("Rollbacks", Long.toString(rollbacks), ""),
        new ReportView.Stat("Audit records", Integer.toString(records.size()), ""));
  }

  private static List<ReportView.Setting> settings(AuditRecord start) {
    List<ReportView.Setting> rows = new ArrayList<>();
    if (start == null) {
      return rows;
    }
    Map<String, Object> b = start.body();
    rows.add(new ReportView.Setting("Job", "Job id", Bodies.text(b, "jobId", "?"), ""));
    rows.add(new ReportView.Setting("Job", "Code version", Bodies.text(b, "codeVersion", "?"), ""));
    rows.add(new ReportView.Setting("Job", "Started", time(start.time()), ""));
    Map<String, Object> threat = Bodies.object(b, "threatModel");
    for (String key : THREAT_ORDER) {
      if (threat.containsKey(key)) {
        rows.add(threatRow(threat, key, threat.get(key)));
      }
    }
    threat.forEach((k, v) -> {
      if (!THREAT_ORDER.contains(k)) {
        rows.add(threatRow(threat, k, v));
      }
    });
    Bodies.object(b, "seeds").forEach((k, v) -> rows.add(
        new ReportView.Setting("Seeds", k, display(v), "")));
    Bodies.object(b, "settings").forEach((k, v) -> rows.add(
        new ReportView.Setting("Settings", k, display(v), "")));
    return rows;
  }

  private static ReportView.Setting threatRow(Map<String, Object> t, String key, Object value) {
    String label = THREAT_LABELS.getOrDefault(key, key);
    String text = display(value);
    String flag = "";
    switch (key) {
      case "secureAggregation" -> text = Boolean.TRUE.equals(value) ? "on, groups of "
          + t.get("groupSize") : "off";
      case "maxUpdateNorm", "maxUpdateBytes" -> text = value == null ? "unbounded" : text;
      case "groupSize" -> text = Boolean.TRUE.equals(t.get("secureAggregation")) ? text
          : "n/a (secure aggregation off)";
      case "boundHolds" -> {
        long inputs = Bodies.integer(t, "groupCount", 0);
        long needed = 2 * Bodies.integer(t, "assumedByzantine", 0) + 1;
        text = (Boolean.TRUE.equals(value) ? "holds: " : "violated: ") + inputs + " inputs, "
            + needed + " needed";
        flag = Boolean.TRUE.equals(value) ? "" : "robustness not guaranteed";
      }
      default -> { }
    }
    return new ReportView.Setting("Threat model", label, text, flag);
  }

  private static String display(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return s;
    }
    return new String(CanonicalJson.bytes(CanonicalJson.toTree(value)), StandardCharsets.UTF_8);
  }

  private static List<ReportView.Rejection> rejections(List<AuditRecord> records) {
    List<ReportView.Rejection> rows = new ArrayList<>();
    for (AuditRecord r : records) {
      if (r.type() == RecordType.UPDATE_REJECTED) {
        rows.add(new ReportView.Rejection(r.sequence(), Bodies.integer(r.body(), "round", -1),
            Bodies.text(r.body(), "client", "?"), Bodies.text(r.body(), "reason", "?"),
            Bodies.text(r.body(), "detail", "")));
      } else if (r.type() == RecordType.REJECTIONS_SUMMARIZED) {
        rows.add(new ReportView.Rejection(r.sequence(), Bodies.integer(r.body(), "round", -1),
            "(" + Bodies.integer(r.body(), "total", 0) + " summarised)", "SUMMARY",
            "by reason " + RecordSummaries.json(r.body().get("byReason")) + "; top senders "
                + RecordSummaries.json(r.body().get("bySender")) + "; others "
                + Bodies.integer(r.body(), "otherSenders", 0)));
      }
    }
    return rows;
  }

  private static List<ReportView.Rollback> rollbacks(List<AuditRecord> records) {
    List<ReportView.Rollback> rows = new ArrayList<>();
    for (AuditRecord r : records) {
      if (r.type() == RecordType.ROLLBACK) {
        Map<String, Object> b = r.body();
        rows.add(new ReportView.Rollback(r.sequence(), time(r.time()),
            Bodies.integer(b, "fromVersion", -1), Bodies.integer(b, "toVersion", -1),
            Bodies.integer(b, "toRound", -1), Bodies.text(b, "reason", ""),
            Bodies.text(b, "operator", "?")));
      }
    }
    return rows;
  }

  private static ReportView.Setting row(String name, String value) {
    return new ReportView.Setting("", name, value, "");
  }

  private static long summarisedRejections(List<AuditRecord> records) {
    return records.stream().filter(r -> r.type() == RecordType.REJECTIONS_SUMMARIZED)
        .mapToLong(r -> Bodies.integer(r.body(), "total", 0)).sum();
  }

  private static long count(List<AuditRecord> records, RecordType type) {
    return records.stream().filter(r -> r.type() == type).count();
  }

  private static AuditRecord first(List<AuditRecord> records, RecordType type) {
    return records.stream().filter(r -> r.type() == type).findFirst().orElse(null);
  }

  private static AuditRecord last(List<AuditRecord> records, RecordType type) {
    AuditRecord found = null;
    for (AuditRecord r : records) {
      found = r.type() == type ? r : found;
    }
    return found;
  }
}
