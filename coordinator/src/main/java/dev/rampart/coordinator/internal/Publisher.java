package dev.rampart.coordinator.internal;

import dev.rampart.crypto.ChunkSigning;
import dev.rampart.crypto.Envelopes;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.ChunkSigner;
import dev.rampart.protocol.Framing;
import dev.rampart.protocol.TopicNames;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.Frame;
import dev.rampart.protocol.wire.MessageType;
import dev.rampart.protocol.wire.ModelVersion;
import dev.rampart.protocol.wire.RoundPlan;
import dev.rampart.transport.ChunkKeys;
import java.time.InstantSource;
import java.util.List;

/**
 * Signs the coordinator's messages and publishes them, chunked when needed. Not thread-safe.
 */
public final class Publisher {
  private final KafkaChannels channels;
  private final TopicNames topics;
  private final Identity identity;
  private final ChunkSigner signer;
  private final int maxFrameBytes;
  private final InstantSource clock;

  public Publisher(KafkaChannels channels, TopicNames topics, Identity identity, int maxFrameBytes, InstantSource clock) {
    this.channels = channels;
    this.topics = topics;
    this.identity = identity;
    this.signer = ChunkSigning.signer(identity);
    this.maxFrameBytes = maxFrameBytes;
    this.clock = clock;
  }

  /** Publishes a model version on the compacted models topic, one key per chunk. */
  public void publishModel(ModelVersion model) {
    Envelope envelope = Envelopes.seal(identity, MessageType.MODEL_VERSION, model.getJobId(),
        model.getVersion(), model.toByteArray(), clock.millis());
    channels.publish(topics.models(), "v" + model.getVersion(), Framing.frames(envelope, maxFrameBytes, 0, signer),
        ChunkKeys.PER_CHUNK);
  }

  /** Publishes a round plan; its chunks expire at the round deadline. */
  public void publishPlan(RoundPlan plan) {
    channels.publish(topics.plans(), Long.toString(plan.getRound()), planFrames(plan), ChunkKeys.SHARED);
  }

  /**
   * Publishes a round plan without waiting for the broker's acknowledgement (the notice that a
   * round closed: clients learn it from the next plan too); {@link KafkaChannels#flushAudit()}
   * waits for it with everything else sent.
   */
  public void publishPlanWithoutWaiting(RoundPlan plan) {
    channels.publishWithoutWaiting(topics.plans(), Long.toString(plan.getRound()), planFrames(plan), ChunkKeys.SHARED);
  }

  /** The plan sealed and framed; its chunks expire at the round deadline. */
  private List<Frame> planFrames(RoundPlan plan) {
    Envelope envelope = Envelopes.seal(identity, MessageType.ROUND_PLAN, plan.getJobId(), plan.getRound(),
        plan.toByteArray(), clock.millis());
    return Framing.frames(envelope, maxFrameBytes, plan.getDeadlineMs(), signer);
  }

  /**
   * Publishes one coded-mode shard (its serialized ShardData) on the compacted shards topic, keyed
   * by shard id, one key per chunk when large; the envelope's round is the shard id.
   */
  public void publishShard(String jobId, int shardId, byte[] shardData) {
    Envelope envelope = Envelopes.seal(identity, MessageType.SHARD, jobId, shardId, shardData, clock.millis());
    channels.publish(topics.shards(), "shard-" + shardId, Framing.frames(envelope, maxFrameBytes, 0, signer),
        ChunkKeys.PER_CHUNK);
  }
}
