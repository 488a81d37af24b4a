package dev.rampart.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
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

  /**
   * The floor on two threads: this thread reads the first half of the inputs, {@code pool}'s
   * thread the second half.
   */
  static double twoThreadPass(List<float[]> inputs, ExecutorService pool)
      throws InterruptedException, ExecutionException {
    int half = inputs.size() / 2;
    Future<Double> upper = pool.submit(() -> onePass(inputs, half, inputs.size()));
    double lower = onePass(inputs, 0, half);
    return lower + upper.get();
  }

  /**
   * One read of every float of {@code inputs.get(from)} .. {@code inputs.get(to - 1)} (four float
   * accumulators per input): the cost floor of any rule over those inputs.
   */
  static double onePass(List<float[]> inputs, int from, int to) {
    double total = 0;
    for (int i = from; i < to; i++) {
      float[] x = inputs.get(i);
      float s0 = 0;
      float s1 = 0;
      float s2 = 0;
      float s3 = 0;
      int k = 0;
      for (; k + 3 < x.length; k += 4) {
        s0 += x[k];
        s1 += x[k + 1];
        s2 += x[k + 2];
        s3 += x[k + 3];
      }
      for (; k < x.length; k++) {
        s0 += x[k];
      }
      total += (s0 + s1) + (s2 + s3);
    }
    return total;
  }
}
