package dev.rampart.coordinator.internal;

import com.google.protobuf.ByteString;
import dev.rampart.audit.AggregateCommit;
import dev.rampart.audit.AuditEvents;
import dev.rampart.audit.AuditLog;
import dev.rampart.audit.AuditQuery;
import dev.rampart.audit.AuditRecord;
import dev.rampart.audit.ChainHead;
import dev.rampart.audit.ClientAnomaly;
import dev.rampart.audit.FsyncPolicy;
import dev.rampart.audit.ModelRef;
import dev.rampart.audit.ModelStore;
import dev.rampart.audit.RecordType;
import dev.rampart.audit.RejectionTally;
import dev.rampart.audit.ThreatModel;
import dev.rampart.coordinator.ClientEvidence;
import dev.rampart.coordinator.Rejection;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.FloatVectors;
import dev.rampart.protocol.Hex;
import dev.rampart.protocol.wire.AuditHead;
import dev.rampart.protocol.wire.RoundPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's side of the audit module: writes every round, update, rejection, anomaly and
 * commit to the hash-chained signed log, keeps every committed model in the content-addressed
 * store, and reads both back to resume. A run without a run directory gets a trail that only
 * counts versions.
 *
 * <p>Layout of a run directory: {@code audit/} (log segments), {@code models/} (model store).
 *
 * <p>Not thread-safe: the coordinator's thread owns it.
 */
public final class AuditTrail implements AutoCloseable {
  /** Sub-folder of the run directory holding the log segments. */
  public static final String AUDIT_DIR = "audit";
  /** Sub-folder of the run directory holding the model store. */
  public static final String MODELS_DIR = "models";
  /**
   * A write of one audit record or one model version (data and sync) that takes longer than this
   * is reported: the disk under the run directory is slow, and every round now waits for it.
   */
  public static final Duration SLOW_WRITE = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

  private final AuditLog log;
  private final ModelStore store;
  private long nextVersion;

  private AuditTrail(AuditLog log, ModelStore store) {
    this.log = log;
    this.store = store;
    this.nextVersion = store == null ? 0 : store.nextVersion();
  }

  /** A trail writing to {@code runDirectory}, continuing its chain if it has one. */
  public static AuditTrail open(Path runDirectory, Identity signer, FsyncPolicy fsync, Consumer<byte[]> mirror) {
    AuditLog.Options options = AuditLog.Options.builder().fsyncPolicy(fsync).mirror(mirror).build();
    return new AuditTrail(AuditLog.open(runDirectory.resolve(AUDIT_DIR), signer, options),
        ModelStore.open(runDirectory.resolve(MODELS_DIR)));
  }

  /** A trail that records nothing (no run directory configured). */
  public static AuditTrail disabled() {
    return new AuditTrail(null, null);
  }

  /** Reads where a restarted coordinator continues from. */
  public ResumePoint resumePoint() {
    if (log == null || log.lastSequence() == 0 || !Files.isDirectory(log.directory())) {
      return ResumePoint.fresh();
    }
    long lastCommitted = 0;
    Optional<ModelRef> head = Optional.empty();
    boolean rolledBack = false;
    for (AuditRecord r : AuditQuery.load(log.directory())) {
      if (r.type() == RecordType.AGGREGATE_COMMITTED) {
        long version = ((Number) r.body().get("modelVersion")).longValue();
        head = store.byVersion(version);
        lastCommitted = Math.max(lastCommitted, ((Number) r.body().get("round")).longValue());
        rolledBack = false;
      } else if (r.type() == RecordType.ROLLBACK) {
        head = store.byVersion(((Number) r.body().get("toVersion")).longValue());
        rolledBack = true;
      }
    }
    return new ResumePoint(head, lastCommitted, rolledBack);
  }

  /** The parameters of a stored version, verified against its digest. */
  public float[] load(ModelRef ref) {
    return store.get(ref.digest());
  }

  public void jobStarted(String jobId, String codeVersion, ThreatModel threat, Map<String, Long> seeds,
      Map<String, ?> settings) {
    append(RecordType.JOB_STARTED, AuditEvents.jobStarted(jobId, codeVersion, threat, seeds, settings));
  }

  public void roundPlanned(long round, long modelVersion, List<String> participants) {
    append(RecordType.ROUND_PLANNED, AuditEvents.roundPlanned(round, modelVersion, participants, Map.of(), List.of()));
  }

  /**
   * Records a planned round with its coded tasks (client id to shard ids; empty in federated mode)
   * and its secure-aggregation groups (group i is the input {@code group-i}; empty without secure
   * aggregation).
   */
  public void roundPlanned(long round, long modelVersion, List<String> participants, Map<String, List<Integer>> tasks,
      List<List<String>> groups) {
    append(RecordType.ROUND_PLANNED, AuditEvents.roundPlanned(round, modelVersion, participants, tasks, groups));
  }

  /**
   * As {@link #roundPlanned(long, long, List, Map, List)}, plus the entries of {@code grouping},
   * which say how the groups were formed (e.g. {@code grouping=stride, stride=d}).
   */
  public void roundPlanned(long round, long modelVersion, List<String> participants, Map<String, List<Integer>> tasks,
      List<List<String>> groups, Map<String, Object> grouping) {
    Map<String, Object> body = new LinkedHashMap<>(
        AuditEvents.roundPlanned(round, modelVersion, participants, tasks, groups));
    body.putAll(grouping);
    append(RecordType.ROUND_PLANNED, body);
  }

