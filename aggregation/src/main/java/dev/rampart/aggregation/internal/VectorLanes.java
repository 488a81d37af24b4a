package dev.rampart.aggregation.internal;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD kernels of {@link VectorMath}'s combination and of {@link LaneDistances}, in lanes of the
 * JDK vector API at the machine's widest vector.
 *
 * <p>{@link #addProducts8} performs, lane by lane, exactly the double operations of the scalar loop
 * (each float product exact in double, each addition rounded once, in input order), so its output
 * is bit for bit the scalar one. {@link #squaredDifferences} sums squares in four accumulators of as
 * many float lanes as the vector holds, over runs in which each lane sums at most {@value #PER_LANE}
 * squares, and adds the runs in double, the scheme of {@link LaneDistances} with more lanes: the
 * relative error bound of {@code LaneDistances} holds.
 *
 * <p>Loaded only when the {@code jdk.incubator.vector} module is present; see
 * {@link PairwiseDistances#usesVectorKernel()}. Thread-safe: holds no state.
 */
final class VectorLanes {
  static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
  /** Squares one lane of one of the four accumulators sums per run. */
  private static final int PER_LANE = 16;

  private VectorLanes() {}

  /**
   * For {@code k} in {@code [start, end)}: {@code acc[k - start]} plus {@code c[0] v[0][k]}, then
   * plus {@code c[1] v[1][k]} and so on to {@code c[7] v[7][k]}, in double lanes. A float times a
   * float is exact in double, so each fused multiply-add rounds once, as the scalar addition of the
   * exact product does: the result is bit for bit the scalar loop's.
   */
  static void addProducts8(float[] c, float[][] v, int start, int end, double[] acc) {
    float[] v0 = v[0];
    float[] v1 = v[1];
    float[] v2 = v[2];
    float[] v3 = v[3];
    float[] v4 = v[4];
    float[] v5 = v[5];
    float[] v6 = v[6];
    float[] v7 = v[7];
    DoubleVector c0 = DoubleVector.broadcast(DOUBLES, c[0]);
    DoubleVector c1 = DoubleVector.broadcast(DOUBLES, c[1]);
    DoubleVector c2 = DoubleVector.broadcast(DOUBLES, c[2]);
    DoubleVector c3 = DoubleVector.broadcast(DOUBLES, c[3]);
    DoubleVector c4 = DoubleVector.broadcast(DOUBLES, c[4]);
    DoubleVector c5 = DoubleVector.broadcast(DOUBLES, c[5]);
    DoubleVector c6 = DoubleVector.broadcast(DOUBLES, c[6]);
    DoubleVector c7 = DoubleVector.broadcast(DOUBLES, c[7]);
    int lanes = DOUBLES.length();
    int k = start;
    for (int bound = start + DOUBLES.loopBound(end - start); k < bound; k += lanes) {
      int a = k - start;
      DoubleVector s = DoubleVector.fromArray(DOUBLES, acc, a);
      s = VectorColumns.wide(v0, k).fma(c0, s);
      s = VectorColumns.wide(v1, k).fma(c1, s);
      s = VectorColumns.wide(v2, k).fma(c2, s);
      s = VectorColumns.wide(v3, k).fma(c3, s);
      s = VectorColumns.wide(v4, k).fma(c4, s);
      s = VectorColumns.wide(v5, k).fma(c5, s);
      s = VectorColumns.wide(v6, k).fma(c6, s);
      s = VectorColumns.wide(v7, k).fma(c7, s);
      s.intoArray(acc, a);
    }
    for (; k < end; k++) {
      double s = acc[k - start];
      for (int g = 0; g < 8; g++) {
        s += (double) c[g] * v[g][k];
      }
      acc[k - start] = s;
    }
  }

  /** Lane sum of {@code (x_k - p_k)^2} over {@code [from, to)}, runs added in double. */
  static double squaredDifferences(float[] x, float[] p, int from, int to) {
    return laneSum(x, p, from, to);
  }

  /** Lane sum of {@code x_k^2} over {@code [from, to)}, runs added in double. */
  static double squares(float[] x, int from, int to) {
    return laneSum(x, null, from, to);
  }

  // p == null is the origin; the test is loop-invariant, so the JIT splits the loop on it. Four
  // accumulators keep four fused multiply-adds in flight, so that a block read from cache is not
  // held up by one addition's latency.
  private static double laneSum(float[] x, float[] p, int from, int to) {
    double total = 0;
    int lanes = SPECIES.length();
    int step = 4 * lanes;
    int run = step * PER_LANE;
    int k = from;
    while (k + step <= to) {
      int end = Math.min(to, k + run);
      FloatVector a0 = FloatVector.zero(SPECIES);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      for (; k + step <= end; k += step) {
        FloatVector t0 = difference(x, p, k);
        FloatVector t1 = difference(x, p, k + lanes);
        FloatVector t2 = difference(x, p, k + 2 * lanes);
        FloatVector t3 = difference(x, p, k + 3 * lanes);
        a0 = t0.fma(t0, a0);
        a1 = t1.fma(t1, a1);
        a2 = t2.fma(t2, a2);
        a3 = t3.fma(t3, a3);
      }
      total += reduce(a0.add(a1).add(a2.add(a3)));
    }
    for (; k < to; k++) {
      double t = p == null ? x[k] : (double) x[k] - p[k];
      total += t * t;
    }
    return total;
  }

  private static FloatVector difference(float[] x, float[] p, int k) {
    FloatVector t = FloatVector.fromArray(SPECIES, x, k);
    return p == null ? t : t.sub(FloatVector.fromArray(SPECIES, p, k));
  }

  // A lane of an accumulator sums at most PER_LANE squares, adding the four accumulators rounds
  // twice more and the lanes log2(lanes) more: with 16 lanes 22 roundings, below the 32 of the
  // eight-lane scalar loop.
  private static double reduce(FloatVector acc) {
    return acc.reduceLanes(VectorOperators.ADD);
  }
}
