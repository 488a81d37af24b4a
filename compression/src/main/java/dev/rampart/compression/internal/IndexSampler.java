package dev.rampart.compression.internal;

/**
 * Draws k distinct coordinates of [0, d) uniformly at random from a 64-bit seed, reproducibly:
 * the encoder and every decoder derive the same sorted index set from (seed, d, k), so rand-k
 * sends the seed instead of the indices.
 *
 * <p>Algorithm: selection sampling (Knuth, TAOCP vol. 2, §3.4.2, Algorithm S): scan i = 0..d−1
 * and select i with probability (k − selected)/(d − i), decided exactly with an unbiased bounded
 * integer draw (Lemire's multiply-and-reject) from a SplitMix64 stream (Steele, Lea and Flood,
 * OOPSLA 2014) started at {@code seed XOR} a fixed domain constant. Every k-subset has probability
 * 1/C(d, k). Cost O(d) time, O(k) memory. The stream is fixed by this class, not by the JDK, so
 * the format does not change between Java versions.
 *
 * <p>Stateless and thread-safe.
 */
final class IndexSampler {
  /** Separates the rand-k stream from other uses of the same round seed. */
  private static final long DOMAIN = 0x72616E646B5F7631L; // "randk_v1"

  private IndexSampler() {}

  /** Sorted distinct indices; 1 ≤ k ≤ d is the caller's precondition. */
  static int[] sample(long seed, int dimension, int count) {
    SplitMix64 random = new SplitMix64(seed ^ DOMAIN);
    int[] indices = new int[count];
    int chosen = 0;
    for (int i = 0; i < dimension && chosen < count; i++) {
      if (random.nextBounded(dimension - i) < count - chosen) {
        indices[chosen++] = i;
      }
    }
    return indices;
  }

  /** SplitMix64 generator; its output stream is part of the rand-k wire format. */
  static final class SplitMix64 {
    private long state;

    SplitMix64(long seed) {
      this.state = seed;
    }

    long nextLong() {
      long z = (state += 0x9E3779B97F4A7C15L);
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }

    /** Uniform in [0, bound), bound ≥ 1, without modulo bias. */
    int nextBounded(int bound) {
      long product = (nextLong() >>> 32) * bound;
      long low = product & 0xFFFFFFFFL;
      if (low < bound) {
        long threshold = (0x100000000L - bound) % bound;
        while (low < threshold) {
          product = (nextLong() >>> 32) * bound;
          low = product & 0xFFFFFFFFL;
        }
      }
      return (int) (product >>> 32);
    }
  }
}