  public void accepted(long round, AcceptedUpdate update, long modelVersion) {
    append(RecordType.UPDATE_ACCEPTED, AuditEvents.updateAccepted(round, update.client().value(), modelVersion,
        Hex.of(update.digest()), update.sampleCount()));
  }

  /** Records that the round's intake closed, and how. */
  public void roundClosed(long round, long deadlineMillis, AuditEvents.ClosedBy closedBy, int accepted,
      long rejected) {
    append(RecordType.ROUND_CLOSED, AuditEvents.roundClosed(round, Instant.ofEpochMilli(deadlineMillis), closedBy,
        accepted, rejected));
  }

  /** Records one rejection; its claimed sender and detail are escaped and cut by the body builder. */
  public void rejected(Rejection r) {
    append(RecordType.UPDATE_REJECTED, AuditEvents.updateRejected(r.round(), r.claimedSender(), r.reason(), r.detail()));
  }

  /** Records the round's summary of rejections, unless it is empty. */
  public void rejectionsSummarized(RejectionTally tally) {
    if (!tally.isEmpty()) {
      append(RecordType.REJECTIONS_SUMMARIZED, AuditEvents.rejectionsSummarized(tally));
    }
  }

  public void anomaly(long round, String rule, List<ClientEvidence> evidence) {
    List<ClientAnomaly> clients = evidence.stream().map(e -> new ClientAnomaly(e.client().value(), e.excluded(),
        e.weight(), e.trimmedShare(), e.clipScale(), e.score(), e.distanceToAggregate(), e.suspected())).toList();
    append(RecordType.ANOMALY, AuditEvents.anomaly(round, rule, clients));
  }

  /**
   * Stores a model version and records its commit. The model is hashed once: by the store when
   * there is one (its digest names the file), else here.
   *
   * @return the new version and the model's digest ({@link FloatVectors#digest})
   */
  public Committed commit(long round, String rule, List<String> inputs, float[] model, byte[] parentDigest,
      Map<String, Double> metrics) {
    long version = nextVersion++;
    String digest;
    String parent = parentDigest == null ? null : Hex.of(parentDigest);
    if (store != null) {
      long start = System.nanoTime();
      ModelRef ref = store.put(model, parent, round, log.lastSequence() + 1);
      reportIfSlow(start, "model version " + ref.version() + " (" + model.length + " parameters)",
          store.directory());
      version = ref.version();
      nextVersion = version + 1;
      digest = ref.digest();
    } else {
      digest = Hex.of(FloatVectors.digest(model));
    }
    append(RecordType.AGGREGATE_COMMITTED, AuditEvents.aggregateCommitted(
        new AggregateCommit(round, rule, inputs, version, digest, parent, metrics)));
    return new Committed(version, digest);
  }

  /**
   * A committed model version.
   *
   * @param version the version number
   * @param digestHex the model's digest, lowercase hex
   */
  public record Committed(long version, String digestHex) {
    /** The digest's 32 bytes. */
    public byte[] digest() {
      return HexFormat.of().parseHex(digestHex);
    }
  }

  /**
   * Records a rollback of the run's head to {@code target}; a coordinator started afterwards
   * continues from it.
   *
   * @return the version the head was at before
   */
  public long rollback(ModelRef target, String reason, String operator) {
    ResumePoint before = resumePoint();
    long from = before.head().map(ModelRef::version).orElseThrow(
        () -> new IllegalStateException("the run has no committed model to roll back from"));
    append(RecordType.ROLLBACK, AuditEvents.rollback(from, target, reason, operator));
    return from;
  }

  /**
   * {@code plan} carrying the chain's current head (sequence and SHA-256 of the last record),
   * for the coordinator to sign and publish right after {@link #roundPlanned}: each client keeps
   * the latest head as an anchor outside the coordinator's reach. Without a log, or with an empty
   * one, the plan is returned unchanged.
   */
  public RoundPlan anchor(RoundPlan plan) {
    if (log == null || log.lastSequence() == 0) {
      return plan;
    }
    ChainHead head = log.head();
    return plan.toBuilder().setAuditHead(AuditHead.newBuilder()
        .setSequence(head.sequence())
        .setDigest(ByteString.copyFrom(HexFormat.of().parseHex(head.hash())))).build();
  }

  /** Records with a sequence number above {@code sequence}, in order (to catch up the Kafka mirror). */
  public List<AuditRecord> recordsAfter(long sequence) {
    if (log == null || log.lastSequence() <= sequence) {
      return List.of();
    }
    return AuditQuery.load(log.directory()).stream().filter(r -> r.sequence() > sequence).toList();
  }

  /** The model store's versions in commit order. */
  public List<ModelRef> lineage() {
    return store == null ? List.of() : store.lineage();
  }

  public void jobEnded(String status, long rounds, long finalVersion, byte[] finalDigest, String detail) {
    append(RecordType.JOB_ENDED, AuditEvents.jobEnded(status, rounds, finalVersion, Hex.of(finalDigest), detail));
  }

  private void append(RecordType type, Map<String, ?> body) {
    if (log != null) {
      long start = System.nanoTime();
      AuditRecord record = log.append(type, body);
      reportIfSlow(start, "audit record seq " + record.sequence() + " (" + type + ")", log.directory());
    }
  }

  private static void reportIfSlow(long startNanos, String what, Path where) {
    long millis = (System.nanoTime() - startNanos) / 1_000_000;
    if (millis > SLOW_WRITE.toMillis()) {
      LOG.warn("writing {} to {} took {} ms (more than {} ms): the disk is slow, and every round waits for it",
          what, where, millis, SLOW_WRITE.toMillis());
    }
  }

  @Override
  public void close() {
    if (log != null) {
      log.close();
    }
  }
}
