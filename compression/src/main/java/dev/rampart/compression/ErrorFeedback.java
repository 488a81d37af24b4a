package dev.rampart.compression;

import java.util.Arrays;

/**
 * The error-feedback residual e of one client, for biased compressors (top-k, scaled sign).
 *
 * <p>Each step compresses the corrected vector p = x + e_t instead of x, and keeps what was not
 * transmitted: {@code e_{t+1} = x + e_t − C(x + e_t)}, where C(·) is the decompressed result
 * (Stich, Cordonnier and Jaggi, "Sparsified SGD with Memory", NeurIPS 2018; Karimireddy et al.,
 * "Error Feedback Fixes SignSGD and other Gradient Compression Schemes", ICML 2019). The residual
 * starts at zero.
 *
 * <p>The caller owns one instance per client and passes it through {@link
 * CompressionContext#withErrorFeedback}; codecs keep no hidden state. {@link #corrected} and {@link
 * #update} are the two halves of one step, public so that custom codecs can use them too.
 *
 * <p>Not thread-safe: one client, one thread at a time.
 */
public final class ErrorFeedback {
  private final float[] residual;

  private ErrorFeedback(int dimension) {
    this.residual = new float[dimension];
  }

  /**
   * A zero residual.
   *
   * @param dimension the model dimension d ≥ 1
   */
  public static ErrorFeedback create(int dimension) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be ≥ 1, but was " + dimension);
    }
    return new ErrorFeedback(dimension);
  }

  /** The dimension d of the residual. */
  public int dimension() {
    return residual.length;
  }

  /** A copy of the current residual e. */
  public float[] residual() {
    return residual.clone();
  }

  /** ‖e‖₂², accumulated in double. */
  public double residualNormSquared() {
    double sum = 0;
    for (float v : residual) {
      sum += (double) v * v;
    }
    return sum;
  }

  /** Sets the residual back to zero, e.g. after a rollback of the model. */
  public void reset() {
    Arrays.fill(residual, 0f);
  }

  /**
   * Returns the corrected vector p = x + e (float32 addition) as a new array.
   *
   * @throws IllegalArgumentException when {@code input.length != dimension()} or a coordinate of p
   *     is not finite
   */
  public float[] corrected(float[] input) {
    requireDimension("input", input);
    float[] p = new float[input.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = input[i] + residual[i];
      if (!Float.isFinite(p[i])) {
        throw new IllegalArgumentException("corrected coordinate " + i + " = input " + input[i]
            + " + residual " + residual[i] + " is not finite");
      }
    }
    return p;
  }

  /**
   * Stores e = p − C(p) (float32 subtraction): what the corrected vector held but the compressed
   * vector did not carry.
   *
   * @param corrected p, as returned by {@link #corrected}
   * @param transmitted C(p), the decompressed compressed vector
   * @throws IllegalArgumentException when a length differs from {@code dimension()}
   */
  public void update(float[] corrected, float[] transmitted) {
    requireDimension("corrected", corrected);
    requireDimension("transmitted", transmitted);
    for (int i = 0; i < residual.length; i++) {
      residual[i] = corrected[i] - transmitted[i];
    }
  }

  private void requireDimension(String what, float[] v) {
    if (v.length != residual.length) {
      throw new IllegalArgumentException(what + " has dimension " + v.length
          + " but the error-feedback residual has dimension " + residual.length);
    }
  }

  @Override
  public String toString() {
    return "ErrorFeedback[dimension=" + residual.length + "]";
  }
}
