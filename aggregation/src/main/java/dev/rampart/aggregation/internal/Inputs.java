package dev.rampart.aggregation.internal;

import java.util.List;

/**
 * Structural and numeric validation of aggregation inputs.
 *
 * <p>Thread-safe: holds no state.
 */
public final class Inputs {

  private Inputs() {}

  /**
   * Checks that {@code inputs} is a non-empty list of non-null vectors of one dimension.
   *
   * @param inputs the vectors to check
   * @return their common dimension, at least 1
   * @throws IllegalArgumentException naming the offending input otherwise
   */
  public static int requireShape(List<float[]> inputs) {
    if (inputs == null) {
      throw new IllegalArgumentException("inputs must not be null");
    }
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("inputs must not be empty: at least one vector is required");
    }
    float[] first = inputs.get(0);
    if (first == null) {
      throw new IllegalArgumentException("input 0 is null");
    }
    int d = first.length;
    if (d == 0) {
      throw new IllegalArgumentException("input vectors must have dimension >= 1, but dimension=0");
    }
    for (int i = 1; i < inputs.size(); i++) {
      float[] x = inputs.get(i);
      if (x == null) {
        throw new IllegalArgumentException("input " + i + " is null");
      }
      if (x.length != d) {
        throw new IllegalArgumentException("input " + i + " has dimension " + x.length
            + ", but input 0 has dimension " + d + "; all inputs must have the same dimension");
      }
    }
    return d;
  }

  /**
   * Rejects inputs that hold NaN or an infinity.
   *
   * @param inputs vectors of equal dimension
   * @param rule the rule name for the message
   * @throws IllegalArgumentException naming the first input and coordinate that is not finite
   */
  public static void requireFinite(List<float[]> inputs, String rule) {
    for (int i = 0; i < inputs.size(); i++) {
      int k = firstNonFinite(inputs.get(i));
      if (k >= 0) {
        throw nonFinite(inputs, i, k, rule);
      }
    }
  }

  /**
   * Finds the first non-finite coordinate of one vector.
   *
   * @param x the vector
   * @return the coordinate index, or -1 when every coordinate is finite
   */
  public static int firstNonFinite(float[] x) {
    for (int k = 0; k < x.length; k++) {
      if (!(Math.abs(x[k]) <= Float.MAX_VALUE)) {
        return k;
      }
    }
    return -1;
  }

  /**
   * Tells whether a vector holds NaN anywhere.
   *
   * @param x the vector
   * @return true when some coordinate is NaN
   */
  public static boolean hasNaN(float[] x) {
    for (float v : x) {
      if (v != v) {
        return true;
      }
    }
    return false;
  }

  /**
   * Finds the first non-finite value in any input and describes it.
   *
   * @param inputs vectors of equal dimension, at least one of which is not finite
   * @param rule the rule name for the message
   * @return the exception to throw
   */
  public static IllegalArgumentException locateNonFinite(List<float[]> inputs, String rule) {
    for (int i = 0; i < inputs.size(); i++) {
      int k = firstNonFinite(inputs.get(i));
      if (k >= 0) {
        return nonFinite(inputs, i, k, rule);
      }
    }
    return new IllegalArgumentException(rule + " produced a non-finite result from finite inputs");
  }

  private static IllegalArgumentException nonFinite(List<float[]> inputs, int i, int k, String rule) {
    return new IllegalArgumentException("input " + i + " has the non-finite value " + inputs.get(i)[k]
        + " at coordinate " + k + "; " + rule + " accepts finite inputs only");
  }

  /**
   * Rejects a Byzantine bound that the rule cannot tolerate.
   *
   * @param n number of inputs
   * @param f declared maximum number of Byzantine inputs
   * @param rule the rule name for the message
   * @throws IllegalArgumentException when {@code 2f >= n}
   */
  public static void requireHonestMajority(int n, int f, String rule) {
    if (2L * f >= n) {
      throw new IllegalArgumentException(rule + " requires 2*maxByzantine < inputCount, but maxByzantine="
          + f + " and inputCount=" + n);
    }
  }
}
