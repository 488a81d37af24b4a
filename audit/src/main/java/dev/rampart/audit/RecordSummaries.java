package dev.rampart.audit;

import dev.rampart.audit.internal.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/** One-line summaries of record bodies for the query table. Stateless. */
final class RecordSummaries {
  private RecordSummaries() {}

  static String summary(AuditRecord r) {
    Map<String, Object> b = r.body();
    return switch (r.type()) {
      case JOB_STARTED -> jobStarted(b);
      case ROUND_PLANNED -> "model=v" + b.get("modelVersion") + " participants="
          + size(b.get("participants")) + " groups=" + size(b.get("groups"));
      case ROUND_CLOSED -> "by " + b.get("closedBy") + " accepted=" + b.get("accepted") + " rejected="
          + b.get("rejected") + " deadline=" + b.get("deadline");
      case UPDATE_ACCEPTED -> "model=v" + b.get("modelVersion") + " samples=" + b.get("samples")
          + " digest=" + shortHex(b.get("updateDigest"));
      case UPDATE_REJECTED -> b.get("reason") + ": " + b.get("detail");
      case REJECTIONS_SUMMARIZED -> b.get("total") + " rejections " + json(b.get("byReason")) + " top senders "
          + json(b.get("bySender")) + " others=" + b.get("otherSenders");
      case ANOMALY -> "rule=" + b.get("rule") + " suspected=" + size(b.get("suspected")) + "/"
          + size(b.get("clients")) + " " + b.get("suspected");
      case AGGREGATE_COMMITTED -> committed(b);
      case ROLLBACK -> "v" + b.get("fromVersion") + " -> v" + b.get("toVersion") + " (round "
          + b.get("toRound") + ") by " + b.get("operator") + ": " + b.get("reason");
      case JOB_ENDED -> b.get("status") + " rounds=" + b.get("rounds") + " final=v"
          + b.get("finalVersion") + (isBlank(b.get("detail")) ? "" : ": " + b.get("detail"));
      case TAIL_REPAIRED -> b.get("segment") + "@" + b.get("byteOffset") + " " + b.get("length")
          + " bytes -> " + b.get("quarantineFile") + " by " + b.get("operator");
    };
  }

  private static String jobStarted(Map<String, Object> b) {
    StringBuilder s = new StringBuilder("job=" + b.get("jobId") + " code=" + b.get("codeVersion"));
    if (b.get("threatModel") instanceof Map<?, ?> t) {
      s.append(" f=").append(t.get("assumedByzantine")).append(" n=").append(t.get("clientCount"))
          .append(" rule=").append(t.get("aggregation"))
          .append(" secagg=").append(Boolean.TRUE.equals(t.get("secureAggregation"))
              ? "groups of " + t.get("groupSize") : "off");
    }
    return s.toString();
  }

  private static String committed(Map<String, Object> b) {
    StringBuilder s = new StringBuilder("v" + b.get("modelVersion") + " rule=" + b.get("rule")
        + " inputs=" + size(b.get("inputs")) + " digest=" + shortHex(b.get("modelDigest")));
    if (b.get("metrics") instanceof Map<?, ?> m) {
      m.forEach((k, v) -> s.append(' ').append(k).append('=').append(number(v)));
    }
    return s.toString();
  }

  static String number(Object v) {
    if (v instanceof Double d) {
      return String.format(java.util.Locale.ROOT, "%.4g", d);
    }
    return String.valueOf(v);
  }

  static String shortHex(Object digest) {
    return digest instanceof String s && s.length() > 12 ? s.substring(0, 12) : String.valueOf(digest);
  }

  private static int size(Object list) {
    return list instanceof Collection<?> c ? c.size() : 0;
  }

  private static boolean isBlank(Object text) {
    return !(text instanceof String s) || s.isBlank();
  }

  static String json(Object value) {
    return new String(CanonicalJson.bytes(CanonicalJson.toTree(value)), StandardCharsets.UTF_8);
  }
}
