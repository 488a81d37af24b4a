package dev.rampart.coordinator;

import dev.rampart.audit.FsyncPolicy;
import dev.rampart.audit.ModelRef;
import dev.rampart.coordinator.internal.AuditTrail;
import dev.rampart.crypto.Identity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Rolls a stopped job back to an earlier model version: records a signed ROLLBACK in the run's
 * audit chain; the next coordinator started on the run directory republishes that version
 * (bit-identical, same digest) and training continues from it, so the lineage shows a branch.
 *
 * <p>Stateless and thread-safe; do not run it while a coordinator is running on the same
 * directory.
 */
public final class Rollback {
  private Rollback() {}

  /**
   * Rolls back to a version or to the version committed by a round.
   *
   * @param runDirectory the run's directory (holding {@code audit/} and {@code models/})
   * @param coordinator the coordinator's identity, which signs the record
   * @param target {@code "v5"} or {@code "5"} for version 5, {@code "round:5"} for the model
   *     committed by round 5
   * @param reason why, for the record
   * @param operator who asked for it
   * @return the version rolled back to
   * @throws IllegalArgumentException when the directory has no history or the target is unknown,
   *     naming it and the versions that exist
   */
  public static ModelRef to(Path runDirectory, Identity coordinator, String target, String reason, String operator) {
    Objects.requireNonNull(target, "target");
    if (!Files.isDirectory(runDirectory.resolve(AuditTrail.AUDIT_DIR))) {
      throw new IllegalArgumentException("run directory " + runDirectory + " has no audit trail");
    }
    try (AuditTrail trail = AuditTrail.open(runDirectory, coordinator, FsyncPolicy.EVERY_RECORD, bytes -> { })) {
      List<ModelRef> lineage = trail.lineage();
      ModelRef ref = resolve(lineage, target.trim());
      trail.rollback(ref, reason, operator);
      return ref;
    }
  }

  private static ModelRef resolve(List<ModelRef> lineage, String target) {
    boolean byRound = target.startsWith("round:");
    String number = byRound ? target.substring("round:".length()) : target.startsWith("v") ? target.substring(1) : target;
    long n;
    try {
      n = Long.parseLong(number);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("rollback target '" + target + "' is not v<version>, <version> or round:<round>");
    }
    for (int i = lineage.size() - 1; i >= 0; i--) {
      ModelRef r = lineage.get(i);
      if (byRound ? r.round() == n : r.version() == n) {
        return r;
      }
    }
    throw new IllegalArgumentException("rollback target '" + target + "' matches no stored model; versions 0.."
        + (lineage.isEmpty() ? "none" : lineage.get(lineage.size() - 1).version()) + " exist");
  }
}
