package dev.rampart.aggregation.internal;

import java.util.Arrays;
import java.util.List;

/**
 * Blocked, parallel linear algebra over lists of float vectors, accumulating in double.
 *
 * <p>Thread-safe: holds no state. Inputs are never modified.
 */
public final class VectorMath {

  private static final int BLOCK = 2048;
  // A block of every input stays in a core's 1 MiB L2 between combining and measuring: 2048
  // coordinates at n = 100, where 512 measured 20 % slower and 4096 no faster.
  private static final int FUSED_BYTES = 800 * 1024;
  private static final int FUSED_MIN = 256;
  private static final int GROUP = 8;

  private VectorMath() {}

  /**
   * Forms linear combinations of the inputs: output r is {@code sum_i coefficients[r][i] * x_i}.
   *
   * <p>Each row is accumulated as in {@link #combine(List, double[], int)}; rows are formed block
   * by block so that a block of every input stays in cache while all rows use it, sharing one
   * block of double sums.
   *
   * @param inputs n vectors of dimension {@code d}
   * @param coefficients m rows of n coefficients; zero coefficients skip their input
   * @param d the common dimension
   * @return m new vectors of dimension {@code d}
   */
  public static float[][] combine(List<float[]> inputs, double[][] coefficients, int d) {
    int m = coefficients.length;
    if (m == 1) {
      return new float[][] {combine(inputs, coefficients[0], d)};
    }
    float[][] x = inputs.toArray(new float[0][]);
    float[][] out = new float[m][d];
    Parallel.forEach(d, Math.max(1, nonZero(coefficients)), (from, to) -> {
      double[] acc = new double[BLOCK];
      for (int start = from; start < to; start += BLOCK) {
        int end = Math.min(to, start + BLOCK);
        for (int r = 0; r < m; r++) {
          accumulate(x, coefficients[r], start, end, out[r], acc);
        }
      }
    });
    return out;
  }

  private static long nonZero(double[][] coefficients) {
    long cost = 0;
    for (double[] row : coefficients) {
      for (double c : row) {
        cost += c != 0.0 ? 1 : 0;
      }
    }
    return cost;
  }

  // Writes the combination over [start, end) to sum; acc is the block's double scratch, acc[k - start]
  // for coordinate k, so that it stays in L1 and is not a second output-sized array. Inputs with a
  // non-zero weight are taken eight at a time in index order.
  private static void accumulate(float[][] x, double[] w, int start, int end, float[] sum, double[] acc) {
    Arrays.fill(acc, 0, end - start, 0.0);
    float[] c = new float[GROUP];
    float[][] v = new float[GROUP][];
    int size = 0;
    for (int i = 0; i < x.length; i++) {
      if (w[i] != 0.0) {
        c[size] = (float) w[i];
        v[size++] = x[i];
        if (size == GROUP) {
          addProducts8(c, v, start, end, acc);
          size = 0;
        }
      }
    }
    if (size > 0) {
      // The last group is filled with zero multiples of its first input, which has a non-zero
      // weight: a finite x adds 0 * x = 0 exactly, and a non-finite one makes the sum non-finite
      // anyway. One more pass over the block's sums costs less than one pass per leftover input.
      for (int g = size; g < GROUP; g++) {
        c[g] = 0f;
        v[g] = v[0];
      }
      addProducts8(c, v, start, end, acc);
    }
    for (int k = start; k < end; k++) {
      sum[k] = (float) acc[k - start];
    }
  }

