package dev.rampart.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScaledSignTest {
  @Test
  void compress_isL1OverDTimesSign_zeroCountsAsPositive() {
    float[] x = {3f, -1f, 0f, -4f};
    Compressor c = Compressors.scaledSign();
    float[] y = c.decompress(c.compress(x,
        CompressionContext.seeded(1).withErrorFeedback(ErrorFeedback.create(4))));
    assertThat(y).containsExactly(2f, -2f, 2f, -2f);
  }

  @Test
  void compress_errorFeedback_residualIsCorrectedMinusTransmitted() {
    int d = 123;
    ErrorFeedback feedback = ErrorFeedback.create(d);
    CompressionContext context = CompressionContext.seeded(1).withErrorFeedback(feedback);
    Compressor c = Compressors.scaledSign();
    for (int step = 0; step < 6; step++) {
      float[] x = TestVectors.gaussian(d, 80 + step, 0.5);
      float[] before = feedback.residual();
      float[] transmitted = c.decompress(c.compress(x, context));
      float[] after = feedback.residual();
      double l1 = 0;
      for (int i = 0; i < d; i++) {
        l1 += Math.abs(x[i] + before[i]);
      }
      for (int i = 0; i < d; i++) {
        float corrected = x[i] + before[i];
        assertThat(after[i]).isEqualTo(corrected - transmitted[i]);
        assertThat((double) Math.abs(transmitted[i])).isCloseTo(l1 / d, within(1e-6 * l1 / d));
      }
    }
  }

  @Test
  void compress_costsOneBitPerCoordinatePlusSixBytes() {
    for (int d : new int[] {1, 8, 9, 100_000}) {
      CompressedVector v = Compressors.scaledSign().compress(TestVectors.gaussian(d, 1, 1.0),
          CompressionContext.seeded(1).withErrorFeedback(ErrorFeedback.create(d)));
      assertThat(v.encodedBytes()).isEqualTo((d + 7) / 8 + 6);
    }
  }
}
