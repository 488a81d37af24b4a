package dev.rampart.aggregation;

import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Everything an aggregation needs beyond its inputs: the random generator for randomized rules
 * (bucketing), the state of stateful rules (Centered Clipping's previous aggregate), and whether
 * to compute per-input distances to the output.
 *
 * <p>The coordinator creates one context per run with a recorded seed, and after each round calls
 * {@link #next(AggregationResult)} to carry Centered Clipping's state into the next round.
 * Immutable, but it shares its {@link RandomGenerator}, which is usually not thread-safe: do not
 * use one context from several threads at once.
 */
public final class AggregationContext {

  private final RandomGenerator random;
  private final float[] previousAggregate;
  private final boolean distanceEvidence;

  private AggregationContext(RandomGenerator random, float[] previousAggregate, boolean distanceEvidence) {
    this.random = random;
    this.previousAggregate = previousAggregate;
    this.distanceEvidence = distanceEvidence;
  }

  /**
   * A context without state whose randomized rules draw from {@code random}.
   *
   * @param random the generator, seeded by the caller so that a run can be replayed
   * @return a new context with distance evidence enabled
   */
  public static AggregationContext of(RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    return new AggregationContext(random, null, true);
  }

  /**
   * The generator that randomized rules draw from.
   *
   * @return the shared generator
   */
  public RandomGenerator random() {
    return random;
  }

  /**
   * Centered Clipping's starting point: the previous round's aggregate, if any.
   *
   * @return a copy of the stored vector, or empty in the first round (Centered Clipping then
   *     starts from the zero vector, as ByzFL does)
   */
  public Optional<float[]> previousAggregate() {
    return previousAggregate == null ? Optional.empty() : Optional.of(previousAggregate.clone());
  }

  float[] previousAggregateNoCopy() {
    return previousAggregate;
  }

  /**
   * Whether aggregations compute {@link InputEvidence#distanceToOutput()}. Average, the
   * coordinate-wise rules, Krum, Multi-Krum, GM and CC measure it inside their own pass over the
   * inputs; the other rules, and any rule behind a pre-aggregator, spend one extra pass on it.
   *
   * @return true when distances are computed
   */
  public boolean distanceEvidence() {
    return distanceEvidence;
  }

  /**
   * The same context with another Centered Clipping state.
   *
   * @param aggregate the vector to start from, copied; null clears the state
   * @return a new context
   */
  public AggregationContext withPreviousAggregate(float[] aggregate) {
    return new AggregationContext(random, aggregate == null ? null : aggregate.clone(), distanceEvidence);
  }

  /**
   * The same context with distance evidence switched on or off.
   *
   * @param enabled false to skip the extra pass (distances are then reported as NaN)
   * @return a new context
   */
  public AggregationContext withDistanceEvidence(boolean enabled) {
    return new AggregationContext(random, previousAggregate, enabled);
  }

  /**
   * The context for the next round: the aggregate just computed becomes the state.
   *
   * @param result this round's result
   * @return a new context sharing the generator
   */
  public AggregationContext next(AggregationResult result) {
    Objects.requireNonNull(result, "result");
    return new AggregationContext(random, result.vector(), distanceEvidence);
  }
}
