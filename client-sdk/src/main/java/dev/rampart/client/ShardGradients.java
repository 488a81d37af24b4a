package dev.rampart.client;

import dev.rampart.protocol.DataShard;
import java.util.Map;

/**
 * The per-shard computation of coded mode (LAD): the gradient of the training loss on one shard
 * the coordinator allocated, at the round's model. A {@link FederatedClient} whose trainer also
 * implements this interface answers coded tasks by combining the gradients of its task's shards
 * with the task's coefficients, c = Σ_k b_k · g(shard_k); that coded vector is its update.
 *
 * <p>Called from the client's thread only; implementations need not be thread-safe.
 */
public interface ShardGradients {
  /**
   * The gradient of the mean loss over {@code shard} at {@code model}.
   *
   * @param model the round's model parameters (the caller's copy; may be modified)
   * @param shard a verified shard of the job's data
   * @param parameters the plan's training hyper-parameters
   * @return the gradient (same dimension as the model), the shard's sample count and the mean
   *     loss at {@code model}
   * @throws IllegalArgumentException when the shard does not fit the model (features, classes)
   */
  LocalUpdate shardGradient(float[] model, DataShard shard, Map<String, String> parameters);
}
