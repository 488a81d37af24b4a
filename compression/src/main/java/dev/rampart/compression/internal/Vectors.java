package dev.rampart.compression.internal;

/**
 * Input checks and small numeric kernels shared by the codecs.
 *
 * <p>Stateless and thread-safe.
 */
final class Vectors {
  private Vectors() {}

  /** Fails unless the vector is non-null, non-empty and finite. */
  static void requireFinite(float[] input, String codec) {
    if (input == null) {
      throw new IllegalArgumentException("codec " + codec + ": input must not be null");
    }
    if (input.length == 0) {
      throw new IllegalArgumentException("codec " + codec + ": input must have dimension ≥ 1");
    }
    for (int i = 0; i < input.length; i++) {
      if (!Float.isFinite(input[i])) {
        throw new IllegalArgumentException("codec " + codec + ": input[" + i + "] = " + input[i]
            + " is not finite");
      }
    }
  }

  /** The Euclidean norm, accumulated in double. */
  static double norm2(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    return Math.sqrt(sum);
  }

  /** The ℓ1 norm, accumulated in double. */
  static double norm1(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += Math.abs(x);
    }
    return sum;
  }
}