  /**
   * Forms one linear combination {@code sum_i weights[i] * x_i}.
   *
   * <p>Each weight is rounded to float, so that its product with a float coordinate is exact in
   * double; the products are added in double, in input order, into one block of sums, and each sum
   * is rounded to float once. Before that rounding the error is at most {@code (n - 1) 2^-53} times
   * the sum of the magnitudes {@code |w_i x_ik|}, so the result is the exact sum (of the products
   * with float weights) rounded to float, give or take that much. Inputs are read eight at a time
   * over blocks of 2,048 coordinates (with the {@code jdk.incubator.vector} module, in double lanes
   * of the machine's widest vector, the same additions in the same order, see
   * {@link VectorLanes#addProducts8}), so that each input is read in long runs and the block's sums
   * are loaded and stored once per eight inputs. Blocks of coordinates run in parallel. Cost: one
   * read of each input with a non-zero weight.
   *
   * @param inputs n vectors of dimension {@code d}
   * @param weights n coefficients; zero weights skip their input
   * @param d the common dimension
   * @return a new vector of dimension {@code d}
   */
  public static float[] combine(List<float[]> inputs, double[] weights, int d) {
    float[][] x = inputs.toArray(new float[0][]);
    float[] sum = new float[d];
    long cost = nonZero(new double[][] {weights});
    Parallel.forEach(d, Math.max(1, cost), (from, to) -> {
      double[] acc = new double[BLOCK];
      for (int start = from; start < to; start += BLOCK) {
        accumulate(x, weights, start, Math.min(to, start + BLOCK), sum, acc);
      }
    });
    return sum;
  }

  // For k in [start, end): acc[k - start] += c_0 v_0[k], then c_1 v_1[k], ... c_7 v_7[k], each
  // product exact in double (a float times a float) and each addition rounded once.
  private static void addProducts8(float[] c, float[][] v, int start, int end, double[] acc) {
    if (PairwiseDistances.usesVectorKernel()) {
      VectorLanes.addProducts8(c, v, start, end, acc);
      return;
    }
    double c0 = c[0];
    double c1 = c[1];
    double c2 = c[2];
    double c3 = c[3];
    double c4 = c[4];
    double c5 = c[5];
    double c6 = c[6];
    double c7 = c[7];
    float[] v0 = v[0];
    float[] v1 = v[1];
    float[] v2 = v[2];
    float[] v3 = v[3];
    float[] v4 = v[4];
    float[] v5 = v[5];
    float[] v6 = v[6];
    float[] v7 = v[7];
    for (int k = start; k < end; k++) {
      double s = acc[k - start];
      s += c0 * v0[k];
      s += c1 * v1[k];
      s += c2 * v2[k];
      s += c3 * v3[k];
      s += c4 * v4[k];
      s += c5 * v5[k];
      s += c6 * v6[k];
      s += c7 * v7[k];
      acc[k - start] = s;
    }
  }

  /**
   * Euclidean distance of every input to a point.
   *
   * @param inputs n vectors of dimension {@code d}
   * @param point a vector of dimension {@code d}
   * @param d the common dimension
   * @return n distances, each accumulated in double
   */
  public static double[] distancesTo(List<float[]> inputs, float[] point, int d) {
    double[] sq = squaredDistancesTo(inputs, point, d);
    for (int i = 0; i < sq.length; i++) {
      sq[i] = Math.sqrt(sq[i]);
    }
    return sq;
  }

  /**
   * Squared Euclidean distance of every input to a point; a null point means the origin.
   *
   * @param inputs n vectors of dimension {@code d}
   * @param point a vector of dimension {@code d}, or null for the origin
   * @param d the common dimension
   * @return n squared distances, each accumulated in double
   */
  public static double[] squaredDistancesTo(List<float[]> inputs, float[] point, int d) {
    int n = inputs.size();
    float[][] x = inputs.toArray(new float[0][]);
    return Parallel.reduce(d, n, (from, to) -> {
      double[] s = new double[n];
      for (int i = 0; i < n; i++) {
        s[i] = point == null ? sumSquares(x[i], from, to) : sumSquaredDifferences(x[i], point, from, to);
      }
      return s;
    }, (a, b) -> {
      for (int i = 0; i < n; i++) {
        a[i] += b[i];
      }
      return a;
    });
  }

  /**
   * Euclidean distance of every input to a point, for reporting: squared differences are summed in
   * eight float lanes over runs of 256 coordinates and the runs in double, so the relative error is
   * below {@code 32 * 2^-24} (about 2e-6) while the loop runs faster than with double lanes.
   *
   * @param inputs n vectors of dimension {@code d}
   * @param point a vector of dimension {@code d}
   * @param d the common dimension
   * @return n distances
   */
  public static double[] approximateDistancesTo(List<float[]> inputs, float[] point, int d) {
    double[] sq = LaneDistances.squaredTo(inputs, point, d);
    for (int i = 0; i < sq.length; i++) {
      sq[i] = Math.sqrt(sq[i]);
    }
    return sq;
  }

