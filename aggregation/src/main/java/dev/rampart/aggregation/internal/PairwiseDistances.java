package dev.rampart.aggregation.internal;

import java.util.List;

/**
 * Squared Euclidean distances between every pair of inputs, computed once per aggregation and
 * shared by the distance-based rules (Krum, Multi-Krum, NNM, MDA, MoNNA, Bulyan, CAF, SMEA).
 *
 * <p>Each distance is the sum over coordinates of the squared difference {@code (x_ik - x_jk)^2},
 * formed in double precision from the float inputs. The direct difference is used rather than the
 * Gram identity {@code |x|^2 + |y|^2 - 2 x.y}, which loses all significant digits when two inputs
 * are close relative to their norms (exactly the honest inputs a robust rule must compare). Speed
 * comes from cache blocking instead: a block of 64 coordinates is transposed into double columns,
 * and for each pair of coordinates the upper triangle of the n-by-n accumulator is updated row by
 * row, a loop the JIT vectorizes. Coordinate blocks run in parallel with one accumulator per task.
 *
 * <p>When the JVM has the {@code jdk.incubator.vector} module ({@code --add-modules
 * jdk.incubator.vector}, as the {@code rampart} launcher gives the coordinator) and the system
 * property {@value #PROPERTY} is not {@code false}, a faster kernel runs instead
 * ({@link VectorPairs}): each block of coordinates is converted to double rows once, and pairs are
 * taken in 4-by-4 tiles whose 16 sums stay in vector registers across the block. Its sums differ
 * from the scalar kernel's only in the order of additions.
 *
 * <p>Cost: {@code n(n-1)/2 * d} multiply-adds and one read of every input. Memory: an n-by-n double
 * matrix per task plus a block buffer (64-by-n, or n rows of at most 2,048 doubles for the SIMD
 * kernel). Thread-safe: holds no state.
 */
public final class PairwiseDistances {

  /** System property that, set to {@code false}, keeps the scalar kernel. */
  public static final String PROPERTY = "rampart.aggregation.vector";
  private static final int BLOCK = 64;
  /** Bytes of double rows one SIMD block task keeps hot (about half of a 1 MiB L2). */
  private static final int VECTOR_BLOCK_BYTES = 512 * 1024;
  private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
      && !"false".equalsIgnoreCase(System.getProperty(PROPERTY));

  private PairwiseDistances() {}

  /** Whether the SIMD kernel computes the distances in this JVM. */
  public static boolean usesVectorKernel() {
    return VECTOR;
  }

  /**
   * Computes the full symmetric matrix of squared distances.
   *
   * @param inputs n vectors of dimension {@code d}, not modified
   * @param d their common dimension
   * @return an n-by-n matrix with zero diagonal; entry {@code [i][j]} is {@code |x_i - x_j|^2}
   */
  public static double[][] squared(List<float[]> inputs, int d) {
    return squared(inputs, d, VECTOR);
  }

  /**
   * As {@link #squared(List, int)} with the scalar kernel, whatever the JVM offers; for comparing
   * the two kernels.
   */
  public static double[][] squaredScalar(List<float[]> inputs, int d) {
    return squared(inputs, d, false);
  }

  private static double[][] squared(List<float[]> inputs, int d, boolean vector) {
    int n = inputs.size();
    float[][] x = inputs.toArray(new float[0][]);
    double[][] acc = Parallel.reduce(d, (long) n * n / 2 + 1,
        vector ? (from, to) -> vectorBlock(x, from, to) : (from, to) -> block(x, from, to), PairwiseDistances::add);
    for (int i = 0; i < n; i++) {
      acc[i][i] = 0.0;
      for (int j = i + 1; j < n; j++) {
        acc[j][i] = acc[i][j];
      }
    }
    return acc;
  }

  /**
   * Computes the matrix and rejects non-finite inputs without a separate pass: NaN or an infinity
   * in any input makes a distance non-finite, while finite floats cannot overflow a double sum.
   *
   * @param inputs n vectors of dimension {@code d}, not modified
   * @param d their common dimension
   * @param rule the rule name for the message
   * @return the matrix, as {@link #squared}
   * @throws IllegalArgumentException naming the first input and coordinate that is not finite
   */
  public static double[][] squaredOfFinite(List<float[]> inputs, int d, String rule) {
    if (inputs.size() == 1) {
      Inputs.requireFinite(inputs, rule);
    }
    double[][] dist = squared(inputs, d);
    for (double[] row : dist) {
      for (double v : row) {
        if (!(v < Double.POSITIVE_INFINITY)) {
          throw Inputs.locateNonFinite(inputs, rule);
        }
      }
    }
    return dist;
  }

  private static double[][] vectorBlock(float[][] x, int from, int to) {
    int n = x.length;
    int lanes = VectorPairs.lanes();
    int rowCount = (n + VectorPairs.TILE - 1) / VectorPairs.TILE * VectorPairs.TILE;
    int block = Math.max(64, Math.min(2048, VECTOR_BLOCK_BYTES / (8 * rowCount))) / lanes * lanes;
    double[][] acc = new double[n][n];
    double[][] rows = new double[rowCount][block];
    for (int start = from; start < to; start += block) {
      int len = Math.min(block, to - start);
      int padded = (len + lanes - 1) / lanes * lanes;
      for (int i = 0; i < n; i++) {
        double[] r = rows[i];
        VectorPairs.widen(x[i], start, r, len);
        for (int k = len; k < padded; k++) {
          r[k] = 0.0;
        }
      }
      VectorPairs.accumulate(rows, padded, n, acc);
    }
    return acc;
  }

  private static double[][] block(float[][] x, int from, int to) {
    int n = x.length;
    double[][] acc = new double[n][n];
    double[][] col = new double[BLOCK][n];
    for (int start = from; start < to; start += BLOCK) {
      int len = Math.min(BLOCK, to - start);
      for (int i = 0; i < n; i++) {
        float[] v = x[i];
        for (int k = 0; k < len; k++) {
          col[k][i] = v[start + k];
        }
      }
      int k = 0;
      for (; k + 1 < len; k += 2) {
        accumulatePair(col[k], col[k + 1], acc);
      }
      if (k < len) {
        accumulateOne(col[k], acc);
      }
    }
    return acc;
  }

  // Two coordinates per sweep halve the accumulator traffic; indices equal across arrays let the
  // JIT vectorize the inner loop.
  private static void accumulatePair(double[] c0, double[] c1, double[][] acc) {
    int n = c0.length;
    for (int i = 0; i < n; i++) {
      double a0 = c0[i];
      double a1 = c1[i];
      double[] row = acc[i];
      for (int j = i + 1; j < n; j++) {
        double t = a0 - c0[j];
        double u = a1 - c1[j];
        row[j] += t * t + u * u;
      }
    }
  }

  private static void accumulateOne(double[] c, double[][] acc) {
    int n = c.length;
    for (int i = 0; i < n; i++) {
      double a = c[i];
      double[] row = acc[i];
      for (int j = i + 1; j < n; j++) {
        double t = a - c[j];
        row[j] += t * t;
      }
    }
  }

  private static double[][] add(double[][] a, double[][] b) {
    for (int i = 0; i < a.length; i++) {
      double[] ra = a[i];
      double[] rb = b[i];
      for (int j = i + 1; j < ra.length; j++) {
        ra[j] += rb[j];
      }
    }
    return a;
  }
}
