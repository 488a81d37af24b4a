package dev.rampart.coordinator;

import dev.rampart.audit.FsyncPolicy;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The audit part of a {@link CoordinatorConfig}: where the audit trail and the model store live
 * (none: the job keeps no records), when the audit log forces its writes to disk, and which
 * metrics of each committed model the trail records. Immutable and thread-safe.
 */
public final class AuditSettings {
  private static final AuditSettings NONE = new AuditSettings(null, FsyncPolicy.EVERY_RECORD, ModelEvaluator.none());

  private final Path runDirectory;
  private final FsyncPolicy fsync;
  private final ModelEvaluator evaluator;

  private AuditSettings(Path runDirectory, FsyncPolicy fsync, ModelEvaluator evaluator) {
    this.runDirectory = runDirectory;
    this.fsync = fsync;
    this.evaluator = evaluator;
  }

  /** The defaults: no run directory, a disk write forced for every record, no metrics. */
  public static AuditSettings none() {
    return NONE;
  }

  /** A copy keeping the trail ({@code audit/}) and model store ({@code models/}) in {@code directory}. */
  public AuditSettings withRunDirectory(Path directory) {
    return new AuditSettings(Objects.requireNonNull(directory, "runDirectory"), fsync, evaluator);
  }

  /** A copy forcing the audit log's writes to disk as {@code policy} says. */
  public AuditSettings withFsync(FsyncPolicy policy) {
    return new AuditSettings(runDirectory, Objects.requireNonNull(policy, "auditFsync"), evaluator);
  }

  /** A copy recording the metrics {@code modelEvaluator} computes for each committed model. */
  public AuditSettings withEvaluator(ModelEvaluator modelEvaluator) {
    return new AuditSettings(runDirectory, fsync, Objects.requireNonNull(modelEvaluator, "evaluator"));
  }

  /**
   * Where the audit trail ({@code audit/}) and the model store ({@code models/}) live; empty when
   * the job keeps no records. A coordinator started on a directory with history resumes from it.
   */
  public Optional<Path> runDirectory() {
    return Optional.ofNullable(runDirectory);
  }

  /** When the audit log forces its writes to disk. */
  public FsyncPolicy fsync() {
    return fsync;
  }

  /** Metrics of each committed model, written to the audit trail. */
  public ModelEvaluator evaluator() {
    return evaluator;
  }

  @Override
  public String toString() {
    return "AuditSettings[runDirectory=" + runDirectory + ", fsync=" + fsync + "]";
  }
}
