package dev.rampart.coordinator;

import java.util.Map;

/**
 * Computes metrics of a committed model on data the coordinator may hold (for instance a
 * held-out test split), recorded with each commit in the audit trail and the round summary.
 * Called on the coordinator's thread; implementations must not keep the array.
 */
@FunctionalInterface
public interface ModelEvaluator {
  /** Metric name to value, e.g. {@code testAccuracy → 0.95}; NaN for unavailable values. */
  Map<String, Double> evaluate(float[] model);

  /** The evaluator that reports nothing; the coordinator does not call it (nor copy the model for it). */
  ModelEvaluator NONE = model -> Map.of();

  /** {@link #NONE}, the evaluator that reports nothing. */
  static ModelEvaluator none() {
    return NONE;
  }
}