  /**
   * A linear combination and the squared distances of inputs to it.
   *
   * @param vector the combination, as {@link #combine(List, double[], int)} forms it
   * @param squaredDistances squared distances of the measured inputs to {@code vector}, as
   *     {@link LaneDistances} computes them
   */
  public record Combination(float[] vector, double[] squaredDistances) {}

  /**
   * Forms {@code sum_i weights[i] * x_i} exactly as {@link #combine(List, double[], int)} does and,
   * in the same pass, the squared distance of each of the first {@code measured} inputs to it.
   *
   * <p>Blocks of coordinates (as many as keep a block of every input within 800 KiB, from 256 to
   * 2048) are combined and then, while the block of every input is still in cache, compared with
   * the finished block of the output; the inputs are read
   * from memory once. The output is bit for bit that of {@code combine}, since every coordinate is
   * accumulated in the same order.
   *
   * @param inputs n vectors of dimension {@code d}
   * @param weights n coefficients; zero weights skip their input in the combination only
   * @param d the common dimension
   * @param measured how many leading inputs to measure, {@code 0 <= measured <= n}
   * @return the combination and {@code measured} squared distances
   */
  public static Combination combineWithDistances(List<float[]> inputs, double[] weights, int d, int measured) {
    float[][] x = inputs.toArray(new float[0][]);
    float[] sum = new float[d];
    long cost = nonZero(new double[][] {weights}) + measured;
    int block = Math.max(FUSED_MIN, Math.min(BLOCK, FUSED_BYTES / (4 * Math.max(1, x.length))) & ~63);
    double[] sq = Parallel.reduce(d, Math.max(1, cost), (from, to) -> {
      double[] s = new double[measured];
      // The sums of one block at a time: they stay in L1 and are not a second output array.
      double[] acc = new double[block];
      for (int start = from; start < to; start += block) {
        int end = Math.min(to, start + block);
        accumulate(x, weights, start, end, sum, acc);
        // Last read first: the inputs the combination touched last are the likeliest still cached.
        for (int i = measured - 1; i >= 0; i--) {
          s[i] += LaneDistances.squaredDifferences(x[i], sum, start, end);
        }
      }
      return s;
    }, LaneDistances::add);
    LaneDistances.repair(x, sum, sq, measured);
    return new Combination(sum, sq);
  }

  private static double sumSquares(float[] x, int from, int to) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int k = from;
    for (; k + 3 < to; k += 4) {
      double a = x[k];
      double b = x[k + 1];
      double c = x[k + 2];
      double e = x[k + 3];
      s0 += a * a;
      s1 += b * b;
      s2 += c * c;
      s3 += e * e;
    }
    for (; k < to; k++) {
      double a = x[k];
      s0 += a * a;
    }
    return (s0 + s1) + (s2 + s3);
  }

  private static double sumSquaredDifferences(float[] x, float[] p, int from, int to) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int k = from;
    for (; k + 3 < to; k += 4) {
      double a = (double) x[k] - p[k];
      double b = (double) x[k + 1] - p[k + 1];
      double c = (double) x[k + 2] - p[k + 2];
      double e = (double) x[k + 3] - p[k + 3];
      s0 += a * a;
      s1 += b * b;
      s2 += c * c;
      s3 += e * e;
    }
    for (; k < to; k++) {
      double a = (double) x[k] - p[k];
      s0 += a * a;
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * Multiplies a vector by a scalar into a new vector.
   *
   * @param x the vector, not modified
   * @param scale the factor
   * @return a new vector {@code (float) scale * x}
   */
  public static float[] scaled(float[] x, double scale) {
    float[] out = new float[x.length];
    float s = (float) scale;
    Parallel.forEach(x.length, 1, (from, to) -> {
      for (int k = from; k < to; k++) {
        out[k] = x[k] * s;
      }
    });
    return out;
  }
}
