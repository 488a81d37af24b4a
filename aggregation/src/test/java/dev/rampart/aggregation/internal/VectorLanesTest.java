package dev.rampart.aggregation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The float-lane SIMD kernels against the scalar arithmetic they replace, over ranges that start
 * off a vector boundary and end in a remainder: the compensated step bit for bit, the squared
 * distances within the lane bound of {@link LaneDistances}.
 */
class VectorLanesTest {

  private static final int D = 5_003;
  private static final int START = 37;
  private static final int END = 4_999;

  private static float[] gaussian(SplittableRandom r, double scale) {
    float[] v = new float[D];
    for (int k = 0; k < D; k++) {
      v[k] = (float) (scale * (r.nextDouble() * 2 - 1) * (1 + r.nextInt(1000)));
    }
    return v;
  }

  @Test
  void twoSumAdd4_isBitForBitTheScalarStep() {
    SplittableRandom r = new SplittableRandom(5);
    float[][] v = {gaussian(r, 1), gaussian(r, 3), gaussian(r, 0.5), gaussian(r, 7)};
    float[] c = {0.3f, -1.7f, 2.5f, 0.01f};
    float[] sum = gaussian(r, 2);
    float[] expectedSum = sum.clone();
    float[] comp = new float[END - START];
    float[] expectedComp = new float[END - START];
    for (int k = START; k < END; k++) {
      float t = (c[0] * v[0][k] + c[1] * v[1][k]) + (c[2] * v[2][k] + c[3] * v[3][k]);
      float a = expectedSum[k];
      float s = a + t;
      float bb = s - a;
      expectedSum[k] = s;
      expectedComp[k - START] += (a - (s - bb)) + (t - bb);
    }

    VectorLanes.twoSumAdd4(c, v, START, END, sum, comp);

    assertThat(sum).containsExactly(expectedSum);
    assertThat(comp).containsExactly(expectedComp);
    assertThat(comp).as("the compensation carries rounding errors").isNotEqualTo(new float[END - START]);
  }

  @Test
  void squaredDifferencesAndSquares_agreeWithDoubleSums() {
    SplittableRandom r = new SplittableRandom(9);
    float[] x = gaussian(r, 1);
    float[] p = gaussian(r, 1);
    double difference = 0;
    double square = 0;
    for (int k = START; k < END; k++) {
      double t = (double) x[k] - p[k];
      difference += t * t;
      square += (double) x[k] * x[k];
    }

    assertThat(VectorLanes.squaredDifferences(x, p, START, END)).isCloseTo(difference, within(2e-6 * difference));
    assertThat(VectorLanes.squares(x, START, END)).isCloseTo(square, within(2e-6 * square));
  }

  @Test
  void squaredDifferences_propagatesNaN() {
    float[] x = new float[D];
    float[] p = new float[D];
    x[START + 100] = Float.NaN;

    assertThat(VectorLanes.squaredDifferences(x, p, START, END)).isNaN();
  }
}
