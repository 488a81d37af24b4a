package dev.rampart.aggregation.coding;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The worker-side encoder of a linear gradient code: combines per-shard gradients into one coded
 * vector c = Σ_k b_k · g_k.
 *
 * <p>In LAD (Li, Allouah, Guerraoui, Skoglund and Xiao, arXiv:2603.28780) worker i computes
 * c_i = Σ_{k=0}^{d−1} b_ik · g_{(i+k) mod K} with b_ik = 1/d ({@link #uniform}), so an honest
 * coded vector is the mean of its d shard gradients; general coefficients ({@link
 * #withCoefficients}) cover Tandon et al.'s rows of B and any other linear code. Com-LAD
 * compresses c after this step, never the shard gradients.
 *
 * <p>Accumulation is in double and the result is rounded once to float, so the encoding of d
 * equal gradients with b = 1/d returns that gradient to within one float ulp per coordinate. Cost
 * O(d·D) for D coordinates. Inputs are never modified. Immutable and thread-safe.
 */
public final class LadEncoder {

  private final double[] coefficients;

  private LadEncoder(double[] coefficients) {
    this.coefficients = coefficients;
  }

  /**
   * LAD's encoder: d coefficients all equal to 1/d.
   *
   * @param redundancy d ≥ 1
   * @return the encoder
   */
  public static LadEncoder uniform(int redundancy) {
    if (redundancy < 1) {
      throw new IllegalArgumentException("redundancy must be ≥ 1, but was " + redundancy);
    }
    double[] b = new double[redundancy];
    Arrays.fill(b, 1.0 / redundancy);
    return new LadEncoder(b);
  }

  /**
   * An encoder with arbitrary finite coefficients b_0..b_{d−1}.
   *
   * @param coefficients at least one, copied
   * @return the encoder
   */
  public static LadEncoder withCoefficients(double... coefficients) {
    if (coefficients == null || coefficients.length == 0) {
      throw new IllegalArgumentException("at least one coefficient is required");
    }
    for (int k = 0; k < coefficients.length; k++) {
      if (!Double.isFinite(coefficients[k])) {
        throw new IllegalArgumentException("coefficient " + k + " must be finite, but was " + coefficients[k]);
      }
    }
    return new LadEncoder(coefficients.clone());
  }

  /** A copy of the coefficients b_0..b_{d−1}. */
  public double[] coefficients() {
    return coefficients.clone();
  }

  /**
   * Encodes d shard gradients given in coefficient order.
   *
   * @param shardGradients exactly d vectors of one dimension ≥ 1, every coordinate finite
   * @return c = Σ_k b_k · shardGradients[k], a new array
   * @throws IllegalArgumentException on a count or dimension mismatch or a non-finite coordinate
   */
  public float[] encode(List<float[]> shardGradients) {
    if (shardGradients == null || shardGradients.size() != coefficients.length) {
      throw new IllegalArgumentException("expected " + coefficients.length + " shard gradients, but got "
          + (shardGradients == null ? "null" : shardGradients.size()));
    }
    return combine(coefficients, shardGradients::get);
  }

  /**
   * Encodes a task: c = Σ_k task.coefficient(k) · gradientOfShard(task.shard(k)).
   *
   * @param task the worker's task for the round
   * @param gradientOfShard returns the gradient of a shard; called once per shard of the task
   * @return the coded vector, a new array
   * @throws IllegalArgumentException on a missing gradient, a dimension mismatch or a non-finite
   *     coordinate
   */
  public static float[] encode(CodingTask task, IntFunction<float[]> gradientOfShard) {
    if (task == null || gradientOfShard == null) {
      throw new IllegalArgumentException("task and gradientOfShard must not be null");
    }
    return combine(task.coefficients(), k -> gradientOfShard.apply(task.shard(k)));
  }

  private static float[] combine(double[] b, IntFunction<float[]> gradientAt) {
    double[] acc = null;
    for (int k = 0; k < b.length; k++) {
      float[] g = gradientAt.apply(k);
      if (g == null || g.length == 0) {
        throw new IllegalArgumentException("gradient " + k + " is missing or empty");
      }
      if (acc == null) {
        acc = new double[g.length];
      } else if (g.length != acc.length) {
        throw new IllegalArgumentException("gradient " + k + " has dimension " + g.length + ", expected " + acc.length);
      }
      for (int j = 0; j < g.length; j++) {
        float v = g[j];
        if (!Float.isFinite(v)) {
          throw new IllegalArgumentException("gradient " + k + " has a non-finite coordinate at index " + j);
        }
        acc[j] += b[k] * v;
      }
    }
    float[] c = new float[acc.length];
    for (int j = 0; j < c.length; j++) {
      c[j] = (float) acc[j];
    }
    return c;
  }

  @Override
  public String toString() {
    return "LadEncoder" + Arrays.toString(coefficients);
  }
}
