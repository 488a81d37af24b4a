package dev.rampart.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rampart.aggregation.internal.PairwiseDistances;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The blocked, parallel kernels agree with straightforward reference computations written here,
 * on inputs large enough (n*d above the parallel threshold, d not a multiple of the block sizes)
 * to exercise splitting and remainders.
 */
class KernelAgreementTest {

  private static final int N = 6;
  private static final int D = 200_003;

  private static final List<float[]> INPUTS = Vectors.gaussian(77, N, D, 2.0);

  private static float[] column(int k) {
    float[] c = new float[N];
    for (int i = 0; i < N; i++) {
      c[i] = INPUTS.get(i)[k];
    }
    Arrays.sort(c);
    return c;
  }

  private static AggregationResult run(Aggregator a) {
    return a.aggregate(INPUTS, AggregationContext.of(new SplittableRandom(1)));
  }

  @Test
  void median_largeInput_matchesSortedColumns() {
    float[] out = run(Aggregators.median()).vector();
    for (int k = 0; k < D; k += 997) {
      float[] c = column(k);
      assertThat(out[k]).isCloseTo((float) ((c[2] + (double) c[3]) / 2), within(1e-6f));
    }
  }

  @Test
  void trimmedMean_largeInput_matchesSortedColumnsAndCountsTrims() {
    AggregationResult r = run(Aggregators.trimmedMean(2));
    float[] out = r.vector();
    for (int k = 0; k < D; k += 991) {
      float[] c = column(k);
      assertThat(out[k]).isCloseTo((float) ((c[2] + (double) c[3]) / 2), within(1e-6f));
    }
    double totalShare = 0;
    for (InputEvidence e : r.evidence()) {
      totalShare += e.trimmedShare();
    }
    // Exactly 4 of 6 values are trimmed at every coordinate (continuous data has no ties).
    assertThat(totalShare).isCloseTo(4.0, within(1e-9));
  }

  @Test
  void meamed_largeInput_matchesReference() {
    float[] out = run(Aggregators.meamed(2)).vector();
    for (int k = 0; k < D; k += 983) {
      float[] c = column(k);
      double med = (c[2] + (double) c[3]) / 2;
      Float[] boxed = new Float[N];
      for (int i = 0; i < N; i++) {
        boxed[i] = c[i];
      }
      Arrays.sort(boxed, (a, b) -> Double.compare(Math.abs(a - med), Math.abs(b - med)));
      double s = 0;
      for (int i = 0; i < N - 2; i++) {
        s += boxed[i];
      }
      assertThat(out[k]).isCloseTo((float) (s / (N - 2)), within(1e-5f));
    }
  }

  @Test
  void pairwiseDistances_largeInput_matchDirectSums() {
    double[][] dist = PairwiseDistances.squared(INPUTS, D);
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) {
        double s = 0;
        for (int k = 0; k < D; k++) {
          double t = (double) INPUTS.get(i)[k] - INPUTS.get(j)[k];
          s += t * t;
        }
        assertThat(dist[i][j]).isCloseTo(s, within(1e-9 * (1 + s)));
      }
    }
  }

  @Test
  void pairwiseDistances_simdAndScalarKernelsAgree_onUnevenSizes() {
    // 13 rows (not a multiple of the 4-row tile) and a dimension that is no multiple of the lanes
    // or of either kernel's block
    List<float[]> inputs = Vectors.gaussian(5, 13, 100_003, 3.0);
    double[][] simd = PairwiseDistances.squared(inputs, 100_003);
    double[][] scalar = PairwiseDistances.squaredScalar(inputs, 100_003);
    for (int i = 0; i < 13; i++) {
      assertThat(simd[i][i]).isZero();
      for (int j = 0; j < 13; j++) {
        assertThat(simd[i][j]).as("pair %d, %d", i, j).isCloseTo(scalar[i][j], within(1e-12 * scalar[i][j]))
            .isEqualTo(simd[j][i]);
      }
    }
  }

  @Test
  void pairwiseDistances_testJvmRunsTheSimdKernel() {
    // the test JVM gets --add-modules jdk.incubator.vector, as the coordinator does
    assertThat(PairwiseDistances.usesVectorKernel()).isTrue();
  }

  @Test
  void average_largeInput_matchesDirectMean() {
    float[] out = run(Aggregators.average()).vector();
    float[] mean = Vectors.mean(INPUTS);
    for (int k = 0; k < D; k += 101) {
      assertThat(out[k]).isCloseTo(mean[k], within(1e-6f));
    }
  }

  @Test
  void pairwiseDistances_nearlyEqualLargeVectors_keepPrecision() {
    float[] a = new float[1000];
    float[] b = new float[1000];
    Arrays.fill(a, 1e4f);
    Arrays.fill(b, 1e4f);
    b[0] = Math.nextUp(1e4f);
    double ulp = Math.ulp(1e4f);
    double[][] dist = PairwiseDistances.squared(List.of(a, b), 1000);
    assertThat(dist[0][1]).isEqualTo(ulp * ulp);
  }
}
