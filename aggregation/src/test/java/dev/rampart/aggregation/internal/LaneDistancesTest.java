package dev.rampart.aggregation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The float-lane distances agree with double sums within their documented bound, are repaired where
 * a float square overflows, and report NaN and infinities as the double kernel does; the fused
 * combination equals {@code combine} bit for bit and measures what a separate pass measures.
 */
class LaneDistancesTest {

  // Documented bound of one lane computation, twice: each side of a comparison may err by it.
  private static final double BOUND = 2 * 32 * 0x1p-24;
  private static final int D = 200_003;

  private static List<float[]> inputs(int n, int d) {
    SplittableRandom r = new SplittableRandom(11);
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] x = new float[d];
      for (int k = 0; k < d; k++) {
        x[k] = (float) (r.nextDouble() * 4 - 2) + (i == n - 1 ? 25f : 0f);
      }
      out.add(x);
    }
    return out;
  }

  @Test
  void squaredTo_largeInput_matchesDoubleKernelWithinBound() {
    List<float[]> x = inputs(7, D);
    float[] p = x.get(2);
    double[] lane = LaneDistances.squaredTo(x, p, D);
    double[] exact = VectorMath.squaredDistancesTo(x, p, D);
    double[] norms = LaneDistances.squaredTo(x, null, D);
    double[] exactNorms = VectorMath.squaredDistancesTo(x, null, D);
    for (int i = 0; i < x.size(); i++) {
      assertThat(lane[i]).isCloseTo(exact[i], within(BOUND * exact[i]));
      assertThat(norms[i]).isCloseTo(exactNorms[i], within(BOUND * exactNorms[i]));
    }
  }

  @Test
  void squaredTo_floatSquareOverflows_isRepairedInDouble() {
    float[] big = new float[64];
    big[5] = 1e20f;
    double[] sq = LaneDistances.squaredTo(List.of(big), null, 64);
    assertThat(sq[0]).isCloseTo(1e40, within(1e34));
  }

  @Test
  void squaredTo_nonFiniteInputs_areNaNOrInfiniteAsInDouble() {
    float[] nan = new float[64];
    nan[9] = Float.NaN;
    nan[10] = Float.POSITIVE_INFINITY;
    float[] inf = new float[64];
    inf[3] = Float.NEGATIVE_INFINITY;
    double[] sq = LaneDistances.squaredTo(List.of(nan, inf, new float[64]), null, 64);
    assertThat(sq[0]).isNaN();
    assertThat(sq[1]).isInfinite();
    assertThat(sq[2]).isZero();
  }

  @Test
  void combineWithDistances_largeInput_equalsCombineAndSeparatePass() {
    List<float[]> x = inputs(9, D);
    double[] w = {0.1, 0.05, 0.2, 0.0, 0.15, 0.1, 0.1, 0.25, 0.05};
    float[] plain = VectorMath.combine(x, w, D);
    VectorMath.Combination fused = VectorMath.combineWithDistances(x, w, D, x.size());
    assertThat(fused.vector()).isEqualTo(plain);
    double[] separate = LaneDistances.squaredTo(x, plain, D);
    for (int i = 0; i < x.size(); i++) {
      assertThat(fused.squaredDistances()[i]).isCloseTo(separate[i], within(BOUND * separate[i]));
    }
  }

  @Test
  void combine_isWithinItsBoundOfTheExactSum() {
    // Thirteen inputs: one group of eight, a zero weight, four taken one by one; mixed signs.
    List<float[]> x = inputs(13, D);
    double[] w = {0.3, -0.2, 0.15, 0.7, -0.45, 0.05, 0.0, 0.33, -0.61, 0.2, 0.125, -0.05, 0.4};
    float[] out = VectorMath.combine(x, w, D);
    for (int k = 0; k < D; k += 97) {
      BigDecimal exact = BigDecimal.ZERO;
      double magnitude = 0;
      for (int i = 0; i < x.size(); i++) {
        double product = (double) (float) w[i] * x.get(i)[k];
        exact = exact.add(new BigDecimal(product));
        magnitude += Math.abs(product);
      }
      double e = exact.doubleValue();
      double bound = Math.ulp((float) e) / 2.0 + 12 * 0x1p-53 * magnitude + Math.ulp(e);
      assertThat((double) out[k]).as("coordinate %d", k).isCloseTo(e, within(bound));
    }
  }

  @Test
  void coordinateWise_measuredDistances_matchSeparatePass() {
    List<float[]> x = inputs(11, D);
    for (ColumnStatistic s : List.of(ColumnStatistic.median(), ColumnStatistic.trimmedMean(3),
        ColumnStatistic.meanAroundMedian(3))) {
      CoordinateWise.Result plain = CoordinateWise.apply(x, D, s);
      CoordinateWise.Result measured = CoordinateWise.apply(x, D, s, true);
      assertThat(plain.squaredDistances()).isNull();
      assertThat(measured.vector()).isEqualTo(plain.vector());
      assertThat(measured.trimmedCounts()).isEqualTo(plain.trimmedCounts());
      double[] separate = LaneDistances.squaredTo(x, plain.vector(), D);
      for (int i = 0; i < x.size(); i++) {
        assertThat(measured.squaredDistances()[i]).isCloseTo(separate[i], within(BOUND * separate[i]));
      }
    }
  }
}
