package dev.rampart.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DenseCodecsTest {
  @Test
  void identity_roundTripsBitExactAsFloat32LittleEndian() {
    float[] x = {1.0f, -0.0f, Float.MIN_VALUE, -Float.MAX_VALUE, 3.25e-7f};
    Compressor c = Compressors.identity();
    CompressedVector v = c.compress(x, CompressionContext.seeded(1));
    assertThat(v.encoded()).startsWith(1, 0, 0x00, 0x00, 0x80, 0x3F);
    assertThat(v.encodedBytes()).isEqualTo(2 + 4 * x.length);
    float[] y = c.decompress(v);
    for (int i = 0; i < x.length; i++) {
      assertThat(Float.floatToRawIntBits(y[i])).isEqualTo(Float.floatToRawIntBits(x[i]));
    }
  }

  @Test
  void fp16_roundTrip_relativeErrorAtMostTwoToMinusEleven() {
    float[] x = TestVectors.gaussian(10_000, 3, 100.0);
    Compressor c = Compressors.fp16();
    CompressedVector v = c.compress(x, CompressionContext.seeded(1));
    assertThat(v.encodedBytes()).isEqualTo(2 + 2 * x.length);
    float[] y = c.decompress(v);
    for (int i = 0; i < x.length; i++) {
      if (Math.abs(x[i]) >= 0x1p-14f) {
        assertThat((double) Math.abs(y[i] - x[i])).isLessThanOrEqualTo(Math.abs(x[i]) * 0x1p-11);
      } else {
        assertThat((double) Math.abs(y[i] - x[i])).isLessThanOrEqualTo(0x1p-25);
      }
    }
  }

  @Test
  void fp16_valuesRepresentableInHalf_roundTripExactly() {
    float[] x = {65504f, -65504f, 1.5f, 0x1p-24f, -0.0f, 2048f, 0.333251953125f};
    float[] y = Compressors.fp16().decompress(Compressors.fp16().compress(x,
        CompressionContext.seeded(1)));
    assertThat(y).containsExactly(x);
    assertThat(Float.floatToRawIntBits(y[4])).isEqualTo(Float.floatToRawIntBits(-0.0f));
  }

  @Test
  void fp16_overflowToInfinity_isRefusedNamingValueAndRange() {
    assertThatThrownBy(() -> Compressors.fp16().compress(new float[] {1f, -65520f},
        CompressionContext.seeded(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input[1]")
        .hasMessageContaining("-65520").hasMessageContaining("65504");
  }

  @Test
  void fp16_decodedInfinityOrNaN_isRejected() {
    CompressedVector inf = new CompressedVector("fp16", 2, new byte[] {1, 1, 0, 0x3C, 0, 0x7C});
    CompressedVector nan = new CompressedVector("fp16", 1, new byte[] {1, 1, 1, (byte) 0xFE});
    assertThatThrownBy(() -> Compressors.fp16().decompress(inf))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("values[1]");
    assertThatThrownBy(() -> Compressors.fp16().decompress(nan))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Compressors.fp16().decompress(
        new CompressedVector("fp16", 1, new byte[] {1, 1, 0, 0x3C}))).containsExactly(1.0f);
  }

  @Test
  void denseCodecs_shareCoordinatesAndPassTheSecureAggregationCheck() {
    for (String spec : new String[] {"identity", "fp16", "qsgd(levels=8)", "sign",
        "randk(ratio=0.1,seed=shared)"}) {
      Compressor c = Compressors.parse(spec);
      assertThat(Compressors.requireSecureAggregationCompatible(c)).isSameAs(c);
    }
    assertThatThrownBy(() -> Compressors.requireSecureAggregationCompatible(
        Compressors.parse("randk(ratio=0.1)")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("randk(ratio=0.1,seed=client)");
  }

  @Test
  void unbiasedFlags_matchTheDefinitions() {
    assertThat(Compressors.identity().unbiased()).isTrue();
    assertThat(Compressors.randK(Sparsity.ofCount(1)).unbiased()).isTrue();
    assertThat(Compressors.qsgd(2).unbiased()).isTrue();
    assertThat(Compressors.fp16().unbiased()).isFalse();
    assertThat(Compressors.scaledSign().unbiased()).isFalse();
    assertThat(Compressors.scaledSign().usesErrorFeedback()).isTrue();
    assertThat(Compressors.qsgd(2).usesErrorFeedback()).isFalse();
  }
}
