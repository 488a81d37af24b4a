package dev.rampart.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RandKTest {
  private static final int DRAWS = 20_000;

  /**
   * Mean of C(x) over {@link #DRAWS} draws equals x per coordinate within 4 standard errors, the
   * standard error from Var C(x)_i = (d/k − 1)x_i²; and the mean squared error matches
   * (d/k − 1)‖x‖² within 4 standard errors of its own estimate.
   */
  private static void assertUnbiasedWithExactVariance(Compressor c, int d, int k, boolean shared) {
    float[] x = TestVectors.gaussian(d, 21, 1.5);
    double[] sum = new double[d];
    double[] errors = new double[DRAWS];
    CompressionContext context = CompressionContext.seeded(22);
    SplittableRandom roundSeeds = new SplittableRandom(23);
    for (int n = 0; n < DRAWS; n++) {
      CompressionContext call = shared ? context.withRoundSeed(roundSeeds.nextLong()) : context;
      float[] y = c.decompress(c.compress(x, call));
      for (int i = 0; i < d; i++) {
        sum[i] += y[i];
      }
      errors[n] = TestVectors.squaredDistance(y, x);
    }
    double factor = (double) d / k - 1;
    for (int i = 0; i < d; i++) {
      double standardError = Math.abs(x[i]) * Math.sqrt(factor / DRAWS);
      assertThat(sum[i] / DRAWS).as("coordinate %d", i).isCloseTo(x[i], within(4 * standardError));
    }
    double meanError =
        IntStream.range(0, DRAWS).mapToDouble(n -> errors[n]).average().orElseThrow();
    double spread = Math.sqrt(IntStream.range(0, DRAWS)
        .mapToDouble(n -> (errors[n] - meanError) * (errors[n] - meanError)).sum() / (DRAWS - 1));
    assertThat(meanError).isCloseTo(factor * TestVectors.squaredNorm(x),
        within(4 * spread / Math.sqrt(DRAWS)));
  }

  @Test
  void compress_perClientSeed_isUnbiasedWithVarianceDOverKMinusOne() {
    assertUnbiasedWithExactVariance(Compressors.randK(Sparsity.ofCount(4)), 16, 4, false);
  }

  @Test
  void compress_sharedRoundSeeds_isUnbiasedOverTheRoundSeed() {
    assertUnbiasedWithExactVariance(Compressors.sharedRandK(Sparsity.ofRatio(0.25)), 16, 4, true);
  }

  @Test
  void compress_keepsExactlyKCoordinatesScaledByDOverK() {
    float[] x = TestVectors.gaussian(1000, 1, 1.0);
    Compressor c = Compressors.randK(Sparsity.ofRatio(0.05));
    float[] y = c.decompress(c.compress(x, CompressionContext.seeded(2)));
    int kept = 0;
    for (int i = 0; i < x.length; i++) {
      if (y[i] != 0) {
        kept++;
        assertThat(y[i]).isEqualTo((float) (x[i] * 20.0));
      }
    }
    assertThat(kept).isEqualTo(50);
  }

  @Test
  void compress_sharedSeed_everyClientKeepsTheSameCoordinates() {
    Compressor c = Compressors.sharedRandK(Sparsity.ofCount(30));
    int[] expected = Compressors.sharedCoordinates(500, 30, 1234L);
    for (long client = 0; client < 5; client++) {
      float[] x = TestVectors.gaussian(500, 100 + client, 1.0);
      CompressedVector v = c.compress(x, CompressionContext.seeded(client).withRoundSeed(1234L));
      float[] y = c.decompress(v);
      assertThat(IntStream.range(0, 500).filter(i -> y[i] != 0).toArray())
          .containsExactly(expected);
      assertThat(Compressors.sharedRoundSeedOf(v)).hasValue(1234L);
    }
    assertThat(Compressors.sharedCoordinates(500, 30, 1235L)).isNotEqualTo(expected);
  }

  @Test
  void compress_perClientSeed_clientsKeepDifferentCoordinatesAndNoSharedSeed() {
    Compressor c = Compressors.randK(Sparsity.ofCount(30));
    float[] x = TestVectors.gaussian(500, 1, 1.0);
    CompressedVector a = c.compress(x, CompressionContext.seeded(1).withRoundSeed(9));
    CompressedVector b = c.compress(x, CompressionContext.seeded(2).withRoundSeed(9));
    assertThat(c.decompress(a)).isNotEqualTo(c.decompress(b));
    assertThat(Compressors.sharedRoundSeedOf(a)).isEmpty();
    assertThat(c.sharesCoordinatesAcrossClients()).isFalse();
    assertThat(Compressors.sharedRandK(Sparsity.ofCount(30)).sharesCoordinatesAcrossClients())
        .isTrue();
  }

  @Test
  void compress_sharedWithoutRoundSeed_isRejected() {
    assertThatThrownBy(() -> Compressors.sharedRandK(Sparsity.ofCount(2))
        .compress(new float[] {1, 2, 3}, CompressionContext.seeded(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("round seed")
        .hasMessageContaining("randk(k=2,seed=shared)");
  }

  @Test
  void compress_kLargerThanDimension_isRejected() {
    assertThatThrownBy(() -> Compressors.randK(Sparsity.ofCount(5))
        .compress(new float[] {1, 2, 3}, CompressionContext.seeded(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k=5")
        .hasMessageContaining("3");
  }

  @Test
  void compress_tenPercentOfOneHundredThousand_costsAtMostFifteenPercentOfDense() {
    int d = 100_000;
    float[] x = TestVectors.gaussian(d, 3, 1.0);
    CompressionContext context = CompressionContext.seeded(4).withRoundSeed(5);
    CompressedVector perClient = Compressors.parse("randk(ratio=0.1)").compress(x, context);
    CompressedVector shared =
        Compressors.parse("randk(ratio=0.1,seed=shared)").compress(x, context);
    System.out.printf("randk ratio=0.1 d=%d: client seed %d bytes (%.4f of dense), shared %d bytes"
        + " (%.4f)%n", d, perClient.encodedBytes(), perClient.fractionOfDense(),
        shared.encodedBytes(), shared.fractionOfDense());
    // k = 10 000 values of 4 bytes are the floor; the rest is the header.
    for (CompressedVector v : new CompressedVector[] {perClient, shared}) {
      assertThat(v.fractionOfDense()).isLessThanOrEqualTo(0.15);
      assertThat(v.encodedBytes()).isBetween(40_000, 40_000 + 16);
    }
  }

  @Test
  void sparsity_ratio_resolvesToRoundedCountAtLeastOne() {
    assertThat(Sparsity.ofRatio(0.1).coordinatesFor(100_000)).isEqualTo(10_000);
    assertThat(Sparsity.ofRatio(0.1).coordinatesFor(3)).isEqualTo(1);
    assertThat(Sparsity.ofRatio(0.25).coordinatesFor(10)).isEqualTo(3);
    assertThat(Sparsity.ofRatio(1.0).coordinatesFor(7)).isEqualTo(7);
    assertThat(Sparsity.ofRatio(1e-9).coordinatesFor(7)).isEqualTo(1);
  }

  @Test
  void decompress_hugeValueOverflowingOnceScaled_isRejected() {
    Compressor c = Compressors.randK(Sparsity.ofCount(1));
    float[] x = new float[1000];
    java.util.Arrays.fill(x, 1e37f);
    assertThatThrownBy(() -> c.compress(x, CompressionContext.seeded(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overflows");
  }
}
