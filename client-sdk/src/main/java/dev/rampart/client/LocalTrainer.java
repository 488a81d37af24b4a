package dev.rampart.client;

import dev.rampart.protocol.ModelLayout;
import java.util.Map;
import java.util.Optional;

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

  /**
   * The layout of the model vector this trainer reads, when it knows one (a described network):
   * the client compares it with the layout the job's plans carry and refuses to take part when
   * they differ ({@link ModelMismatchException}). Empty (the default): only the vector's length is
   * checked, by the trainer.
   */
  default Optional<ModelLayout> modelLayout() {
    return Optional.empty();
  }
}
