package dev.rampart.client;

import java.util.Map;

/**
 * The client's own computation: given the global model and the round's hyper-parameters, produce
 * the vector to send. Implementations decide what that vector is (a gradient, or the model change
 * of some local steps written as {@code w_start − w_end}); the coordinator applies
 * {@code w ← w − η·aggregate}.
 *
 * <p>Called from the client's thread only; implementations need not be thread-safe.
 */
@FunctionalInterface
public interface LocalTrainer {
  /**
   * Computes this client's update.
   *
   * @param globalModel the round's model parameters (the caller's copy; may be modified)
   * @param parameters the plan's training hyper-parameters, e.g. {@code learning_rate}
   * @param round the round number
   */
  LocalUpdate train(float[] globalModel, Map<String, String> parameters, long round);
}
