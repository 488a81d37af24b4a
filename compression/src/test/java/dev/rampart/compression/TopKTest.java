package dev.rampart.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TopKTest {
  private static CompressionContext withFeedback(ErrorFeedback feedback) {
    return CompressionContext.seeded(1).withErrorFeedback(feedback);
  }

  @Test
  void compress_keepsLargestMagnitudesUnscaled_tiesToLowerIndex() {
    float[] x = {0.5f, -4f, 3f, -3f, 1f, 3f};
    Compressor c = Compressors.topK(Sparsity.ofCount(3));
    float[] y = c.decompress(c.compress(x, withFeedback(ErrorFeedback.create(6))));
    assertThat(y).containsExactly(0f, -4f, 3f, -3f, 0f, 0f);
  }

  @Test
  void compress_errorFeedback_residualIsCorrectedMinusTransmitted() {
    int d = 300;
    Compressor c = Compressors.topK(Sparsity.ofRatio(0.05));
    ErrorFeedback feedback = ErrorFeedback.create(d);
    for (int step = 0; step < 5; step++) {
      float[] x = TestVectors.gaussian(d, 50 + step, 1.0);
      float[] before = feedback.residual();
      float[] transmitted = c.decompress(c.compress(x, withFeedback(feedback)));
      float[] after = feedback.residual();
      for (int i = 0; i < d; i++) {
        float corrected = x[i] + before[i];
        // e_{t+1} = x + e_t − C(x + e_t), bit for bit in float32
        assertThat(after[i]).isEqualTo(corrected - transmitted[i]);
        assertThat(transmitted[i] == 0f || transmitted[i] == corrected).isTrue();
      }
    }
  }

  @Test
  void compress_errorFeedback_sumOfTransmittedPlusResidualEqualsSumOfInputs() {
    int d = 200;
    int steps = 40;
    Compressor c = Compressors.topK(Sparsity.ofCount(5));
    ErrorFeedback feedback = ErrorFeedback.create(d);
    double[] inputs = new double[d];
    double[] sent = new double[d];
    for (int step = 0; step < steps; step++) {
      float[] x = TestVectors.gaussian(d, 70 + step, 1.0);
      float[] y = c.decompress(c.compress(x, withFeedback(feedback)));
      for (int i = 0; i < d; i++) {
        inputs[i] += x[i];
        sent[i] += y[i];
      }
    }
    float[] residual = feedback.residual();
    for (int i = 0; i < d; i++) {
      assertThat(sent[i] + residual[i]).isCloseTo(inputs[i], within(1e-4));
    }
    assertThat(feedback.residualNormSquared()).isGreaterThan(0);
  }

  @Test
  void compress_withoutErrorFeedbackOrWithWrongDimension_isRejected() {
    Compressor c = Compressors.parse("topk(k=2)");
    assertThatThrownBy(() -> c.compress(new float[] {1, 2, 3}, CompressionContext.seeded(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("topk(k=2)").hasMessageContaining("withErrorFeedback");
    assertThatThrownBy(() -> c.compress(new float[] {1, 2, 3},
        withFeedback(ErrorFeedback.create(4))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension 4");
  }

  @Test
  void compress_oneHundredThousand_costsValuesPlusAboutOneBytePerIndex() {
    int d = 100_000;
    float[] x = TestVectors.gaussian(d, 8, 1.0);
    for (double ratio : new double[] {0.1, 0.01}) {
      int k = (int) Math.round(ratio * d);
      CompressedVector v = Compressors.topK(Sparsity.ofRatio(ratio))
          .compress(x, withFeedback(ErrorFeedback.create(d)));
      System.out.printf("topk ratio=%s d=%d: %d bytes (%.4f of dense, %.2f bytes per index)%n",
          ratio, d, v.encodedBytes(), v.fractionOfDense(),
          (v.encodedBytes() - 4.0 * k - 2 - 3) / k);
      // Gaps average 1/ratio, so each varint takes 1 byte (gap < 128) or 2.
      assertThat(v.encodedBytes()).isBetween(5 * k, 6 * k + 8);
    }
  }

  @Test
  void topK_isBiasedAndRefusedUnderSecureAggregation() {
    Compressor c = Compressors.topK(Sparsity.ofRatio(0.01));
    assertThat(c.unbiased()).isFalse();
    assertThat(c.usesErrorFeedback()).isTrue();
    assertThat(c.sharesCoordinatesAcrossClients()).isFalse();
    assertThatThrownBy(() -> Compressors.requireSecureAggregationCompatible(c))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("topk(ratio=0.01)").hasMessageContaining("secure aggregation")
        .hasMessageContaining("seed=shared");
  }
}
