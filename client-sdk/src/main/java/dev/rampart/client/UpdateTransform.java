package dev.rampart.client;

/**
 * A last change to the update vector before it is signed and sent. Honest clients use
 * {@link #identity()}; the simulator's Byzantine behaviours plug in here, so they exercise the real
 * signing and transport path.
 */
@FunctionalInterface
public interface UpdateTransform {
  /**
   * Returns the vector to send in place of {@code honest} (which may be modified and returned).
   *
   * @param round the round number
   */
  float[] apply(float[] honest, long round);

  /** Sends the honest vector unchanged. */
  static UpdateTransform identity() {
    return (honest, round) -> honest;
  }
}
