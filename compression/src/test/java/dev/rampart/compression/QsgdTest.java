package dev.rampart.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QsgdTest {
  private static double norm(float[] x) {
    return (float) Math.sqrt(TestVectors.squaredNorm(x));
  }

  /** Var Q(x)_i = (‖x‖/s)² p(1 − p), p the fractional part of s|x_i|/‖x‖. */
  private static double coordinateVariance(float x, double norm, int s) {
    double r = Math.abs(x) * s / norm;
    double p = r - Math.floor(r);
    return (norm / s) * (norm / s) * p * (1 - p);
  }

  @ParameterizedTest
  @CsvSource({"1", "4", "16"})
  void compress_isUnbiasedPerCoordinateWithin4StandardErrors(int s) {
    int d = 16;
    int draws = 20_000;
    float[] x = TestVectors.gaussian(d, 31, 1.0);
    Compressor c = Compressors.qsgd(s);
    CompressionContext context = CompressionContext.seeded(32);
    double[] sum = new double[d];
    for (int n = 0; n < draws; n++) {
      float[] y = c.decompress(c.compress(x, context));
      for (int i = 0; i < d; i++) {
        sum[i] += y[i];
      }
    }
    double norm = norm(x);
    for (int i = 0; i < d; i++) {
      double standardError = Math.sqrt(coordinateVariance(x[i], norm, s) / draws);
      // 1e-6·‖x‖ absorbs float32 rounding of the grid values.
      assertThat(sum[i] / draws).as("coordinate %d", i)
          .isCloseTo(x[i], within(4 * standardError + 1e-6 * norm));
    }
  }

  @ParameterizedTest
  @CsvSource({"16, 1", "100, 4", "100, 16", "400, 2"})
  void compress_meanSquaredError_matchesExactVarianceAndRespectsPaperBound(int d, int s) {
    int draws = 4_000;
    float[] x = TestVectors.gaussian(d, 41 + d, 2.0);
    Compressor c = Compressors.qsgd(s);
    CompressionContext context = CompressionContext.seeded(42);
    double sum = 0;
    double sumSquares = 0;
    for (int n = 0; n < draws; n++) {
      double e = TestVectors.squaredDistance(c.decompress(c.compress(x, context)), x);
      sum += e;
      sumSquares += e * e;
    }
    double mean = sum / draws;
    double standardError = Math.sqrt((sumSquares / draws - mean * mean) / draws);
    double norm = norm(x);
    double exact = 0;
    for (float xi : x) {
      exact += coordinateVariance(xi, norm, s);
    }
    double bound = Math.min((double) d / (s * s), Math.sqrt(d) / s) * TestVectors.squaredNorm(x);
    System.out.printf("qsgd d=%d s=%d: E||Q(x)-x||^2 measured %.5f, exact %.5f, bound %.5f%n", d,
        s, mean, exact, bound);
    assertThat(mean).isCloseTo(exact, within(4 * standardError + 1e-9));
    assertThat(exact).isLessThanOrEqualTo(bound);
    assertThat(mean).isLessThanOrEqualTo(bound + 4 * standardError);
  }

  @Test
  void decompress_valuesLieOnTheNormGridWithTheInputSigns() {
    float[] x = TestVectors.gaussian(200, 5, 1.0);
    int s = 8;
    float[] y = Compressors.qsgd(s).decompress(Compressors.qsgd(s).compress(x,
        CompressionContext.seeded(6)));
    double norm = norm(x);
    for (int i = 0; i < x.length; i++) {
      double level = Math.abs(y[i]) * s / norm;
      assertThat(level).isCloseTo(Math.rint(level), within(1e-4));
      double r = Math.abs(x[i]) * s / norm;
      assertThat(Math.rint(level)).isBetween(Math.floor(r), Math.ceil(r));
      if (y[i] != 0) {
        assertThat(Math.signum(y[i])).isEqualTo(Math.signum(x[i]));
      }
    }
  }

  @Test
  void compress_levels16_usesSixBitsPerCoordinate() {
    int d = 100_000;
    CompressedVector v = Compressors.parse("qsgd(levels=16)")
        .compress(TestVectors.gaussian(d, 7, 1.0), CompressionContext.seeded(8));
    // header 2, varint(16) 1, norm 4, then 1 sign + 5 level bits (17 values) per coordinate
    assertThat(v.encodedBytes()).isEqualTo(2 + 1 + 4 + (6 * d + 7) / 8);
    System.out.printf("qsgd levels=16 d=%d: %d bytes (%.4f of dense)%n", d, v.encodedBytes(),
        v.fractionOfDense());
    CompressedVector two = Compressors.qsgd(3).compress(new float[8], CompressionContext.seeded(1));
    assertThat(two.encodedBytes()).isEqualTo(2 + 1 + 4 + 3); // 8 × (1 + 2) bits
  }

  @Test
  void compress_zeroVector_decodesToZero() {
    float[] y = Compressors.qsgd(4).decompress(Compressors.qsgd(4).compress(new float[5],
        CompressionContext.seeded(1)));
    assertThat(y).containsExactly(0f, 0f, 0f, 0f, 0f);
  }

  @Test
  void qsgd_levelsOutOfRange_areRejected() {
    assertThatThrownBy(() -> Compressors.qsgd(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("levels").hasMessageContaining("0");
    assertThatThrownBy(() -> Compressors.qsgd(65_536)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("65536");
  }
}
