package dev.rampart.aggregation.internal;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD kernel of {@link PairwiseDistances}: squared distances of every pair of rows of one
 * coordinate block, summed in double lanes of the JDK vector API. Pairs are taken in tiles of 4 by
 * 4 rows, so that one pass over a block's coordinates loads 8 row slices and updates 16 pair
 * accumulators held in registers (a compute-bound loop), instead of reading and writing the
 * accumulator matrix for every coordinate. Each difference and square is formed in double from
 * the float inputs, as the scalar kernel does; only the order of the additions differs (by lanes,
 * then across lanes), so the sums agree to a relative 1e-15 or so.
 *
 * <p>Loaded only when the {@code jdk.incubator.vector} module is present; see
 * {@link PairwiseDistances}. Thread-safe: holds no state.
 */
final class VectorPairs {
  static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  /** Rows per tile side. */
  static final int TILE = 4;

  private VectorPairs() {}

  /**
   * {@code r[k] = v[from + k]} for {@code k < len}, in double lanes: the block's conversion reads
   * the inputs from memory, and a scalar loop would leave that read waiting on each conversion.
   */
  static void widen(float[] v, int from, double[] r, int len) {
    int lanes = SPECIES.length();
    int k = 0;
    for (int bound = SPECIES.loopBound(len); k < bound; k += lanes) {
      VectorColumns.wide(v, from + k).intoArray(r, k);
    }
    for (; k < len; k++) {
      r[k] = v[from + k];
    }
  }

  /** Lanes of the preferred double vector. */
  static int lanes() {
    return SPECIES.length();
  }

  /**
   * Adds, for every pair {@code i < j} of the first {@code n} rows, {@code sum_k (r_i[k] - r_j[k])^2}
   * over {@code k < len} to {@code acc[i][j]}.
   *
   * @param rows at least {@code n} rows rounded up to a multiple of {@link #TILE} (rows past
   *     {@code n} are ignored), each at least {@code len} long
   * @param len a multiple of {@link #lanes()}; the rows hold zeros from the true length up to it
   * @param n the true number of rows
   * @param acc n-by-n accumulator; only its upper triangle is written
   */
  static void accumulate(double[][] rows, int len, int n, double[][] acc) {
    for (int i0 = 0; i0 < n; i0 += TILE) {
      for (int j0 = i0; j0 < n; j0 += TILE) {
        tile(rows, len, i0, j0, n, acc);
      }
    }
  }

  // Every accumulator is its own local, reduced by its own statement: an array of vectors would
  // box them, and the loop would allocate instead of staying in registers.
  private static void tile(double[][] rows, int len, int i0, int j0, int n, double[][] acc) {
    double[] a0 = rows[i0];
    double[] a1 = rows[i0 + 1];
    double[] a2 = rows[i0 + 2];
    double[] a3 = rows[i0 + 3];
    double[] b0 = rows[j0];
    double[] b1 = rows[j0 + 1];
    double[] b2 = rows[j0 + 2];
    double[] b3 = rows[j0 + 3];
    DoubleVector z = DoubleVector.zero(SPECIES);
    DoubleVector c00 = z, c01 = z, c02 = z, c03 = z, c10 = z, c11 = z, c12 = z, c13 = z;
    DoubleVector c20 = z, c21 = z, c22 = z, c23 = z, c30 = z, c31 = z, c32 = z, c33 = z;
    for (int k = 0; k < len; k += SPECIES.length()) {
      DoubleVector x0 = DoubleVector.fromArray(SPECIES, a0, k);
      DoubleVector x1 = DoubleVector.fromArray(SPECIES, a1, k);
      DoubleVector x2 = DoubleVector.fromArray(SPECIES, a2, k);
      DoubleVector x3 = DoubleVector.fromArray(SPECIES, a3, k);
      DoubleVector y0 = DoubleVector.fromArray(SPECIES, b0, k);
      DoubleVector y1 = DoubleVector.fromArray(SPECIES, b1, k);
      DoubleVector y2 = DoubleVector.fromArray(SPECIES, b2, k);
      DoubleVector y3 = DoubleVector.fromArray(SPECIES, b3, k);
      c00 = squareAdd(x0, y0, c00);
      c01 = squareAdd(x0, y1, c01);
      c02 = squareAdd(x0, y2, c02);
      c03 = squareAdd(x0, y3, c03);
      c10 = squareAdd(x1, y0, c10);
      c11 = squareAdd(x1, y1, c11);
      c12 = squareAdd(x1, y2, c12);
      c13 = squareAdd(x1, y3, c13);
      c20 = squareAdd(x2, y0, c20);
      c21 = squareAdd(x2, y1, c21);
      c22 = squareAdd(x2, y2, c22);
      c23 = squareAdd(x2, y3, c23);
      c30 = squareAdd(x3, y0, c30);
      c31 = squareAdd(x3, y1, c31);
      c32 = squareAdd(x3, y2, c32);
      c33 = squareAdd(x3, y3, c33);
    }
    add(acc, i0, j0, n, c00.reduceLanes(VectorOperators.ADD));
    add(acc, i0, j0 + 1, n, c01.reduceLanes(VectorOperators.ADD));
    add(acc, i0, j0 + 2, n, c02.reduceLanes(VectorOperators.ADD));
    add(acc, i0, j0 + 3, n, c03.reduceLanes(VectorOperators.ADD));
    add(acc, i0 + 1, j0, n, c10.reduceLanes(VectorOperators.ADD));
    add(acc, i0 + 1, j0 + 1, n, c11.reduceLanes(VectorOperators.ADD));
    add(acc, i0 + 1, j0 + 2, n, c12.reduceLanes(VectorOperators.ADD));
    add(acc, i0 + 1, j0 + 3, n, c13.reduceLanes(VectorOperators.ADD));
    add(acc, i0 + 2, j0, n, c20.reduceLanes(VectorOperators.ADD));
    add(acc, i0 + 2, j0 + 1, n, c21.reduceLanes(VectorOperators.ADD));
    add(acc, i0 + 2, j0 + 2, n, c22.reduceLanes(VectorOperators.ADD));
    add(acc, i0 + 2, j0 + 3, n, c23.reduceLanes(VectorOperators.ADD));
    add(acc, i0 + 3, j0, n, c30.reduceLanes(VectorOperators.ADD));
    add(acc, i0 + 3, j0 + 1, n, c31.reduceLanes(VectorOperators.ADD));
    add(acc, i0 + 3, j0 + 2, n, c32.reduceLanes(VectorOperators.ADD));
    add(acc, i0 + 3, j0 + 3, n, c33.reduceLanes(VectorOperators.ADD));
  }

  private static DoubleVector squareAdd(DoubleVector x, DoubleVector y, DoubleVector sum) {
    DoubleVector t = x.sub(y);
    return t.fma(t, sum);
  }

  private static void add(double[][] acc, int i, int j, int n, double value) {
    if (j > i && j < n) {
      acc[i][j] += value;
    }
  }
}
