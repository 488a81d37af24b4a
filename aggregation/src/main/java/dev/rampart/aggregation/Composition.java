package dev.rampart.aggregation;

/**
 * Maps evidence about pre-aggregated vectors back to the original inputs. A null composite matrix
 * stands for the identity. Thread-safe: no state.
 */
final class Composition {

  private Composition() {}

  /** Returns {@code stage * composite} (n' by n). */
  static double[][] multiply(double[][] stage, double[][] composite, int n) {
    if (composite == null) {
      double[][] copy = new double[stage.length][];
      for (int j = 0; j < stage.length; j++) {
        copy[j] = stage[j].clone();
      }
      return copy;
    }
    double[][] out = new double[stage.length][n];
    for (int j = 0; j < stage.length; j++) {
      for (int m = 0; m < composite.length; m++) {
        double c = stage[j][m];
        if (c != 0.0) {
          for (int i = 0; i < n; i++) {
            out[j][i] += c * composite[m][i];
          }
        }
      }
    }
    return out;
  }

  /** Lowers clipMin[i] to every factor applied to a vector that input i contributes to. */
  static void recordClipping(double[] scales, double[][] composite, double[] clipMin) {
    for (int j = 0; j < scales.length; j++) {
      if (scales[j] < 1.0) {
        for (int i = 0; i < clipMin.length; i++) {
          boolean contributes = composite == null ? i == j : composite[j][i] != 0.0;
          if (contributes) {
            clipMin[i] = Math.min(clipMin[i], scales[j]);
          }
        }
      }
    }
  }

  static Outcome mapBack(Outcome o, double[][] composite, double[] clipMin) {
    int n = clipMin.length;
    if (o.clipScale != null) {
      recordClipping(o.clipScale, composite, clipMin);
    }
    if (composite == null) {
      o.clipScale = clipMin;
      return o;
    }
    Outcome mapped = new Outcome(o.vector, n);
    mapped.clipScale = clipMin;
    mapped.weights = o.weights == null ? null : new double[n];
    mapped.excluded = new boolean[n];
    mapped.trimmedShare = new double[n];
    mapped.scores = o.scores == null ? null : new double[n];
    for (int i = 0; i < n; i++) {
      boolean allExcluded = true;
      double mass = 0;
      double trimmed = 0;
      int primary = -1;
      for (int j = 0; j < composite.length; j++) {
        double c = composite[j][i];
        if (c == 0.0) {
          continue;
        }
        if (mapped.weights != null) {
          mapped.weights[i] += o.weights[j] * c;
        }
        allExcluded &= o.excluded(j);
        mass += c;
        trimmed += c * o.trimmedShare(j);
        if (primary < 0 || c > composite[primary][i] || (c == composite[primary][i] && j == i)) {
          primary = j;
        }
      }
      mapped.excluded[i] = primary < 0 || allExcluded;
      mapped.trimmedShare[i] = mass == 0 ? 0.0 : trimmed / mass;
      if (mapped.scores != null) {
        mapped.scores[i] = primary < 0 ? Double.NaN : o.scores[primary];
      }
    }
    return mapped;
  }
}
