package dev.rampart.aggregation;

import dev.rampart.aggregation.internal.Inputs;
import java.util.ArrayList;
import java.util.List;

/**
 * The output of a {@link PreAggregator}: n' vectors, the n'-by-n mixing matrix that produced them
 * from the n inputs, and the clipping factor applied to each input.
 *
 * <p>Output j equals {@code sum_i mixing(j, i) * x_i} up to float rounding: Nearest Neighbor Mixing
 * and Bucketing put {@code 1/size} on the averaged inputs, clipping puts its factor on the
 * diagonal. Arrays are copied in and out. Immutable and thread-safe.
 */
public final class PreAggregation {

  private final float[][] outputs;
  private final double[][] mixing;
  private final double[] clipScales;

  PreAggregation(float[][] outputs, double[][] mixing, double[] clipScales) {
    this.outputs = outputs;
    this.mixing = mixing;
    this.clipScales = clipScales;
  }

  /**
   * Creates a pre-aggregation from caller data, copying every array.
   *
   * @param outputs n' >= 1 vectors of equal dimension
   * @param mixing n' rows of n non-negative coefficients
   * @param clipScales n clipping factors in [0, 1], 1.0 for untouched inputs
   * @return the pre-aggregation
   * @throws IllegalArgumentException when the shapes or ranges do not fit
   */
  public static PreAggregation of(List<float[]> outputs, double[][] mixing, double[] clipScales) {
    Inputs.requireShape(outputs);
    if (mixing.length != outputs.size()) {
      throw new IllegalArgumentException("mixing has " + mixing.length + " rows, but there are "
          + outputs.size() + " outputs");
    }
    double[][] m = new double[mixing.length][];
    for (int j = 0; j < mixing.length; j++) {
      if (mixing[j].length != clipScales.length) {
        throw new IllegalArgumentException("mixing row " + j + " has " + mixing[j].length
            + " columns, but there are " + clipScales.length + " inputs");
      }
      m[j] = mixing[j].clone();
      for (double c : m[j]) {
        if (!(c >= 0.0) || Double.isInfinite(c)) {
          throw new IllegalArgumentException("mixing coefficients must be finite and >= 0, but row " + j
              + " holds " + c);
        }
      }
    }
    for (double s : clipScales) {
      if (!(s >= 0.0 && s <= 1.0)) {
        throw new IllegalArgumentException("clip scales must be in [0, 1], but one is " + s);
      }
    }
    float[][] o = new float[outputs.size()][];
    for (int j = 0; j < o.length; j++) {
      o[j] = outputs.get(j).clone();
    }
    return new PreAggregation(o, m, clipScales.clone());
  }

  /**
   * The produced vectors.
   *
   * @return copies of the n' vectors
   */
  public List<float[]> outputs() {
    List<float[]> copy = new ArrayList<>(outputs.length);
    for (float[] o : outputs) {
      copy.add(o.clone());
    }
    return copy;
  }

  /**
   * Number of produced vectors n'.
   *
   * @return n'
   */
  public int outputCount() {
    return outputs.length;
  }

  /**
   * Number of inputs n.
   *
   * @return n
   */
  public int inputCount() {
    return clipScales.length;
  }

  /**
   * Coefficient of input i in output j.
   *
   * @param output j in {@code [0, outputCount())}
   * @param input i in {@code [0, inputCount())}
   * @return the coefficient, >= 0
   */
  public double mixing(int output, int input) {
    return mixing[output][input];
  }

  /**
   * Clipping factor applied to input i, 1.0 when untouched.
   *
   * @param input i in {@code [0, inputCount())}
   * @return the factor in [0, 1]
   */
  public double clipScale(int input) {
    return clipScales[input];
  }

  List<float[]> outputsNoCopy() {
    return List.of(outputs);
  }

  double[][] mixingNoCopy() {
    return mixing;
  }

  double[] clipScalesNoCopy() {
    return clipScales;
  }
}
