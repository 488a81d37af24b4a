package dev.rampart.cli.deploy;

import dev.rampart.audit.AuditQuery;
import dev.rampart.audit.AuditRecord;
import dev.rampart.audit.RecordType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-round facts read back from a coordinator's audit log: the updates accepted in the attempt of
 * each round that committed (a round run again after a crash starts a new attempt at its
 * ROUND_PLANNED record), the commit's inputs, and how often each round committed.
 */
record AuditCounts(Map<Long, List<String>> acceptedInCommittedAttempt, Map<Long, List<String>> commitInputs,
    Map<Long, Integer> commitsPerRound, Map<Long, Integer> attemptsPerRound, List<AuditRecord> records) {

  @SuppressWarnings("unchecked")
  static AuditCounts read(Path runDirectory) {
    List<AuditRecord> records = AuditQuery.load(runDirectory.resolve("audit"));
    Map<Long, List<String>> current = new TreeMap<>();
    Map<Long, List<String>> accepted = new TreeMap<>();
    Map<Long, List<String>> inputs = new TreeMap<>();
    Map<Long, Integer> commits = new TreeMap<>();
    Map<Long, Integer> attempts = new TreeMap<>();
    for (AuditRecord r : records) {
      if (r.round().isEmpty()) {
        continue;
      }
      long round = r.round().getAsLong();
      switch (r.type()) {
        case ROUND_PLANNED -> {
          current.put(round, new ArrayList<>());
          attempts.merge(round, 1, Integer::sum);
        }
        case UPDATE_ACCEPTED -> current.computeIfAbsent(round, k -> new ArrayList<>())
            .add((String) r.body().get("client"));
        case AGGREGATE_COMMITTED -> {
          if (round > 0) {
            commits.merge(round, 1, Integer::sum);
            accepted.put(round, List.copyOf(current.getOrDefault(round, List.of())));
            inputs.put(round, List.copyOf((List<String>) r.body().get("inputs")));
          }
        }
        default -> { }
      }
    }
    return new AuditCounts(accepted, inputs, commits, attempts, records);
  }

  long count(RecordType type) {
    return records.stream().filter(r -> r.type() == type).count();
  }
}
