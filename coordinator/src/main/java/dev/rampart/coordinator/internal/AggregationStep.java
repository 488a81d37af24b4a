package dev.rampart.coordinator.internal;

import dev.rampart.aggregation.AggregationContext;
import dev.rampart.aggregation.AggregationResult;
import dev.rampart.aggregation.InputEvidence;
import dev.rampart.aggregation.Pipeline;
import dev.rampart.coordinator.ClientEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Turns the accepted updates of a round into one aggregate vector and per-client evidence by
 * running the configured robust pipeline, carrying stateful rules' state (Centered Clipping)
 * from round to round.
 *
 * <p>Which clients count as <em>suspected</em> is decided by {@code Suspicion}: those the rule
 * treated exceptionally compared with the other inputs of the same round.
 *
 * <p>Not thread-safe.
 */
public final class AggregationStep {
  private final Pipeline pipeline;
  private final boolean scoreIsDistance;
  private final boolean distanceIsSignal;
  private AggregationContext context;

  /**
   * @param spec the pipeline spec, e.g. {@code "nnm | trmean"}
   * @param maxByzantine f given to every rule of the pipeline
   * @param seed seed of randomized rules such as bucketing; recorded with the run
   */
  public AggregationStep(String spec, int maxByzantine, long seed) {
    this(spec, maxByzantine, seed, false);
  }

  /**
   * @param groupInputs whether the inputs are secure-aggregation group means; their distance to
   *     the aggregate then also decides suspicion (see {@code Suspicion})
   */
  public AggregationStep(String spec, int maxByzantine, long seed, boolean groupInputs) {
    this.distanceIsSignal = groupInputs;
    this.pipeline = Pipeline.parse(spec, maxByzantine);
    String rule = pipeline.aggregator().name().toLowerCase(Locale.ROOT);
    this.scoreIsDistance = rule.contains("krum") || rule.contains("bulyan") || rule.contains("monna");
    this.context = AggregationContext.of(new SplittableRandom(seed));
  }

  /**
   * The aggregate and what happened to each input, in input order. The aggregate is the caller's
   * own array (the pipeline's result, not a copy of it): nothing else holds it.
   */
  public record Outcome(float[] aggregate, List<ClientEvidence> evidence) {}

  /** The canonical pipeline spec. */
  public String spec() {
    return pipeline.spec();
  }

  /**
   * Aggregates the accepted updates.
   *
   * @throws IllegalArgumentException when the rule cannot run on this many inputs (e.g. 2f ≥ n)
   */
  public Outcome aggregate(List<AcceptedUpdate> updates) {
    List<float[]> inputs = new ArrayList<>(updates.size());
    for (AcceptedUpdate u : updates) {
      inputs.add(u.vector());
    }
    AggregationResult result = pipeline.aggregate(inputs, context);
    // Only a rule that starts from the previous aggregate keeps a copy of it from round to round.
    context = pipeline.readsPreviousAggregate() ? context.next(result) : context;
    List<InputEvidence> perInput = result.evidence();
    boolean[] suspected = Suspicion.flag(perInput, scoreIsDistance, distanceIsSignal);
    List<ClientEvidence> evidence = new ArrayList<>(updates.size());
    for (int i = 0; i < perInput.size(); i++) {
      InputEvidence e = perInput.get(i);
      evidence.add(new ClientEvidence(updates.get(e.index()).client(), e.excluded(), e.weight(), e.trimmedShare(),
          e.clipScale(), e.score(), e.distanceToOutput(), suspected[i]));
    }
    return new Outcome(result.releaseVector(), evidence);
  }
}
