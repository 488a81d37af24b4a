package dev.rampart.aggregation;

import java.util.List;

/**
 * A step that maps n input vectors to n' vectors of the same dimension before the final
 * {@link Aggregator} (ByzFL's pre-aggregation), recording how each output mixes the inputs.
 *
 * <p>Implementations from {@link PreAggregators} are immutable and thread-safe.
 */
public interface PreAggregator {

  /**
   * Applies the step.
   *
   * @param inputs n >= 1 vectors of equal dimension >= 1, not modified
   * @param context random generator (bucketing) and options
   * @return the new vectors with their mixing matrix and clipping factors
   * @throws IllegalArgumentException on invalid input, as for {@link Aggregator#aggregate}
   */
  PreAggregation apply(List<float[]> inputs, AggregationContext context);

  /**
   * The step's canonical pipeline-spec form, for example {@code clip(c=2.0)}.
   *
   * @return the canonical name with every parameter
   */
  String name();
}
