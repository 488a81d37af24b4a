package dev.rampart.compression;

import java.util.SplittableRandom;

/** Seeded test vectors and a full context for any codec. */
final class TestVectors {
  private TestVectors() {}

  /** Gaussian coordinates times {@code scale}, none exactly zero. */
  static float[] gaussian(int dimension, long seed, double scale) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] v = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      do {
        v[i] = (float) (random.nextGaussian() * scale);
      } while (v[i] == 0f);
    }
    return v;
  }

  /** A context that satisfies every codec: generator, round seed and a fresh residual. */
  static CompressionContext fullContext(int dimension, long seed) {
    return CompressionContext.seeded(seed).withRoundSeed(seed ^ 0x5EEDL)
        .withErrorFeedback(ErrorFeedback.create(dimension));
  }

  static double squaredDistance(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double diff = (double) a[i] - b[i];
      sum += diff * diff;
    }
    return sum;
  }

  static double squaredNorm(float[] a) {
    return squaredDistance(a, new float[a.length]);
  }

  /** Index of the first NaN or infinite coordinate, or -1. */
  static int firstNonFinite(float[] v) {
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) {
        return i;
      }
    }
    return -1;
  }
}
