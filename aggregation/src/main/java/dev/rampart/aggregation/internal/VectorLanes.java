package dev.rampart.aggregation.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD kernels of {@link VectorMath}'s compensated combination and of {@link LaneDistances}, in
 * float lanes of the JDK vector API at the machine's widest vector.
 *
 * <p>{@link #twoSumAdd4} performs, lane by lane, exactly the float operations of the scalar loop
 * (a product and a sum per input, then Knuth's TwoSum), without fused multiply-adds, so its output
 * is bit for bit the scalar one. {@link #squaredDifferences} sums squares in as many float lanes as
 * the vector holds over runs of {@value #RUN} coordinates and adds the runs in double, the scheme of
 * {@link LaneDistances} with more lanes: each lane sums at most {@code RUN / lanes} squares, so the
 * relative error bound of {@code LaneDistances} holds.
 *
 * <p>Loaded only when the {@code jdk.incubator.vector} module is present; see
 * {@link PairwiseDistances#usesVectorKernel()}. Thread-safe: holds no state.
 */
final class VectorLanes {
  static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int RUN = 256;

  private VectorLanes() {}

  /**
   * For {@code k} in {@code [start, end)}: {@code t = (c0 v0[k] + c1 v1[k]) + (c2 v2[k] + c3 v3[k])}
   * is added to {@code sum[k]} with TwoSum, its rounding error to {@code comp[k - start]}.
   */
  static void twoSumAdd4(float[] c, float[][] v, int start, int end, float[] sum, float[] comp) {
    float[] v0 = v[0];
    float[] v1 = v[1];
    float[] v2 = v[2];
    float[] v3 = v[3];
    int k = start;
    for (int bound = start + SPECIES.loopBound(end - start); k < bound; k += SPECIES.length()) {
      FloatVector p = FloatVector.fromArray(SPECIES, v0, k).mul(c[0])
          .add(FloatVector.fromArray(SPECIES, v1, k).mul(c[1]));
      FloatVector q = FloatVector.fromArray(SPECIES, v2, k).mul(c[2])
          .add(FloatVector.fromArray(SPECIES, v3, k).mul(c[3]));
      FloatVector t = p.add(q);
      FloatVector a = FloatVector.fromArray(SPECIES, sum, k);
      FloatVector s = a.add(t);
      FloatVector bb = s.sub(a);
      FloatVector err = a.sub(s.sub(bb)).add(t.sub(bb));
      s.intoArray(sum, k);
      FloatVector.fromArray(SPECIES, comp, k - start).add(err).intoArray(comp, k - start);
    }
    for (; k < end; k++) {
      float t = (c[0] * v0[k] + c[1] * v1[k]) + (c[2] * v2[k] + c[3] * v3[k]);
      float a = sum[k];
      float s = a + t;
      float bb = s - a;
      sum[k] = s;
      comp[k - start] += (a - (s - bb)) + (t - bb);
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

  // p == null is the origin; the test is loop-invariant, so the JIT splits the loop on it.
  private static double laneSum(float[] x, float[] p, int from, int to) {
    double total = 0;
    int lanes = SPECIES.length();
    int k = from;
    while (k + lanes <= to) {
      int end = Math.min(to, k + RUN);
      FloatVector acc = FloatVector.zero(SPECIES);
      for (; k + lanes <= end; k += lanes) {
        FloatVector t = FloatVector.fromArray(SPECIES, x, k);
        if (p != null) {
          t = t.sub(FloatVector.fromArray(SPECIES, p, k));
        }
        acc = t.fma(t, acc);
      }
      total += reduce(acc);
    }
    for (; k < to; k++) {
      double t = p == null ? x[k] : (double) x[k] - p[k];
      total += t * t;
    }
    return total;
  }

  // A lane sums at most RUN / lanes squares and the lanes add log2(lanes) more roundings: with 16
  // lanes 20 roundings, below the 32 of the eight-lane scalar loop.
  private static double reduce(FloatVector acc) {
    return acc.reduceLanes(VectorOperators.ADD);
  }
}
