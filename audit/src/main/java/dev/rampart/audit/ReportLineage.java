package dev.rampart.audit;

import dev.rampart.audit.internal.ReportView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The model versions of a run, from the signed AGGREGATE_COMMITTED records, completed and
 * cross-checked with the model store when one is given. Not thread-safe; built once per report.
 */
final class ReportLineage {
  /** One committed version and the record that committed it (null for store-only versions). */
  record Version(long version, long round, String digest, Long parentVersion, AuditRecord record) {}

  final Map<Long, Version> versions = new LinkedHashMap<>();
  final Set<Long> current = new HashSet<>();
  final List<String> warnings = new ArrayList<>();
  private final Map<Long, String> storeStatus = new HashMap<>();

  ReportLineage(List<AuditRecord> records, ModelStore store) {
    List<ModelRef> stored = store == null ? List.of() : store.lineage();
    Map<Long, ModelRef> storedByVersion = new HashMap<>();
    stored.forEach(r -> storedByVersion.put(r.version(), r));
    List<Version> ordered = new ArrayList<>();
    for (AuditRecord r : records) {
      if (r.type() != RecordType.AGGREGATE_COMMITTED) {
        continue;
      }
      long version = Bodies.integer(r.body(), "modelVersion", -1);
      String digest = Bodies.text(r.body(), "modelDigest", "?");
      String parentDigest = Bodies.text(r.body(), "parentDigest", null);
      ModelRef ref = storedByVersion.get(version);
      Long parent = ref != null && ref.digest().equals(digest) && ref.parentVersion().isPresent()
          ? Long.valueOf(ref.parentVersion().getAsLong()) : resolve(parentDigest, ordered, stored);
      ordered.add(new Version(version, Bodies.integer(r.body(), "round", 0), digest, parent, r));
      storeStatus.put(version, check(store, ref, version, digest, r.sequence()));
    }
    for (ModelRef ref : stored) {
      if (ordered.stream().noneMatch(v -> v.version() == ref.version())) {
        ordered.add(new Version(ref.version(), ref.round(), ref.digest(),
            ref.parentVersion().isPresent() ? ref.parentVersion().getAsLong() : null, null));
        storeStatus.put(ref.version(), ref.version() == 0 && ref.round() == 0
            ? "stored (initial model)" : "stored, no commit record");
        if (ref.version() > 0) {
          warnings.add("version " + ref.version() + " is in the model store but no "
              + "AGGREGATE_COMMITTED record names it");
        }
      }
    }
    ordered.sort((a, b) -> Long.compare(a.version(), b.version()));
    ordered.forEach(v -> versions.put(v.version(), v));
    markCurrent(ordered);
    checkRollbackTargets(records, store);
  }

  private static Long resolve(String parentDigest, List<Version> earlier, List<ModelRef> stored) {
    if (parentDigest == null) {
      return null;
    }
    for (int i = earlier.size() - 1; i >= 0; i--) {
      if (earlier.get(i).digest().equals(parentDigest)) {
        return earlier.get(i).version();
      }
    }
    for (int i = stored.size() - 1; i >= 0; i--) {
      if (stored.get(i).digest().equals(parentDigest)) {
        return stored.get(i).version();
      }
    }
    return null;
  }

  private String check(ModelStore store, ModelRef ref, long version, String digest, long seq) {
    if (store == null) {
      return "no model store given";
    }
    if (ref == null) {
      warnings.add("version " + version + " (committed by seq " + seq + ") is not in the model "
          + "store lineage");
      return "not in store";
    }
    if (!ref.digest().equals(digest)) {
      warnings.add("version " + version + ": the store holds digest " + ref.digest()
          + " but seq " + seq + " committed " + digest);
      return "store digest differs";
    }
    if (!store.contains(digest)) {
      warnings.add("version " + version + ": model file " + digest + ".bin is missing");
      return "file missing";
    }
    if (ref.auditSequence() != seq) {
      warnings.add("version " + version + ": the store names audit seq " + ref.auditSequence()
          + " but the commit record is seq " + seq);
      return "stored, audit seq differs";
    }
    return "stored";
  }

  private void markCurrent(List<Version> ordered) {
    if (ordered.isEmpty()) {
      return;
    }
    Long at = ordered.get(ordered.size() - 1).version();
    while (at != null && current.add(at)) {
      Version v = versions.get(at);
      at = v == null ? null : v.parentVersion();
    }
  }

  private void checkRollbackTargets(List<AuditRecord> records, ModelStore store) {
    for (AuditRecord r : records) {
      if (r.type() == RecordType.ROLLBACK && store != null) {
        String digest = Bodies.text(r.body(), "toDigest", "");
        if (!store.contains(digest)) {
          warnings.add("rollback at seq " + r.sequence() + " restored digest " + digest
              + ", which the model store does not hold");
        }
      }
    }
  }

  List<ReportView.Node> nodes() {
    List<ReportView.Node> nodes = new ArrayList<>();
    for (Version v : versions.values()) {
      nodes.add(new ReportView.Node(v.version(), v.round(), v.digest(), v.parentVersion(),
          v.record() == null ? 0 : v.record().sequence(),
          v.record() == null ? "-" : ReportModel.time(v.record().time()),
          current.contains(v.version()), storeStatus.getOrDefault(v.version(), "")));
    }
    return nodes;
  }

  Optional<Version> latest() {
    return versions.values().stream().reduce((a, b) -> b);
  }
}
