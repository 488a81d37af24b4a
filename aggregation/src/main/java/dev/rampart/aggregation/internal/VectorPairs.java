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

  private static void tile(double[][] rows, int len, int i0, int j0, int n, double[][] acc) {
    double[] a0 = rows[i0];
    double[] a1 = rows[i0 + 1];
    double[] a2 = rows[i0 + 2];
    double[] a3 = rows[i0 + 3];
    double[] b0 = rows[j0];
    double[] b1 = rows[j0 + 1];
    double[] b2 = rows[j0 + 2];
    double[] b3 = rows[j0 + 3];
    DoubleVector zero = DoubleVector.zero(SPECIES);
    DoubleVector c00 = zero;
    DoubleVector c01 = zero;
    DoubleVector c02 = zero;
    DoubleVector c03 = zero;
    DoubleVector c10 = zero;
    DoubleVector c11 = zero;
    DoubleVector c12 = zero;
    DoubleVector c13 = zero;
    DoubleVector c20 = zero;
    DoubleVector c21 = zero;
    DoubleVector c22 = zero;
    DoubleVector c23 = zero;
    DoubleVector c30 = zero;
    DoubleVector c31 = zero;
    DoubleVector c32 = zero;
    DoubleVector c33 = zero;
    int step = SPECIES.length();
    for (int k = 0; k < len; k += step) {
      DoubleVector x0 = DoubleVector.fromArray(SPECIES, a0, k);
      DoubleVector x1 = DoubleVector.fromArray(SPECIES, a1, k);
      DoubleVector x2 = DoubleVector.fromArray(SPECIES, a2, k);
      DoubleVector x3 = DoubleVector.fromArray(SPECIES, a3, k);
      DoubleVector y0 = DoubleVector.fromArray(SPECIES, b0, k);
      DoubleVector y1 = DoubleVector.fromArray(SPECIES, b1, k);
      DoubleVector y2 = DoubleVector.fromArray(SPECIES, b2, k);
      DoubleVector y3 = DoubleVector.fromArray(SPECIES, b3, k);
      DoubleVector t;
      t = x0.sub(y0);
      c00 = t.fma(t, c00);
      t = x0.sub(y1);
      c01 = t.fma(t, c01);
      t = x0.sub(y2);
      c02 = t.fma(t, c02);
      t = x0.sub(y3);
      c03 = t.fma(t, c03);
      t = x1.sub(y0);
      c10 = t.fma(t, c10);
      t = x1.sub(y1);
      c11 = t.fma(t, c11);
      t = x1.sub(y2);
      c12 = t.fma(t, c12);
      t = x1.sub(y3);
      c13 = t.fma(t, c13);
      t = x2.sub(y0);
      c20 = t.fma(t, c20);
      t = x2.sub(y1);
      c21 = t.fma(t, c21);
      t = x2.sub(y2);
      c22 = t.fma(t, c22);
      t = x2.sub(y3);
      c23 = t.fma(t, c23);
      t = x3.sub(y0);
      c30 = t.fma(t, c30);
      t = x3.sub(y1);
      c31 = t.fma(t, c31);
      t = x3.sub(y2);
      c32 = t.fma(t, c32);
      t = x3.sub(y3);
      c33 = t.fma(t, c33);
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

  // one statement per accumulator keeps the vectors in registers (an array of them would box them)
  private static void add(double[][] acc, int i, int j, int n, double value) {
    if (j > i && j < n) {
      acc[i][j] += value;
    }
  }
}
