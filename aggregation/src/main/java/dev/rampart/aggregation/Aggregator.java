package dev.rampart.aggregation;

import java.util.List;

/**
 * A rule that maps n input vectors of one dimension to one output vector of that dimension and
 * reports per-input evidence.
 *
 * <p>Inputs are float32 model updates, at most {@code Integer.MAX_VALUE} coordinates each; they are
 * never modified. Implementations from {@link Aggregators} are immutable and thread-safe (large
 * inputs are processed on the common fork-join pool); the context they receive is not.
 */
public interface Aggregator {

  /**
   * Aggregates the inputs.
   *
   * @param inputs n >= 1 vectors of equal dimension >= 1
   * @param context random generator, state and options
   * @return the aggregate and one evidence entry per input, in input order
   * @throws IllegalArgumentException for empty input, mismatched dimensions, a Byzantine bound the
   *     rule cannot tolerate, or non-finite values the rule rejects
   */
  AggregationResult aggregate(List<float[]> inputs, AggregationContext context);

  /**
   * The rule's canonical pipeline-spec form, for example {@code krum(variant=byzfl)}.
   *
   * @return the canonical name with every parameter
   */
  String name();
}
