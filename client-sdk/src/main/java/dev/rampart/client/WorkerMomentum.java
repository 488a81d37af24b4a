package dev.rampart.client;

/**
 * RESAM worker momentum: the client sends the exponential moving average of its local updates
 * instead of the raw update, which shrinks the spread of honest vectors and so the room an
 * attacker has to hide in (Farhadkhani, Guerraoui, Gupta, Pinot, Stephan, "Byzantine Machine
 * Learning Made Easy by Resilient Averaging of Momentums", ICML 2022; Karimireddy, He, Jaggi,
 * "Learning from History for Byzantine Robust Optimization", ICML 2021).
 *
 * <p>Definition (EMA form): {@code m_t = β·m_{t−1} + (1 − β)·g_t} with {@code m_0 = 0}, where
 * {@code g_t} is the vector the local trainer produced in the client's t-th answered round. With
 * β = 0 the update passes through unchanged. The first momentum is therefore {@code (1 − β)·g_1}
 * (no bias correction), as in the cited papers. Cost: O(d) per round, d floats of state.
 *
 * <p>Not thread-safe; one instance per client, used from the client's thread.
 */
public final class WorkerMomentum {
  /** Smallest accepted β. */
  public static final double MIN_BETA = 0.0;
  /** Values of β must be strictly below this bound (β = 1 would freeze the momentum). */
  public static final double MAX_BETA_EXCLUSIVE = 1.0;

  private final double beta;
  private float[] momentum;

  private WorkerMomentum(double beta) {
    this.beta = beta;
  }

  /**
   * A momentum with coefficient {@code beta}.
   *
   * @param beta in [0, 1); 0 turns momentum off
   * @throws IllegalArgumentException naming the value when it is outside [0, 1)
   */
  public static WorkerMomentum of(double beta) {
    return new WorkerMomentum(requireValidBeta(beta));
  }

  /** Checks β ∈ [0, 1) and returns it; the message names the bad value. */
  public static double requireValidBeta(double beta) {
    if (!(beta >= MIN_BETA && beta < MAX_BETA_EXCLUSIVE)) {
      throw new IllegalArgumentException("momentum beta must be in [0, 1), but beta=" + beta);
    }
    return beta;
  }

  /** The coefficient β. */
  public double beta() {
    return beta;
  }

  /**
   * Folds {@code update} into the momentum and returns a copy of the new momentum
   * {@code m_t = β·m_{t−1} + (1 − β)·update}; the argument is not modified.
   *
   * @throws IllegalArgumentException when the dimension differs from earlier updates
   */
  public float[] apply(float[] update) {
    if (momentum == null) {
      momentum = new float[update.length];
    } else if (momentum.length != update.length) {
      throw new IllegalArgumentException("update dimension " + update.length + " differs from the momentum's "
          + momentum.length);
    }
    for (int j = 0; j < update.length; j++) {
      momentum[j] = (float) (beta * momentum[j] + (1 - beta) * update[j]);
    }
    return momentum.clone();
  }
}
