package dev.rampart.aggregation.internal;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD kernels of {@link CoordinateWise}: columns are sorted as int keys that order like the
 * floats ({@link #key}), so that each comparator is one integer minimum and maximum per lane.
 *
 * <p>The key of a float is its bit pattern with the magnitude bits flipped when the sign is set:
 * for every pair of floats that are not NaN, {@code key(a) < key(b)} iff {@code a < b} or
 * {@code a} is -0.0 and {@code b} is +0.0, which is the order {@link Math#min(float, float)} and
 * {@link Math#max(float, float)} sort by. So over finite columns the wanted rows end bit for bit
 * as with the float network. A NaN whose sign bit is clear sorts above +infinity, one whose sign bit
 * is set below -infinity, so a column with NaN or an infinity still has a non-finite first or last
 * row. The key map is its own inverse.
 *
 * <p>Loaded only when the {@code jdk.incubator.vector} module is present; see
 * {@link PairwiseDistances#usesVectorKernel()}. Thread-safe: holds no state.
 */
final class VectorColumns {
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> HALF_FLOATS =
      VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));
  private static final int MAGNITUDE = 0x7fffffff;

  private VectorColumns() {}

  /** The sortable key of a float's bits, and the bits of a key. */
  static int key(int bits) {
    return bits ^ ((bits >> 31) & MAGNITUDE);
  }

  /** {@code dst[k] = key(src[from + k])} for {@code k} in {@code [k0, len)}. */
  static void toKeys(float[] src, int from, int[] dst, int k0, int len) {
    int k = k0;
    for (int bound = k0 + INTS.loopBound(len - k0); k < bound; k += INTS.length()) {
      keyVector(src, from + k).intoArray(dst, k);
    }
    for (; k < len; k++) {
      dst[k] = key(Float.floatToRawIntBits(src[from + k]));
    }
  }

  /** {@code dst[k] = float of key src[k]} for {@code k < len}. */
  static void fromKeys(int[] src, float[] dst, int len) {
    int k = 0;
    for (int bound = INTS.loopBound(len); k < bound; k += INTS.length()) {
      flip(IntVector.fromArray(INTS, src, k)).reinterpretAsFloats().intoArray(dst, k);
    }
    for (; k < len; k++) {
      dst[k] = Float.intBitsToFloat(key(src[k]));
    }
  }

  /** Applies the comparators {@code net} (flattened pairs) to the columns {@code [from, to)}. */
  static void exchange(int[][] rows, int from, int to, int[] net) {
    int lanes = INTS.length();
    int bound = from + INTS.loopBound(to - from);
    for (int q = 0; q < net.length; q += 2) {
      int[] a = rows[net[q]];
      int[] b = rows[net[q + 1]];
      int k = from;
      for (; k < bound; k += lanes) {
        IntVector x = IntVector.fromArray(INTS, a, k);
        IntVector y = IntVector.fromArray(INTS, b, k);
        x.min(y).intoArray(a, k);
        x.max(y).intoArray(b, k);
      }
      for (; k < to; k++) {
        int x = a[k];
        int y = b[k];
        a[k] = Math.min(x, y);
        b[k] = Math.max(x, y);
      }
    }
  }

  /** Lanes of a key vector. */
  static int lanes() {
    return INTS.length();
  }

  private static IntVector keyVector(float[] src, int at) {
    return flip(FloatVector.fromArray(FLOATS, src, at).reinterpretAsInts());
  }

  /** {@link #key} lane by lane: float bits to key, or key to float bits. */
  private static IntVector flip(IntVector b) {
    return b.lanewise(VectorOperators.XOR, b.lanewise(VectorOperators.ASHR, 31).and(MAGNITUDE));
  }

  // The two networks below are written out comparator by comparator (one per line: the minimum
  // into the lower row, the maximum into the upper) so that the JIT keeps all rows in registers;
  // they are the stages p < 8 and p = 8 of SortingNetwork's Batcher network for 16 rows, and the
  // second half of a bitonic merge of two sorted runs of 16.

  /**
   * Keys of 8 rows {@code x[row + j]} at {@code [at, at + lanes)}, sorted per lane by Batcher's
   * network for 8 (19 comparators, in registers), stored to {@code keys[row + j]} at {@code k}.
   */
  static void sort8(float[][] x, int row, int at, int[][] keys, int k) {
    IntVector v0 = keyVector(x[row + 0], at);
    IntVector v1 = keyVector(x[row + 1], at);
    IntVector v2 = keyVector(x[row + 2], at);
    IntVector v3 = keyVector(x[row + 3], at);
    IntVector v4 = keyVector(x[row + 4], at);
    IntVector v5 = keyVector(x[row + 5], at);
    IntVector v6 = keyVector(x[row + 6], at);
    IntVector v7 = keyVector(x[row + 7], at);
    IntVector t;
    t = v0.min(v1); v1 = v0.max(v1); v0 = t;
    t = v2.min(v3); v3 = v2.max(v3); v2 = t;
    t = v4.min(v5); v5 = v4.max(v5); v4 = t;
    t = v6.min(v7); v7 = v6.max(v7); v6 = t;
    t = v0.min(v2); v2 = v0.max(v2); v0 = t;
    t = v1.min(v3); v3 = v1.max(v3); v1 = t;
    t = v4.min(v6); v6 = v4.max(v6); v4 = t;
    t = v5.min(v7); v7 = v5.max(v7); v5 = t;
    t = v1.min(v2); v2 = v1.max(v2); v1 = t;
    t = v5.min(v6); v6 = v5.max(v6); v5 = t;
    t = v0.min(v4); v4 = v0.max(v4); v0 = t;
    t = v1.min(v5); v5 = v1.max(v5); v1 = t;
    t = v2.min(v6); v6 = v2.max(v6); v2 = t;
    t = v3.min(v7); v7 = v3.max(v7); v3 = t;
    t = v2.min(v4); v4 = v2.max(v4); v2 = t;
    t = v3.min(v5); v5 = v3.max(v5); v3 = t;
    t = v1.min(v2); v2 = v1.max(v2); v1 = t;
    t = v3.min(v4); v4 = v3.max(v4); v3 = t;
    t = v5.min(v6); v6 = v5.max(v6); v5 = t;
    v0.intoArray(keys[row + 0], k);
    v1.intoArray(keys[row + 1], k);
    v2.intoArray(keys[row + 2], k);
    v3.intoArray(keys[row + 3], k);
    v4.intoArray(keys[row + 4], k);
    v5.intoArray(keys[row + 5], k);
    v6.intoArray(keys[row + 6], k);
    v7.intoArray(keys[row + 7], k);
  }

  /**
   * Merges, per lane, the sorted key rows {@code row .. row + 7} and {@code row + 8 .. row + 15}
   * at {@code [k, k + lanes)} by Batcher's odd-even merge (25 comparators, in registers).
   */
  static void merge16(int[][] keys, int row, int k) {
    IntVector v0 = IntVector.fromArray(INTS, keys[row + 0], k);
    IntVector v1 = IntVector.fromArray(INTS, keys[row + 1], k);
    IntVector v2 = IntVector.fromArray(INTS, keys[row + 2], k);
    IntVector v3 = IntVector.fromArray(INTS, keys[row + 3], k);
    IntVector v4 = IntVector.fromArray(INTS, keys[row + 4], k);
    IntVector v5 = IntVector.fromArray(INTS, keys[row + 5], k);
    IntVector v6 = IntVector.fromArray(INTS, keys[row + 6], k);
    IntVector v7 = IntVector.fromArray(INTS, keys[row + 7], k);
    IntVector v8 = IntVector.fromArray(INTS, keys[row + 8], k);
    IntVector v9 = IntVector.fromArray(INTS, keys[row + 9], k);
    IntVector v10 = IntVector.fromArray(INTS, keys[row + 10], k);
    IntVector v11 = IntVector.fromArray(INTS, keys[row + 11], k);
    IntVector v12 = IntVector.fromArray(INTS, keys[row + 12], k);
    IntVector v13 = IntVector.fromArray(INTS, keys[row + 13], k);
    IntVector v14 = IntVector.fromArray(INTS, keys[row + 14], k);
    IntVector v15 = IntVector.fromArray(INTS, keys[row + 15], k);
    IntVector t;
    t = v0.min(v8); v8 = v0.max(v8); v0 = t;
    t = v1.min(v9); v9 = v1.max(v9); v1 = t;
    t = v2.min(v10); v10 = v2.max(v10); v2 = t;
    t = v3.min(v11); v11 = v3.max(v11); v3 = t;
    t = v4.min(v12); v12 = v4.max(v12); v4 = t;
    t = v5.min(v13); v13 = v5.max(v13); v5 = t;
    t = v6.min(v14); v14 = v6.max(v14); v6 = t;
    t = v7.min(v15); v15 = v7.max(v15); v7 = t;
    t = v4.min(v8); v8 = v4.max(v8); v4 = t;
    t = v5.min(v9); v9 = v5.max(v9); v5 = t;
    t = v6.min(v10); v10 = v6.max(v10); v6 = t;
    t = v7.min(v11); v11 = v7.max(v11); v7 = t;
    t = v2.min(v4); v4 = v2.max(v4); v2 = t;
    t = v3.min(v5); v5 = v3.max(v5); v3 = t;
    t = v6.min(v8); v8 = v6.max(v8); v6 = t;
    t = v7.min(v9); v9 = v7.max(v9); v7 = t;
    t = v10.min(v12); v12 = v10.max(v12); v10 = t;
    t = v11.min(v13); v13 = v11.max(v13); v11 = t;
    t = v1.min(v2); v2 = v1.max(v2); v1 = t;
    t = v3.min(v4); v4 = v3.max(v4); v3 = t;
    t = v5.min(v6); v6 = v5.max(v6); v5 = t;
    t = v7.min(v8); v8 = v7.max(v8); v7 = t;
    t = v9.min(v10); v10 = v9.max(v10); v9 = t;
    t = v11.min(v12); v12 = v11.max(v12); v11 = t;
    t = v13.min(v14); v14 = v13.max(v14); v13 = t;
    v0.intoArray(keys[row + 0], k); v1.intoArray(keys[row + 1], k);
    v2.intoArray(keys[row + 2], k); v3.intoArray(keys[row + 3], k);
    v4.intoArray(keys[row + 4], k); v5.intoArray(keys[row + 5], k);
    v6.intoArray(keys[row + 6], k); v7.intoArray(keys[row + 7], k);
    v8.intoArray(keys[row + 8], k); v9.intoArray(keys[row + 9], k);
    v10.intoArray(keys[row + 10], k); v11.intoArray(keys[row + 11], k);
    v12.intoArray(keys[row + 12], k); v13.intoArray(keys[row + 13], k);
    v14.intoArray(keys[row + 14], k); v15.intoArray(keys[row + 15], k);
  }

  /**
   * Sorts, per lane, the key rows {@code row .. row + 15} at {@code [k, k + lanes)} when they hold a
   * bitonic sequence (rising then falling, or a rotation of that): half-cleaners at distances 8, 4,
   * 2 and 1 (32 comparators, in registers).
   */
  static void bitonic16(int[][] keys, int row, int k) {
    IntVector v0 = IntVector.fromArray(INTS, keys[row + 0], k);
    IntVector v1 = IntVector.fromArray(INTS, keys[row + 1], k);
    IntVector v2 = IntVector.fromArray(INTS, keys[row + 2], k);
    IntVector v3 = IntVector.fromArray(INTS, keys[row + 3], k);
    IntVector v4 = IntVector.fromArray(INTS, keys[row + 4], k);
    IntVector v5 = IntVector.fromArray(INTS, keys[row + 5], k);
    IntVector v6 = IntVector.fromArray(INTS, keys[row + 6], k);
    IntVector v7 = IntVector.fromArray(INTS, keys[row + 7], k);
    IntVector v8 = IntVector.fromArray(INTS, keys[row + 8], k);
    IntVector v9 = IntVector.fromArray(INTS, keys[row + 9], k);
    IntVector v10 = IntVector.fromArray(INTS, keys[row + 10], k);
    IntVector v11 = IntVector.fromArray(INTS, keys[row + 11], k);
    IntVector v12 = IntVector.fromArray(INTS, keys[row + 12], k);
    IntVector v13 = IntVector.fromArray(INTS, keys[row + 13], k);
    IntVector v14 = IntVector.fromArray(INTS, keys[row + 14], k);
    IntVector v15 = IntVector.fromArray(INTS, keys[row + 15], k);
    IntVector t;
    t = v0.min(v8); v8 = v0.max(v8); v0 = t;
    t = v1.min(v9); v9 = v1.max(v9); v1 = t;
    t = v2.min(v10); v10 = v2.max(v10); v2 = t;
    t = v3.min(v11); v11 = v3.max(v11); v3 = t;
    t = v4.min(v12); v12 = v4.max(v12); v4 = t;
    t = v5.min(v13); v13 = v5.max(v13); v5 = t;
    t = v6.min(v14); v14 = v6.max(v14); v6 = t;
    t = v7.min(v15); v15 = v7.max(v15); v7 = t;
    t = v0.min(v4); v4 = v0.max(v4); v0 = t;
    t = v1.min(v5); v5 = v1.max(v5); v1 = t;
    t = v2.min(v6); v6 = v2.max(v6); v2 = t;
    t = v3.min(v7); v7 = v3.max(v7); v3 = t;
    t = v8.min(v12); v12 = v8.max(v12); v8 = t;
    t = v9.min(v13); v13 = v9.max(v13); v9 = t;
    t = v10.min(v14); v14 = v10.max(v14); v10 = t;
    t = v11.min(v15); v15 = v11.max(v15); v11 = t;
    t = v0.min(v2); v2 = v0.max(v2); v0 = t;
    t = v1.min(v3); v3 = v1.max(v3); v1 = t;
    t = v4.min(v6); v6 = v4.max(v6); v4 = t;
    t = v5.min(v7); v7 = v5.max(v7); v5 = t;
    t = v8.min(v10); v10 = v8.max(v10); v8 = t;
    t = v9.min(v11); v11 = v9.max(v11); v9 = t;
    t = v12.min(v14); v14 = v12.max(v14); v12 = t;
    t = v13.min(v15); v15 = v13.max(v15); v13 = t;
    t = v0.min(v1); v1 = v0.max(v1); v0 = t;
    t = v2.min(v3); v3 = v2.max(v3); v2 = t;
    t = v4.min(v5); v5 = v4.max(v5); v4 = t;
    t = v6.min(v7); v7 = v6.max(v7); v6 = t;
    t = v8.min(v9); v9 = v8.max(v9); v8 = t;
    t = v10.min(v11); v11 = v10.max(v11); v10 = t;
    t = v12.min(v13); v13 = v12.max(v13); v12 = t;
    t = v14.min(v15); v15 = v14.max(v15); v14 = t;
    v0.intoArray(keys[row + 0], k); v1.intoArray(keys[row + 1], k);
    v2.intoArray(keys[row + 2], k); v3.intoArray(keys[row + 3], k);
    v4.intoArray(keys[row + 4], k); v5.intoArray(keys[row + 5], k);
    v6.intoArray(keys[row + 6], k); v7.intoArray(keys[row + 7], k);
    v8.intoArray(keys[row + 8], k); v9.intoArray(keys[row + 9], k);
    v10.intoArray(keys[row + 10], k); v11.intoArray(keys[row + 11], k);
    v12.intoArray(keys[row + 12], k); v13.intoArray(keys[row + 13], k);
    v14.intoArray(keys[row + 14], k); v15.intoArray(keys[row + 15], k);
  }

  /** {@code acc[k] += src[from + k]} in double for {@code k < len}. */
  static void addTo(float[] src, int from, double[] acc, int len) {
    int lanes = DOUBLES.length();
    int k = 0;
    for (int bound = len - lanes + 1; k < bound; k += lanes) {
      FloatVector v = FloatVector.fromArray(HALF_FLOATS, src, from + k);
      DoubleVector w = (DoubleVector) v.convertShape(VectorOperators.F2D, DOUBLES, 0);
      DoubleVector.fromArray(DOUBLES, acc, k).add(w).intoArray(acc, k);
    }
    for (; k < len; k++) {
      acc[k] += src[from + k];
    }
  }

  /** How many {@code v[start + k]}, {@code k < len}, lie strictly outside {@code [lo[k], hi[k]]}. */
  static int outside(float[] v, int start, float[] lo, float[] hi, int len) {
    int c = 0;
    int k = 0;
    for (int bound = FLOATS.loopBound(len); k < bound; k += FLOATS.length()) {
      FloatVector x = FloatVector.fromArray(FLOATS, v, start + k);
      VectorMask<Float> out = x.compare(VectorOperators.LT, FloatVector.fromArray(FLOATS, lo, k))
          .or(x.compare(VectorOperators.GT, FloatVector.fromArray(FLOATS, hi, k)));
      c += out.trueCount();
    }
    for (; k < len; k++) {
      float value = v[start + k];
      c += (value < lo[k] | value > hi[k]) ? 1 : 0;
    }
    return c;
  }

  /**
   * Mean around median over a selected block with {@code 2f <= n}, in double lanes, as the scalar
   * form in {@code ColumnStatistics} computes it: for each {@code i < f} the one of ranks i and
   * {@code n - f + i} farther from the median (the high one on a tie) leaves the column total.
   *
   * @return the first column not done (the scalar form finishes the block)
   */
  static int meanAroundMedian(ColumnBlock block, int f, float[] out, int off) {
    float[][] s = block.rows();
    int n = s.length;
    int lanes = DOUBLES.length();
    int k = 0;
    for (int bound = block.len() - lanes + 1; k < bound; k += lanes) {
      DoubleVector m = wide(s[(n - 1) / 2], k).add(wide(s[n / 2], k)).mul(0.5);
      DoubleVector sum = DoubleVector.fromArray(DOUBLES, block.totals(), k);
      DoubleVector lo = wide(s[f], k);
      DoubleVector hi = wide(s[n - 1], k);
      DoubleVector wb = hi;
      for (int i = f - 1; i >= 0; i--) {
        DoubleVector wa = (DoubleVector) FloatVector.fromArray(HALF_FLOATS, s[i], k)
            .convertShape(VectorOperators.F2D, DOUBLES, 0);
        DoubleVector below = (DoubleVector) FloatVector.fromArray(HALF_FLOATS, s[n - f + i - 1], k)
            .convertShape(VectorOperators.F2D, DOUBLES, 0);
        VectorMask<Double> low = m.sub(wa).compare(VectorOperators.GT, wb.sub(m));
        sum = sum.sub(wb.blend(wa, low));
        lo = wa.blend(lo, low);
        hi = below.blend(hi, low);
        wb = below;
      }
      // lo and hi hold floats widened exactly, so narrowing them back is exact.
      narrow(sum.div(n - f)).intoArray(out, off + k);
      narrow(lo).intoArray(block.lo(), k);
      narrow(hi).intoArray(block.hi(), k);
    }
    return k;
  }

  private static FloatVector narrow(DoubleVector v) {
    return (FloatVector) v.convertShape(VectorOperators.D2F, HALF_FLOATS, 0);
  }

  /**
   * {@code row[k ..]} widened to a vector of the preferred double shape (as many floats as it has
   * lanes); the float-to-double step of every kernel in this package that reads floats into double
   * lanes.
   */
  static DoubleVector wide(float[] row, int k) {
    return (DoubleVector) FloatVector.fromArray(HALF_FLOATS, row, k)
        .convertShape(VectorOperators.F2D, DOUBLES, 0);
  }
}
