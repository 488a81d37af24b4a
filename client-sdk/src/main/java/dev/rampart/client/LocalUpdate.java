package dev.rampart.client;

/**
 * The result of a client's local computation. Immutable; the vector is copied in and out.
 *
 * @param vector the update to send, same dimension as the model
 * @param sampleCount how many local samples it was computed on
 * @param trainLoss mean loss on the local data at the received model, NaN when unknown
 */
public record LocalUpdate(float[] vector, int sampleCount, float trainLoss) {
  /** Copies the vector and checks the sample count. */
  public LocalUpdate {
    if (sampleCount < 0) {
      throw new IllegalArgumentException("sampleCount must be at least 0, but sampleCount=" + sampleCount);
    }
    vector = vector.clone();
  }

  /** A copy of the update vector. */
  @Override
  public float[] vector() {
    return vector.clone();
  }
}
