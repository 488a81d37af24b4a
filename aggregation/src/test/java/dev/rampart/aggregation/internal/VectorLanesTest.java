package dev.rampart.aggregation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The float-lane SIMD kernels against the scalar arithmetic they replace, over ranges that start
 * off a vector boundary and end in a remainder: the combination step bit for bit, the squared
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
  void addProducts8_isBitForBitTheScalarStep() {
    SplittableRandom r = new SplittableRandom(5);
    float[][] v = new float[8][];
    float[] c = {0.3f, -1.7f, 2.5f, 0.01f, 1e-3f, -4.25f, 0.7f, 3.1f};
    for (int g = 0; g < 8; g++) {
      v[g] = gaussian(r, 1 + g);
    }
    double[] acc = new double[END - START];
    for (int k = 0; k < acc.length; k++) {
      acc[k] = r.nextDouble() - 0.5;
    }
    double[] expected = acc.clone();
    for (int k = START; k < END; k++) {
      double s = expected[k - START];
      for (int g = 0; g < 8; g++) {
        s += (double) c[g] * v[g][k];
      }
      expected[k - START] = s;
    }
    double[] before = acc.clone();

    VectorLanes.addProducts8(c, v, START, END, acc);

    assertThat(acc).containsExactly(expected);
    assertThat(acc).as("the products were added").isNotEqualTo(before);
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
