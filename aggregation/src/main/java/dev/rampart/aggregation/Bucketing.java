package dev.rampart.aggregation;

import dev.rampart.aggregation.internal.Inputs;
import dev.rampart.aggregation.internal.VectorMath;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Bucketing (Karimireddy, He and Jaggi, "Byzantine-robust learning on heterogeneous datasets via
 * bucketing", ICLR 2022; ByzFL {@code Bucketing}).
 *
 * <p>The inputs are shuffled by a uniform random permutation drawn from the context's
 * {@link RandomGenerator} (Fisher-Yates, {@code n - 1} draws of {@code nextInt}), cut into
 * consecutive buckets of s, and each bucket is replaced by its mean; the last bucket holds the
 * {@code n mod s} leftovers when s does not divide n, giving {@code ceil(n/s)} outputs. The same seed
 * gives the same buckets. Needs no Byzantine bound itself, but the next rule sees
 * {@code ceil(n/s)} vectors of which up to f may be spoiled. Rejects non-finite inputs naming the
 * original input. Mixing row j holds {@code 1/|bucket j|} on the bucket's members. Cost: one pass
 * over the inputs.
 */
final class Bucketing extends PreRule {

  private final int bucketSize;

  Bucketing(int bucketSize) {
    this.bucketSize = bucketSize;
  }

  @Override
  PreAggregation compute(List<float[]> inputs, int d, AggregationContext context) {
    int n = inputs.size();
    Inputs.requireFinite(inputs, name());
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    RandomGenerator random = context.random();
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    int buckets = (n + bucketSize - 1) / bucketSize;
    double[][] mixing = new double[buckets][n];
    for (int b = 0; b < buckets; b++) {
      int from = b * bucketSize;
      int to = Math.min(n, from + bucketSize);
      for (int p = from; p < to; p++) {
        mixing[b][perm[p]] = 1.0 / (to - from);
      }
    }
    double[] ones = new double[n];
    Arrays.fill(ones, 1.0);
    return new PreAggregation(VectorMath.combine(inputs, mixing, d), mixing, ones);
  }

  @Override
  public String name() {
    return "bucketing(s=" + bucketSize + ")";
  }
}
