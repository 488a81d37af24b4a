package dev.rampart.coordinator.internal;

import dev.rampart.coordinator.ClientEvidence;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the accepted updates of a round into one aggregate vector and per-client evidence.
 *
 * <p>This first slice computes the plain mean; the robust pipeline replaces it. Not thread-safe.
 */
public final class AggregationStep {

  /** The aggregate and what happened to each input, in input order. */
  public record Outcome(float[] aggregate, List<ClientEvidence> evidence) {}

  /** Aggregates the accepted updates; requires at least one. */
  public Outcome aggregate(List<AcceptedUpdate> updates) {
    if (updates.isEmpty()) {
      throw new IllegalArgumentException("cannot aggregate zero updates");
    }
    int d = updates.get(0).vector().length;
    double[] sum = new double[d];
    for (AcceptedUpdate u : updates) {
      float[] v = u.vector();
      for (int j = 0; j < d; j++) {
        sum[j] += v[j];
      }
    }
    float[] mean = new float[d];
    for (int j = 0; j < d; j++) {
      mean[j] = (float) (sum[j] / updates.size());
    }
    List<ClientEvidence> evidence = new ArrayList<>(updates.size());
    double weight = 1.0 / updates.size();
    for (AcceptedUpdate u : updates) {
      evidence.add(new ClientEvidence(u.client(), false, weight, 0, 1, Double.NaN, distance(u.vector(), mean), false));
    }
    return new Outcome(mean, evidence);
  }

  static double distance(float[] a, float[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double diff = (double) a[j] - b[j];
      s += diff * diff;
    }
    return Math.sqrt(s);
  }
}
