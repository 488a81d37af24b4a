package dev.rampart.aggregation;

import dev.rampart.aggregation.internal.Inputs;
import java.util.List;
import java.util.Objects;

/**
 * Base of the built-in aggregators: validates the shape of the input, runs the rule, then adds
 * distance evidence. Subclasses are immutable.
 */
abstract class Rule implements Aggregator {

  @Override
  public final AggregationResult aggregate(List<float[]> inputs, AggregationContext context) {
    Objects.requireNonNull(context, "context");
    int d = Inputs.requireShape(inputs);
    return Evidence.finish(inputs, d, compute(inputs, d, context), context);
  }

  /**
   * Runs the rule on validated inputs.
   *
   * @param inputs n >= 1 vectors of dimension d, never modified
   * @param d the dimension
   * @param context the context
   * @return the outcome, owning a fresh output array
   */
  abstract Outcome compute(List<float[]> inputs, int d, AggregationContext context);

  /** Whether the rule starts from {@link AggregationContext}'s previous aggregate (Centered Clipping does). */
  boolean readsPreviousAggregate() {
    return false;
  }

  @Override
  public String toString() {
    return name();
  }
}
