package dev.rampart.aggregation;

import dev.rampart.aggregation.internal.Inputs;
import java.util.List;
import java.util.Objects;

/** Base of the built-in pre-aggregators: validates the input shape. Subclasses are immutable. */
abstract class PreRule implements PreAggregator {

  @Override
  public final PreAggregation apply(List<float[]> inputs, AggregationContext context) {
    Objects.requireNonNull(context, "context");
    int d = Inputs.requireShape(inputs);
    return compute(inputs, d, context);
  }

  /**
   * Runs the step on validated inputs.
   *
   * @param inputs n >= 1 vectors of dimension d, never modified
   * @param d the dimension
   * @param context the context
   * @return fresh outputs with their mixing matrix
   */
  abstract PreAggregation compute(List<float[]> inputs, int d, AggregationContext context);

  @Override
  public String toString() {
    return name();
  }
}
