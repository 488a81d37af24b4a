package dev.rampart.client.internal;

import com.google.protobuf.CodedInputStream;
import dev.rampart.crypto.ChunkSigning;
import dev.rampart.crypto.Envelopes;
import dev.rampart.crypto.PublicKey;
import dev.rampart.protocol.FloatVectors;
import dev.rampart.protocol.Hex;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.Reassembler;
import dev.rampart.protocol.Reassembly;
import dev.rampart.protocol.ReassemblyLimits;
import dev.rampart.protocol.RecordFaults;
import dev.rampart.protocol.Untrusted;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.MessageType;
import dev.rampart.protocol.wire.ModelVersion;
import dev.rampart.protocol.wire.RoundPlan;
import java.io.IOException;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the client believes the coordinator said: plans and model versions that verified under the
 * pinned coordinator key, for this job, with matching digests. Everything else is counted and
 * dropped. Each record is read inside a fault boundary ({@link RecordFaults}): whatever
 * reassembling, verifying or parsing it throws, Errors included, drops that record only.
 *
 * <p>Keeps only the newest plan and the few newest models. Not thread-safe.
 */
public final class CoordinatorFeed {
  private static final Logger LOG = LoggerFactory.getLogger(CoordinatorFeed.class);
  private static final int MODELS_KEPT = 3;

  private final JobId job;
  private final PublicKey coordinatorKey;
  private final Reassembler reassembler;
  private final BiPredicate<Envelope, PublicKey> signature;
  private final Map<String, float[]> modelsByDigest = new LinkedHashMap<>();
  private final ShardStore shards = new ShardStore();
  private RoundPlan latestPlan;
  private long lastClosedRound;
  private long lastClosedDeadline;
  private long ignored;

  public CoordinatorFeed(JobId job, PublicKey coordinatorKey, ReassemblyLimits limits, InstantSource clock) {
    this(job, coordinatorKey, limits, clock, Envelopes::verify);
  }

  /** A feed that checks envelope signatures with {@code signature}. */
  CoordinatorFeed(JobId job, PublicKey coordinatorKey, ReassemblyLimits limits, InstantSource clock,
      BiPredicate<Envelope, PublicKey> signature) {
    this.job = job;
    this.coordinatorKey = coordinatorKey;
    this.reassembler = Reassembler.create(limits, ChunkSigning.pinned(coordinatorKey), clock);
    this.signature = signature;
  }

  /** Feeds one record value from the plans or models topic; a record that cannot be read is dropped. */
  public void accept(byte[] recordValue) {
    try {
      acceptRecord(recordValue);
    } catch (Throwable t) {
      RecordFaults.rethrowIfFatal(t);
      drop("MALFORMED: " + RecordFaults.describe(t, "reading a coordinator record"));
    }
  }

  private void acceptRecord(byte[] recordValue) {
    Reassembly outcome = reassembler.accept(null, recordValue);
    if (outcome instanceof Reassembly.Complete complete) {
      accept(complete.envelope());
    } else if (outcome instanceof Reassembly.Rejected rejected) {
      drop(rejected.reason() + ": " + rejected.detail());
    }
    reassembler.expire().forEach(r -> drop(r.reason() + ": " + r.detail()));
  }

  private void accept(Envelope envelope) {
    if (!signature.test(envelope, coordinatorKey)) {
      drop("message of type " + envelope.getType() + " for round " + envelope.getRound()
          + " is not signed by the pinned coordinator key");
      return;
    }
    if (!envelope.getJobId().equals(job.value())) {
      drop("message for job '" + envelope.getJobId() + "'");
      return;
    }
    try {
      if (envelope.getType() == MessageType.ROUND_PLAN) {
        acceptPlan(RoundPlan.parseFrom(envelope.getBody()), envelope.getRound());
      } else if (envelope.getType() == MessageType.MODEL_VERSION) {
        // the parameters are read from the envelope's bytes in place, not from a copy of them
        CodedInputStream in = envelope.getBody().newCodedInput();
        in.enableAliasing(true);
        acceptModel(ModelVersion.parseFrom(in));
      } else if (envelope.getType() == MessageType.SHARD) {
        shards.accept(envelope);
      } else {
        drop("unexpected message type " + envelope.getType());
      }
    } catch (IOException e) { // a byte string's stream only fails as InvalidProtocolBufferException
      drop("malformed " + envelope.getType() + " body");
    }
  }

  private void acceptPlan(RoundPlan plan, long signedRound) {
    if (plan.getRound() != signedRound || !plan.getJobId().equals(job.value())) {
      drop("plan body does not match its signed round/job");
      return;
    }
    if (plan.getClosed()) {
      if (plan.getRound() > lastClosedRound
          || plan.getRound() == lastClosedRound && plan.getDeadlineMs() > lastClosedDeadline) {
        lastClosedRound = plan.getRound();
        lastClosedDeadline = plan.getDeadlineMs();
      }
    } else if (latestPlan == null || plan.getRound() > latestPlan.getRound()
        || plan.getRound() == latestPlan.getRound() && plan.getDeadlineMs() > latestPlan.getDeadlineMs()) {
      // A later deadline for the same round is a restarted coordinator running the round again.
      latestPlan = plan;
    }
  }

  private void acceptModel(ModelVersion model) {
    float[] params;
    byte[] digest;
    try {
      // hashed from the wire bytes: the same bytes as FloatVectors.digest of the decoded floats
      digest = FloatVectors.digest(model.getParameters());
      if (!Arrays.equals(digest, model.getDigest().toByteArray())) {
        drop("model version " + model.getVersion() + " does not match its digest");
        return;
      }
      params = FloatVectors.fromWire(model.getParameters());
    } catch (IllegalArgumentException e) {
      drop("model version " + model.getVersion() + ": " + e.getMessage());
      return;
    }
    modelsByDigest.put(Hex.of(digest), params);
    while (modelsByDigest.size() > MODELS_KEPT) {
      modelsByDigest.remove(modelsByDigest.keySet().iterator().next());
    }
  }

  private void drop(String why) {
    ignored++;
    LOG.warn("ignored coordinator message: {}", Untrusted.text(why));
  }

  /** The newest verified plan, if any. */
  public Optional<RoundPlan> latestPlan() {
    return Optional.ofNullable(latestPlan);
  }

  /** A copy of the verified model with this digest, if it has arrived. */
  public Optional<float[]> model(byte[] digest) {
    float[] params = modelsByDigest.get(Hex.of(digest));
    return params == null ? Optional.empty() : Optional.of(params.clone());
  }

  /** The highest round the coordinator announced as closed (0 when none). */
  public long lastClosedRound() {
    return lastClosedRound;
  }

  /**
   * Whether the coordinator announced {@code plan} as closed: a later round closed, or this very
   * attempt of its round (a restarted coordinator re-opens a round with a later deadline).
   */
  public boolean isClosed(RoundPlan plan) {
    return plan.getRound() < lastClosedRound
        || plan.getRound() == lastClosedRound && plan.getDeadlineMs() <= lastClosedDeadline;
  }

  /** Messages dropped so far, including shard records refused by the {@link #shards() shard store}. */
  public long ignored() {
    return ignored + shards.refused();
  }

  /** The coded-mode shards read from the shards topic. */
  public ShardStore shards() {
    return shards;
  }
}
