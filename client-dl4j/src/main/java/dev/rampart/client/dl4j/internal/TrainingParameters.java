package dev.rampart.client.dl4j.internal;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * The plan's training parameters as the ND4J trainers of client-sdk read them: {@code local_epochs}
 * (count ≥ 0), {@code batch_size} (count ≥ 1) and {@code learning_rate} (finite, &gt; 0; empty
 * when the plan sets none, so the network keeps its configured rate).
 *
 * @param localEpochs local passes over the data, 0 for FedSGD
 * @param batchSize mini-batch size for in-memory data
 * @param learningRate the plan's step size, if any
 */
public record TrainingParameters(int localEpochs, int batchSize, OptionalDouble learningRate) {
  /** Default local passes, as {@code SoftmaxRegression.DEFAULT_EPOCHS}. */
  public static final int DEFAULT_EPOCHS = 1;
  /** Default mini-batch size, as {@code SoftmaxRegression.DEFAULT_BATCH_SIZE}. */
  public static final int DEFAULT_BATCH_SIZE = 16;

  /**
   * Reads the parameters.
   *
   * @throws IllegalArgumentException naming the key and its value when one is malformed
   */
  public static TrainingParameters from(Map<String, String> parameters) {
    int epochs = count(parameters, "local_epochs", DEFAULT_EPOCHS, 0);
    int batch = count(parameters, "batch_size", DEFAULT_BATCH_SIZE, 1);
    String v = parameters.get("learning_rate");
    if (v == null) {
      return new TrainingParameters(epochs, batch, OptionalDouble.empty());
    }
    try {
      double lr = Double.parseDouble(v.trim());
      if (!(lr > 0) || Double.isInfinite(lr)) {
        throw new NumberFormatException();
      }
      return new TrainingParameters(epochs, batch, OptionalDouble.of(lr));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("training parameter learning_rate='" + v + "' is not a positive number");
    }
  }

  private static int count(Map<String, String> parameters, String key, int fallback, int min) {
    String v = parameters.get(key);
    try {
      int value = v == null ? fallback : Integer.parseInt(v.trim());
      if (value < min) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("training parameter " + key + "='" + v + "' is not a valid count");
    }
  }
}
