package dev.rampart.aggregation;

import java.util.Arrays;

/**
 * What a rule computed, before distances are added: the output (owned, not yet copied) and the
 * per-input evidence arrays. Null arrays mean the neutral value (no weights, nothing excluded,
 * nothing trimmed, nothing clipped, no score). Not thread-safe; confined to one aggregation.
 */
final class Outcome {

  final float[] vector;
  final int inputCount;
  double[] weights;
  boolean[] excluded;
  double[] trimmedShare;
  double[] clipScale;
  double[] scores;
  /** Distances of the rule's own inputs to {@link #vector}, when the rule measured them in its pass. */
  double[] distances;

  Outcome(float[] vector, int inputCount) {
    this.vector = vector;
    this.inputCount = inputCount;
  }

  static Outcome weighted(float[] vector, double[] weights) {
    Outcome o = new Outcome(vector, weights.length);
    o.weights = weights;
    boolean[] excluded = new boolean[weights.length];
    for (int i = 0; i < weights.length; i++) {
      excluded[i] = weights[i] == 0.0;
    }
    o.excluded = excluded;
    return o;
  }

  static Outcome trimmed(float[] vector, long[] trimmedCounts, int dimension) {
    Outcome o = new Outcome(vector, trimmedCounts.length);
    o.trimmedShare = new double[trimmedCounts.length];
    o.excluded = new boolean[trimmedCounts.length];
    for (int i = 0; i < trimmedCounts.length; i++) {
      o.trimmedShare[i] = (double) trimmedCounts[i] / dimension;
      o.excluded[i] = trimmedCounts[i] == dimension;
    }
    return o;
  }

  /** Records distances measured in the rule's pass; squared values are taken to their roots. */
  Outcome squaredDistances(double[] squared) {
    if (squared != null) {
      double[] r = new double[squared.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = Math.sqrt(squared[i]);
      }
      this.distances = r;
    }
    return this;
  }

  Outcome scores(double[] s) {
    this.scores = s;
    return this;
  }

  double weight(int i) {
    return weights == null ? Double.NaN : weights[i];
  }

  boolean excluded(int i) {
    return excluded != null && excluded[i];
  }

  double trimmedShare(int i) {
    return trimmedShare == null ? 0.0 : trimmedShare[i];
  }

  double clipScale(int i) {
    return clipScale == null ? 1.0 : clipScale[i];
  }

  double score(int i) {
    return scores == null ? Double.NaN : scores[i];
  }

  static double[] uniform(int n, boolean[] selected) {
    int m = 0;
    for (boolean s : selected) {
      m += s ? 1 : 0;
    }
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = selected[i] ? 1.0 / m : 0.0;
    }
    return w;
  }

  @Override
  public String toString() {
    return "Outcome[n=" + inputCount + ", weights=" + Arrays.toString(weights) + "]";
  }
}
