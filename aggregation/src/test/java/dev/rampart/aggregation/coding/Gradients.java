package dev.rampart.aggregation.coding;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random shard gradients and their exact mean, for the coding tests. */
final class Gradients {

  private Gradients() {}

  static List<float[]> random(SplittableRandom r, int shards, int dimension) {
    List<float[]> out = new ArrayList<>();
    float[] centre = new float[dimension];
    for (int j = 0; j < dimension; j++) {
      centre[j] = (float) (r.nextGaussian() * 3);
    }
    for (int k = 0; k < shards; k++) {
      float[] g = new float[dimension];
      for (int j = 0; j < dimension; j++) {
        g[j] = centre[j] + (float) (r.nextGaussian() * (1 + r.nextDouble() * 4));
      }
      out.add(g);
    }
    return out;
  }

  /** (1/K)·Σ_k g_k in double. */
  static double[] mean(List<float[]> gradients) {
    double[] m = new double[gradients.get(0).length];
    for (float[] g : gradients) {
      for (int j = 0; j < m.length; j++) {
        m[j] += g[j];
      }
    }
    for (int j = 0; j < m.length; j++) {
      m[j] /= gradients.size();
    }
    return m;
  }

  /** max_j |a_j − b_j| / (1 + max_j |b_j|). */
  static double relativeError(float[] a, double[] b) {
    double diff = 0;
    double scale = 1;
    for (int j = 0; j < b.length; j++) {
      diff = Math.max(diff, Math.abs(a[j] - b[j]));
      scale = Math.max(scale, Math.abs(b[j]));
    }
    return diff / scale;
  }
}
