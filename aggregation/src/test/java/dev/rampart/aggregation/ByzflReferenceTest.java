package dev.rampart.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * ByzFL's published reference values. ByzFL (LPD-EPFL/byzfl) documents each rule with a worked
 * example in its docstrings, in byzfl/aggregators/aggregators.py and
 * byzfl/aggregators/preaggregators.py; its tests/ directory holds no aggregator unit tests, so these
 * examples are the published input/output pairs. Every example uses the inputs
 * {@code [[1,2,3],[4,5,6],[7,8,9]]}. Tolerance: 1e-5 relative, as for float32.
 */
class ByzflReferenceTest {

  private static final List<float[]> X = Vectors.rows(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});

  static AggregationContext context() {
    return AggregationContext.of(new SplittableRandom(1));
  }

  static void assertVector(float[] actual, double... expected) {
    assertThat(actual).hasSize(expected.length);
    for (int k = 0; k < expected.length; k++) {
      assertThat((double) actual[k]).isCloseTo(expected[k], within(1e-5 * Math.max(1.0, Math.abs(expected[k]))));
    }
  }

  static float[] run(String spec, int f) {
    return Pipeline.parse(spec, f).aggregate(X, context()).vector();
  }

  // aggregators.py, class Average: agg(x) -> [4. 5. 6.]
  @Test
  void average_byzflExample_matches() {
    assertVector(run("average", 0), 4, 5, 6);
  }

  // aggregators.py, class Median: agg(x) -> [4. 5. 6.]
  @Test
  void median_byzflExample_matches() {
    assertVector(run("median", 0), 4, 5, 6);
  }

  // aggregators.py, class TrMean: TrMean(1)(x) -> [4. 5. 6.]
  @Test
  void trmean_byzflExample_matches() {
    assertVector(run("trmean", 1), 4, 5, 6);
  }

  // aggregators.py, class GeometricMedian: defaults nu=0.1, T=3 -> [3.78788764 4.78788764 5.78788764]
  @Test
  void geometricMedian_byzflExample_matches() {
    assertVector(run("gm", 0), 3.78788764, 4.78788764, 5.78788764);
  }

  // aggregators.py, class Krum: Krum(1)(x) -> [1. 2. 3.]
  @Test
  void krum_byzflExample_matches() {
    assertVector(run("krum", 1), 1, 2, 3);
  }

  // aggregators.py, class MultiKrum: MultiKrum(1)(x) -> [2.5 3.5 4.5]
  @Test
  void multiKrum_byzflExample_matches() {
    assertVector(run("multikrum", 1), 2.5, 3.5, 4.5);
  }

  // aggregators.py, class Meamed: Meamed(1)(x) -> [2.5 3.5 4.5]
  @Test
  void meamed_byzflExample_matches() {
    assertVector(run("meamed", 1), 2.5, 3.5, 4.5);
  }

  // aggregators.py, class MDA: MDA(1)(x) -> [2.5 3.5 4.5]
  @Test
  void mda_byzflExample_matches() {
    assertVector(run("mda", 1), 2.5, 3.5, 4.5);
  }

  // aggregators.py, class CenteredClipping: defaults m=None (zero), L=1, tau=100.0 -> [4. 5. 6.]
  @Test
  void centeredClipping_byzflExample_matches() {
    assertVector(run("cc", 0), 4, 5, 6);
  }

  // aggregators.py, class MoNNA: MoNNA(1, 1)(x) -> [2.5 3.5 4.5]
  @Test
  void monna_byzflExample_matches() {
    assertVector(run("monna(idx=1)", 1), 2.5, 3.5, 4.5);
  }

  // aggregators.py, class CAF: CAF(1)(x) -> [4. 5. 6.]
  @Test
  void caf_byzflExample_matches() {
    assertVector(run("caf", 1), 4, 5, 6);
  }

  // aggregators.py, class SMEA: SMEA(1)(x) -> [2.5 3.5 4.5]
  @Test
  void smea_byzflExample_matches() {
    assertVector(run("smea", 1), 2.5, 3.5, 4.5);
  }

  // preaggregators.py, class Bucketing: Bucketing(2)(x) is random; the docstring shows
  // [[4 5 6] [4 5 6]] (numpy) and [[5.5 6.5 7.5] [1 2 3]] (torch): a pair mean, then the leftover.
  @Test
  void bucketing_byzflExample_pairMeanThenLeftover() {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (long seed = 0; seed < 64; seed++) {
      PreAggregation p = PreAggregators.bucketing(2).apply(X, AggregationContext.of(new SplittableRandom(seed)));
      assertThat(p.outputCount()).isEqualTo(2);
      int leftover = -1;
      for (int i = 0; i < 3; i++) {
        if (p.mixing(1, i) == 1.0) {
          leftover = i;
        }
      }
      assertThat(leftover).isNotNegative();
      assertVector(p.outputs().get(1), X.get(leftover)[0], X.get(leftover)[1], X.get(leftover)[2]);
      assertVector(p.outputs().get(0), (12 - X.get(leftover)[0]) / 2.0, (15 - X.get(leftover)[1]) / 2.0,
          (18 - X.get(leftover)[2]) / 2.0);
      seen.add(java.util.Arrays.toString(p.outputs().get(0)));
    }
    assertThat(seen).contains("[4.0, 5.0, 6.0]", "[5.5, 6.5, 7.5]");
  }

  // preaggregators.py, class NNM: NNM(1)(x) -> [[2.5 3.5 4.5] [2.5 3.5 4.5] [5.5 6.5 7.5]]
  @Test
  void nnm_byzflExample_matches() {
    List<float[]> out = PreAggregators.nearestNeighborMixing(1).apply(X, context()).outputs();
    assertVector(out.get(0), 2.5, 3.5, 4.5);
    assertVector(out.get(1), 2.5, 3.5, 4.5);
    assertVector(out.get(2), 5.5, 6.5, 7.5);
  }

  // preaggregators.py, class Clipping: Clipping(2)(x) -> rows below
  @Test
  void clipping_byzflExample_matches() {
    List<float[]> out = PreAggregators.clipping(2.0).apply(X, context()).outputs();
    assertVector(out.get(0), 0.53452248, 1.06904497, 1.60356745);
    assertVector(out.get(1), 0.91168461, 1.13960576, 1.36752692);
    assertVector(out.get(2), 1.00514142, 1.14873305, 1.29232469);
  }

  // preaggregators.py, class ARC: ARC(1)(x) -> [[1 2 3] [4 5 6] [4.41004009 5.04004582 5.67005155]]
  @Test
  void arc_byzflExample_matches() {
    PreAggregation p = PreAggregators.adaptiveRobustClipping(1).apply(X, context());
    assertVector(p.outputs().get(0), 1, 2, 3);
    assertVector(p.outputs().get(1), 4, 5, 6);
    assertVector(p.outputs().get(2), 4.41004009, 5.04004582, 5.67005155);
    assertThat(p.clipScale(2)).isCloseTo(Math.sqrt(77.0 / 194.0), within(1e-12));
  }
}
