package dev.rampart.aggregation;

import dev.rampart.aggregation.internal.Inputs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Zero or more {@link PreAggregator}s followed by one {@link Aggregator}, as in ByzFL; usually
 * built from a textual spec such as {@code "nnm | clip(c=2.0) | trmean"}.
 *
 * <p>Spec grammar: stages separated by {@code |}; a stage is a name optionally followed by
 * {@code (key=value, ...)}; whitespace is ignored and names are case-insensitive. The last stage is
 * an aggregator, the others are pre-aggregators. f (maxByzantine) comes from the run, not the spec.
 * The evidence of the final rule is mapped back to the original inputs through the pre-aggregators'
 * mixing matrices (see {@link InputEvidence}). Immutable and thread-safe.
 */
public final class Pipeline implements Aggregator {

  private final List<PreAggregator> preAggregators;
  private final Aggregator aggregator;

  private Pipeline(List<PreAggregator> preAggregators, Aggregator aggregator) {
    this.preAggregators = List.copyOf(preAggregators);
    this.aggregator = Objects.requireNonNull(aggregator, "aggregator");
  }

  /**
   * Composes rules directly.
   *
   * @param preAggregators applied in order, possibly none
   * @param aggregator the final rule
   * @return the pipeline
   */
  public static Pipeline of(List<PreAggregator> preAggregators, Aggregator aggregator) {
    return new Pipeline(preAggregators, aggregator);
  }

  /**
   * Parses a spec such as {@code "bucketing(s=2) | krum(variant=blanchard)"}.
   *
   * @param spec the textual pipeline
   * @param maxByzantine f >= 0, passed to every rule that uses it
   * @return the pipeline
   * @throws IllegalArgumentException naming an unknown rule or parameter, a bad value, or a
   *     misplaced stage, and listing what is valid
   */
  public static Pipeline parse(String spec, int maxByzantine) {
    Aggregators.requireF(maxByzantine);
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("pipeline spec must not be blank; valid aggregators: "
          + String.join(", ", aggregatorNames()));
    }
    String[] stages = spec.split("\\|", -1);
    List<PreAggregator> pre = new ArrayList<>();
    Aggregator last = null;
    for (int s = 0; s < stages.length; s++) {
      String stage = stages[s].trim();
      if (stage.isEmpty()) {
        throw new IllegalArgumentException("empty stage " + (s + 1) + " in pipeline spec '" + spec + "'");
      }
      int open = stage.indexOf('(');
      String name = (open < 0 ? stage : stage.substring(0, open)).trim();
      Map<String, String> params = open < 0 ? Map.of() : parameters(stage, open, spec);
      Object rule = SpecRegistry.create(name, params, maxByzantine, spec);
      boolean isLast = s == stages.length - 1;
      if (rule instanceof Aggregator a) {
        if (!isLast) {
          throw new IllegalArgumentException("'" + name + "' is an aggregator and must be the last stage of"
              + " pipeline spec '" + spec + "'; valid pre-aggregators: " + String.join(", ", preAggregatorNames()));
        }
        last = a;
      } else {
        if (isLast) {
          throw new IllegalArgumentException("pipeline spec '" + spec + "' ends with the pre-aggregator '" + name
              + "'; the last stage must be an aggregator: " + String.join(", ", aggregatorNames()));
        }
        pre.add((PreAggregator) rule);
      }
    }
    return new Pipeline(pre, last);
  }

  private static Map<String, String> parameters(String stage, int open, String spec) {
    if (!stage.endsWith(")")) {
      throw new IllegalArgumentException("stage '" + stage + "' in pipeline spec '" + spec + "' lacks a closing ')'");
    }
    String body = stage.substring(open + 1, stage.length() - 1).trim();
    Map<String, String> params = new LinkedHashMap<>();
    if (body.isEmpty()) {
      return params;
    }
    for (String part : body.split(",", -1)) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("parameter '" + part.trim() + "' in stage '" + stage
            + "' of pipeline spec '" + spec + "' is not of the form key=value");
      }
      String key = part.substring(0, eq).trim();
      if (params.put(key, part.substring(eq + 1).trim()) != null) {
        throw new IllegalArgumentException("parameter '" + key + "' given twice in stage '" + stage + "'");
      }
    }
    return params;
  }

  /**
   * Names accepted for the final stage.
   *
   * @return sorted aggregator names
   */
  public static List<String> aggregatorNames() {
    return SpecRegistry.names(true);
  }

  /**
   * Names accepted before the final stage.
   *
   * @return sorted pre-aggregator names
   */
  public static List<String> preAggregatorNames() {
    return SpecRegistry.names(false);
  }

  /**
   * The canonical spec: every stage with every parameter, separated by {@code " | "}. Parsing it
   * again with the same f gives an equivalent pipeline.
   *
   * @return the canonical spec
   */
  public String spec() {
    List<String> parts = new ArrayList<>();
    for (PreAggregator p : preAggregators) {
      parts.add(p.name());
    }
    parts.add(aggregator.name());
    return String.join(" | ", parts);
  }

  @Override
  public String name() {
    return spec();
  }

  /**
   * The pre-aggregation steps in order.
   *
   * @return an unmodifiable list
   */
  public List<PreAggregator> preAggregators() {
    return preAggregators;
  }

  /**
   * The final rule.
   *
   * @return the aggregator
   */
  public Aggregator aggregator() {
    return aggregator;
  }

  /**
   * Whether a round's result is state for the next one, i.e. whether the caller should carry it
   * with {@link AggregationContext#next}: true when the final rule starts from the previous
   * aggregate (Centered Clipping) and for any aggregator that is not built in, false otherwise.
   *
   * @return whether the previous aggregate may be read
   */
  public boolean readsPreviousAggregate() {
    return !(aggregator instanceof Rule rule) || rule.readsPreviousAggregate();
  }

  @Override
  public AggregationResult aggregate(List<float[]> inputs, AggregationContext context) {
    Objects.requireNonNull(context, "context");
    int d = Inputs.requireShape(inputs);
    int n = inputs.size();
    List<float[]> current = inputs;
    double[][] composite = null;
    double[] clipMin = new double[n];
    java.util.Arrays.fill(clipMin, 1.0);
    for (PreAggregator p : preAggregators) {
      PreAggregation stage = p instanceof PreRule r ? r.compute(current, d, context) : p.apply(current, context);
      if (stage.inputCount() != current.size() || stage.outputsNoCopy().get(0).length != d) {
        throw new IllegalStateException(p.name() + " returned a pre-aggregation that does not fit its input");
      }
      Composition.recordClipping(stage.clipScalesNoCopy(), composite, clipMin);
      composite = Composition.multiply(stage.mixingNoCopy(), composite, n);
      current = stage.outputsNoCopy();
    }
    Outcome o = aggregator instanceof Rule r ? r.compute(current, d, context)
        : Evidence.fromResult(aggregator.aggregate(current, context));
    return Evidence.finish(inputs, d, Composition.mapBack(o, composite, clipMin), context);
  }

  @Override
  public String toString() {
    return spec();
  }
}
