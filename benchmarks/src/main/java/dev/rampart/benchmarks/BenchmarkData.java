package dev.rampart.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded synthetic model updates for the benchmarks. Not thread-safe; used from setup only. */
final class BenchmarkData {

  /** Seed of every generated input set, so runs are comparable. */
  static final long SEED = 20_240_517L;

  private BenchmarkData() {}

  /**
   * n vectors of dimension d: honest inputs uniform in [-1, 1) around a common centre, and the last
   * f inputs shifted far away (a planted attack), so robust rules do real selection work.
   *
   * @param n inputs
   * @param d dimension
   * @param f outlying inputs at the end
   * @return fresh arrays
   */
  static List<float[]> updates(int n, int d, int f) {
    SplittableRandom random = new SplittableRandom(SEED);
    List<float[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      float[] x = new float[d];
      float shift = i >= n - f ? 25f : 0f;
      for (int k = 0; k < d; k++) {
        x[k] = (float) (random.nextDouble() * 2 - 1) + shift;
      }
      out.add(x);
    }
    return out;
  }
}
