package dev.rampart.aggregation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link CoordinateWise} over whole vectors equals the statistics' definitions over each fully
 * sorted column, bit for bit, with the trimmed counts that follow from the kept interval: at sizes
 * around the 16-row groups the SIMD path sorts in registers, dimensions that are no multiple of the
 * vector length or the block, and values with ties, -0.0 and +0.0 (sums of multiples of 0.5 are exact
 * in double, so the order of additions cannot hide an error). The build runs this class with the
 * SIMD kernels and again with {@code -Drampart.aggregation.vector=false}.
 */
class CoordinateWiseTest {

  private static final int D = 3_001;

  private static List<float[]> inputs(long seed, int n, int d) {
    SplittableRandom r = new SplittableRandom(seed);
    List<float[]> in = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] v = new float[d];
      for (int k = 0; k < d; k++) {
        int t = r.nextInt(-6, 7);
        v[k] = t == 0 ? (r.nextBoolean() ? -0.0f : 0.0f) : t * 0.5f;
      }
      in.add(v);
    }
    return in;
  }

  private static float[] sortedColumn(List<float[]> in, int k) {
    float[] c = new float[in.size()];
    for (int i = 0; i < c.length; i++) {
      c[i] = in.get(i)[k];
    }
    Arrays.sort(c);
    return c;
  }

  private static ColumnStatistic statistic(String rule, int f) {
    return switch (rule) {
      case "median" -> ColumnStatistic.median();
      case "trmean" -> ColumnStatistic.trimmedMean(f);
      default -> ColumnStatistic.meanAroundMedian(f);
    };
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 15, 16, 17, 31, 32, 33, 48, 100, 101})
  void apply_everyRuleAndSize_equalsDefinitionOverSortedColumns(int n) {
    List<float[]> in = inputs(n * 7919L, n, D);
    for (String rule : List.of("median", "trmean", "meamed")) {
      int f = rule.equals("median") ? 0 : (n - 1) / 3;
      CoordinateWise.Result r = CoordinateWise.apply(in, D, statistic(rule, f), true);
      // {value, lo, hi} by the definitions in ColumnStatistic's Javadoc, over each sorted column.
      assertThat(r.finite()).isTrue();
      long[] counts = new long[n];
      double[] squared = new double[n];
      for (int k = 0; k < D; k++) {
        float[] expected = SelectionTest.reference(statistic(rule, f), sortedColumn(in, k), f);
        assertThat(Float.floatToRawIntBits(r.vector()[k]))
            .as("%s n=%d column %d: %s", rule, n, k, r.vector()[k])
            .isEqualTo(Float.floatToRawIntBits(expected[0]));
        for (int i = 0; i < n; i++) {
          float v = in.get(i)[k];
          counts[i] += v < expected[1] || v > expected[2] ? 1 : 0;
          double t = (double) v - expected[0];
          squared[i] += t * t;
        }
      }
      assertThat(r.trimmedCounts()).as("%s n=%d trimmed counts", rule, n).containsExactly(counts);
      for (int i = 0; i < n; i++) {
        assertThat(r.squaredDistances()[i]).isCloseTo(squared[i], within(1e-6 * (1 + squared[i])));
      }
    }
  }

  @Test
  void apply_nonFiniteValueAnywhere_isReportedAsNotFinite() {
    float[] specials = {Float.NaN, Float.intBitsToFloat(0xffc00000), Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY};
    for (int n : new int[] {5, 16, 100}) {
      for (float special : specials) {
        for (int at : new int[] {0, n / 2, n - 1}) {
          List<float[]> in = inputs(3, n, D);
          in.get(at)[D - 2] = special;
          for (String rule : List.of("median", "trmean", "meamed")) {
            CoordinateWise.Result r = CoordinateWise.apply(in, D, statistic(rule, (n - 1) / 3));
            assertThat(r.finite()).as("%s n=%d %s at input %d", rule, n, special, at).isFalse();
          }
        }
      }
    }
  }
}
