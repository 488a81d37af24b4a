package dev.rampart.cli.check;

import dev.rampart.audit.AuditRecord;
import dev.rampart.audit.RecordType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the audit log says happened to each round, read for reconciliation: how often it committed
 * (a rollback to round R makes the later rounds' earlier commits history), the updates accepted in
 * the attempt that committed it (a round planned again after a restart starts a new attempt), the
 * model digest it committed, and the authenticated rejections that name a client. Immutable.
 *
 * @param jobId the job's id (from its first "job started" record)
 * @param topicPrefix the job's topic prefix
 * @param secureAggregation whether the job runs grouped secure aggregation (its updates are not on
 *     the updates topic)
 * @param commits per round, how many live commits it has
 * @param accepted per committed round, the clients accepted in its committing attempt, in order
 * @param committedDigests per committed round, the model digest of its (last) commit
 * @param rejections the authenticated rejections, in log order
 */
public record AuditFacts(String jobId, String topicPrefix, boolean secureAggregation, Map<Long, Integer> commits,
    Map<Long, List<String>> accepted, Map<Long, String> committedDigests, List<Rejected> rejections) {
  /**
   * One "update rejected" record.
   *
   * @param round the round open when it was rejected
   * @param client the sender it names
   * @param reason the rejection reason
   * @param detail its detail
   */
  public record Rejected(long round, String client, String reason, String detail) {
    /** Whether this rejection is the coordinator's verdict on {@code client}'s update for {@code updateRound}. */
    public boolean explains(String updateClient, long updateRound) {
      if (!client.equals(updateClient)) {
        return false;
      }
      return round == updateRound || round > updateRound && detail.contains("update for round " + updateRound + " ");
    }
  }

  /** Reads the facts from a whole log. */
  @SuppressWarnings("unchecked")
  public static AuditFacts of(List<AuditRecord> records) {
    String job = "";
    String prefix = "rampart";
    boolean secure = false;
    Map<Long, Integer> commits = new TreeMap<>();
    Map<Long, List<String>> current = new TreeMap<>();
    Map<Long, List<String>> accepted = new TreeMap<>();
    Map<Long, String> digests = new TreeMap<>();
    List<Rejected> rejections = new ArrayList<>();
    for (AuditRecord r : records) {
      Map<String, Object> b = r.body();
      long round = r.round().orElse(-1);
      switch (r.type()) {
        case JOB_STARTED -> {
          if (job.isEmpty()) {
            job = String.valueOf(b.get("jobId"));
            Map<String, Object> settings = (Map<String, Object>) b.getOrDefault("settings", Map.of());
            prefix = String.valueOf(settings.getOrDefault("topicPrefix", prefix));
            secure = settings.containsKey("secureAggregation");
          }
        }
        case ROUND_PLANNED -> current.put(round, new ArrayList<>());
        case UPDATE_ACCEPTED -> current.computeIfAbsent(round, k -> new ArrayList<>()).add(String.valueOf(b.get("client")));
        case UPDATE_REJECTED -> rejections.add(new Rejected(round, String.valueOf(b.get("client")),
            String.valueOf(b.get("reason")), String.valueOf(b.get("detail"))));
        case AGGREGATE_COMMITTED -> {
          if (round > 0) {
            commits.merge(round, 1, Integer::sum);
            accepted.put(round, List.copyOf(current.getOrDefault(round, List.of())));
            digests.put(round, String.valueOf(b.get("modelDigest")));
          }
        }
        case ROLLBACK -> {
          long to = ((Number) b.get("toRound")).longValue();
          commits.keySet().removeIf(k -> k > to);
          accepted.keySet().removeIf(k -> k > to);
          digests.keySet().removeIf(k -> k > to);
        }
        default -> { }
      }
    }
    return new AuditFacts(job, prefix, secure, commits, accepted, digests, rejections);
  }
}
