package dev.rampart.client.internal;

import dev.rampart.aggregation.coding.LadEncoder;
import dev.rampart.client.LocalTrainer;
import dev.rampart.client.LocalUpdate;
import dev.rampart.client.ShardGradients;
import dev.rampart.protocol.DataShard;
import dev.rampart.protocol.wire.CodeKind;
import dev.rampart.protocol.wire.RoundPlan;
import dev.rampart.protocol.wire.ShardDigest;
import dev.rampart.protocol.wire.Task;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client computes for a plan: its local training in federated mode, or, when the plan
 * gives it a LAD task, the coded vector c = Σ_k b_k · g(shard_k) over the task's verified shards
 * (gradients from {@link ShardGradients}, combined by {@link LadEncoder}). The sample count of a
 * coded update is the total over its shards and its loss the sample-weighted mean.
 *
 * <p>Not thread-safe; owned by the client's thread.
 */
public final class RoundWork {
  private static final Logger LOG = LoggerFactory.getLogger(RoundWork.class);

  private final String clientId;
  private final LocalTrainer trainer;
  private final ShardStore shards;
  private final InstantSource clock;
  private long reportedRound = -1;
  private long abandonedRound = -1;

  public RoundWork(String clientId, LocalTrainer trainer, ShardStore shards, InstantSource clock) {
    this.clientId = clientId;
    this.trainer = trainer;
    this.shards = shards;
    this.clock = clock;
  }

  /**
   * The update for {@code plan}, or empty while a shard of this client's task has not arrived or
   * not verified yet (the caller retries until the deadline).
   *
   * @throws IllegalStateException for a coded task when the trainer cannot compute shard gradients
   *     or the task is not LAD
   */
  public Optional<LocalUpdate> compute(RoundPlan plan, float[] model) {
    Optional<Task> task = plan.getTasksList().stream().filter(t -> t.getClientId().equals(clientId)).findFirst();
    if (task.isEmpty() || task.get().getShardIdsCount() == 0) {
      return Optional.of(trainer.train(model, plan.getTrainingMap(), plan.getRound()));
    }
    Task t = task.get();
    if (t.getCode() != CodeKind.CODE_KIND_LAD || t.getCoefficientsCount() != t.getShardIdsCount()) {
      throw new IllegalStateException("round " + plan.getRound() + ": task of " + clientId + " has code " + t.getCode()
          + " with " + t.getShardIdsCount() + " shards and " + t.getCoefficientsCount() + " coefficients; only LAD is supported");
    }
    if (!(trainer instanceof ShardGradients gradients)) {
      throw new IllegalStateException("round " + plan.getRound() + " gives " + clientId
          + " a coded task, but its trainer does not implement ShardGradients");
    }
    List<DataShard> loaded = new ArrayList<>();
    for (int shardId : t.getShardIdsList()) {
      Optional<DataShard> shard = digestOf(plan, shardId).flatMap(d -> shards.find(shardId, d));
      if (shard.isEmpty()) {
        reportMissing(plan, shardId);
        return Optional.empty();
      }
      loaded.add(shard.get());
    }
    return Optional.of(encode(t, loaded, gradients, model, plan));
  }

  private static LocalUpdate encode(Task t, List<DataShard> loaded, ShardGradients gradients, float[] model,
      RoundPlan plan) {
    List<float[]> grads = new ArrayList<>(loaded.size());
    double[] b = new double[loaded.size()];
    int samples = 0;
    double lossSum = 0;
    for (int k = 0; k < loaded.size(); k++) {
      LocalUpdate g = gradients.shardGradient(model.clone(), loaded.get(k), plan.getTrainingMap());
      grads.add(g.vector());
      b[k] = t.getCoefficients(k);
      samples += g.sampleCount();
      lossSum += (double) g.trainLoss() * g.sampleCount();
    }
    float[] coded = LadEncoder.withCoefficients(b).encode(grads);
    return new LocalUpdate(coded, samples, samples == 0 ? Float.NaN : (float) (lossSum / samples));
  }

  private static Optional<byte[]> digestOf(RoundPlan plan, int shardId) {
    return plan.getShardDigestsList().stream().filter(d -> d.getShardId() == shardId).findFirst()
        .map(ShardDigest::getSha256).map(com.google.protobuf.ByteString::toByteArray);
  }

  private void reportMissing(RoundPlan plan, int shardId) {
    String why = digestOf(plan, shardId).isEmpty()
        ? "the plan carries no digest for it, so it cannot be verified"
        : "no record whose SHA-256 matches the plan's has arrived on the shards topic";
    if (clock.millis() > plan.getDeadlineMs() && abandonedRound != plan.getRound()) {
      abandonedRound = plan.getRound();
      LOG.warn("client {} cannot answer round {}: shard {} is missing ({})", clientId, plan.getRound(), shardId, why);
    } else if (reportedRound != plan.getRound()) {
      reportedRound = plan.getRound();
      LOG.info("client {} waits for shard {} of round {}: {} yet", clientId, shardId, plan.getRound(), why);
    }
  }
}
