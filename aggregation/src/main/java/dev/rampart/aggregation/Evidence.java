package dev.rampart.aggregation;

import dev.rampart.aggregation.internal.VectorMath;
import java.util.ArrayList;
import java.util.List;

/** Turns an {@link Outcome} into an {@link AggregationResult}. Thread-safe: no state. */
final class Evidence {

  private Evidence() {}

  static AggregationResult finish(List<float[]> inputs, int d, Outcome o, AggregationContext context) {
    double[] distances = null;
    if (context.distanceEvidence()) {
      // A rule that measured its inputs in its own pass saves the extra read; o.distances is only set
      // when the rule ran on these very inputs (no pre-aggregation in between).
      distances = o.distances != null && o.distances.length == inputs.size()
          ? o.distances : VectorMath.approximateDistancesTo(inputs, o.vector, d);
    }
    List<InputEvidence> list = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      list.add(new InputEvidence(i, o.excluded(i), o.weight(i), clamp(o.trimmedShare(i)),
          clamp(o.clipScale(i)), o.score(i), distances == null ? Double.NaN : distances[i]));
    }
    // The rule's output array is its own and fresh (Rule.compute): the result takes it over.
    return AggregationResult.owning(o.vector, list);
  }

  private static double clamp(double v) {
    return Math.max(0.0, Math.min(1.0, v));
  }

  /** Converts the public result of a foreign aggregator back into an outcome. */
  static Outcome fromResult(AggregationResult r) {
    int n = r.evidence().size();
    // A copy: the outcome's array becomes the pipeline result's own (AggregationResult.owning).
    Outcome o = new Outcome(r.vector(), n);
    o.weights = new double[n];
    o.excluded = new boolean[n];
    o.trimmedShare = new double[n];
    o.clipScale = new double[n];
    o.scores = new double[n];
    for (InputEvidence e : r.evidence()) {
      int i = e.index();
      o.weights[i] = e.weight();
      o.excluded[i] = e.excluded();
      o.trimmedShare[i] = e.trimmedShare();
      o.clipScale[i] = e.clipScale();
      o.scores[i] = e.score();
    }
    return o;
  }
}
