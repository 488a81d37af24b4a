package dev.rampart.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rampart.protocol.RampartException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** SECAGG.md attacks 15 (extremes decode exactly, overflow refused) and 16 (survivor count). */
class FixedPointCodecTest {

  @ParameterizedTest
  @CsvSource({"1,32", "2,31", "5,29", "8,29", "9,28", "10,28", "16,28", "17,27", "20,27"})
  void bitsFor_groupSize_is32MinusCeilLog2(int groupSize, int bits) {
    assertThat(FixedPointCodec.bitsFor(groupSize)).isEqualTo(bits);
    assertThat(FixedPointCodec.forGroupSize(1.0, groupSize).bits()).isEqualTo(bits);
  }

  @Test
  void of_overflowingConfiguration_throwsNamingValues() {
    assertThatThrownBy(() -> FixedPointCodec.of(1.0, 29, 10))
        .isInstanceOf(RampartException.class)
        .hasMessageContaining("maxSummands=10").hasMessageContaining("bits=29")
        .hasMessageContaining("2^32").hasMessageContaining("bits <= 28");
  }

  @Test
  void of_boundaryConfiguration_accepted() {
    assertThat(FixedPointCodec.of(1.0, 28, 16).maxSummands()).isEqualTo(16);
    assertThat(FixedPointCodec.of(1.0, 32, 1).bits()).isEqualTo(32);
  }

  @Test
  void of_invalidValues_throwNamingValue() {
    assertThatThrownBy(() -> FixedPointCodec.of(0, 8, 2)).hasMessageContaining("clip");
    assertThatThrownBy(() -> FixedPointCodec.of(Double.NaN, 8, 2)).hasMessageContaining("NaN");
    assertThatThrownBy(() -> FixedPointCodec.of(1, 0, 2)).hasMessageContaining("bits");
    assertThatThrownBy(() -> FixedPointCodec.of(1, 8, 0)).hasMessageContaining("maxSummands");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5, 10, 20, 255})
  void decode_allMembersAtPlusOrMinusClip_exact(int members) {
    float c = 2.5f;
    FixedPointCodec codec = FixedPointCodec.forGroupSize(c, members);
    SplittableRandom random = new SplittableRandom(15);
    float[] x = {c, -c, c, -c, 100f, -100f};
    int[] sum = new int[x.length];
    for (int m = 0; m < members; m++) {
      Masking.add(sum, codec.encode(x, random));
    }

    float[] sums = codec.decodeSum(sum, members);
    float[] means = codec.decodeMean(sum, members);

    float k = members * c;
    assertThat(sums).containsExactly(k, -k, k, -k, k, -k);
    assertThat(means).containsExactly(c, -c, c, -c, c, -c);
  }

  @Test
  void decodeMean_halfAtPlusHalfAtMinusClip_exactlyZero() {
    FixedPointCodec codec = FixedPointCodec.forGroupSize(1.0, 10);
    SplittableRandom random = new SplittableRandom(1);
    int[] sum = new int[1];
    for (int m = 0; m < 10; m++) {
      Masking.add(sum, codec.encode(new float[] {m % 2 == 0 ? 1f : -1f}, random));
    }

    assertThat(codec.decodeMean(sum, 10)).containsExactly(0f);
  }

  @Test
  void decodeMean_withDropouts_survivorCountGivesMeanGroupSizeDoesNot() {
    FixedPointCodec codec = FixedPointCodec.forGroupSize(1.0, 10);
    SplittableRandom random = new SplittableRandom(16);
    float[][] survivors = {{0.5f, -0.25f}, {0.1f, 0.3f}, {-0.4f, 0.9f}, {0.2f, -0.6f},
        {0.6f, 0.0f}, {-0.1f, 0.2f}, {0.3f, -0.3f}};
    int[] sum = new int[2];
    double[] expected = new double[2];
    for (float[] x : survivors) {
      Masking.add(sum, codec.encode(x, random));
      expected[0] += x[0] / 7.0;
      expected[1] += x[1] / 7.0;
    }

    float[] mean = codec.decodeMean(sum, 7);

    assertThat((double) mean[0]).isCloseTo(expected[0], within(1e-6));
    assertThat((double) mean[1]).isCloseTo(expected[1], within(1e-6));
    assertThat((double) codec.decodeMean(sum, 10)[0]).isNotCloseTo(expected[0], within(0.1));
  }

  @Test
  void decodeSum_summandsOutOfRange_throws() {
    FixedPointCodec codec = FixedPointCodec.forGroupSize(1.0, 10);

    assertThatThrownBy(() -> codec.decodeSum(new int[1], 11))
        .isInstanceOf(RampartException.class).hasMessageContaining("was 11");
    assertThatThrownBy(() -> codec.decodeMean(new int[1], 0))
        .isInstanceOf(RampartException.class).hasMessageContaining("was 0");
  }

  @Test
  void encode_stochasticRounding_unbiased() {
    // 4 bits: step 2/15, so 0.3 sits at level 9.75 and deterministic rounding would give 0.333.
    FixedPointCodec codec = FixedPointCodec.of(1.0, 4, 1 << 20);
    float[] x = new float[200_000];
    Arrays.fill(x, 0.3f);

    int[] q = codec.encode(x, new SplittableRandom(42));

    assertThat(Arrays.stream(q).distinct().sorted().toArray()).containsExactly(9, 10);
    long total = Arrays.stream(q).asLongStream().sum();
    double mean = total / (double) q.length / 15.0 * 2.0 - 1.0;
    assertThat(mean).isCloseTo(0.3, within(0.002));
  }

  @Test
  void encode_sameSeed_sameEncoding() {
    FixedPointCodec codec = FixedPointCodec.forGroupSize(1.0, 10);
    float[] x = {0.123f, -0.456f, 0.789f};

    assertThat(codec.encode(x, new SplittableRandom(7)))
        .isEqualTo(codec.encode(x, new SplittableRandom(7)));
  }

  @Test
  void encode_valuesOutsideClip_clipped() {
    FixedPointCodec codec = FixedPointCodec.forGroupSize(0.5, 4);

    int[] q = codec.encode(new float[] {3f, -3f}, new SplittableRandom(0));

    assertThat(codec.decodeSum(q, 1)).containsExactly(0.5f, -0.5f);
  }

  @Test
  void encode_nonFinite_throwsNamingIndex() {
    FixedPointCodec codec = FixedPointCodec.forGroupSize(1.0, 4);

    assertThatThrownBy(() -> codec.encode(new float[] {0f, Float.NaN}, new SplittableRandom(0)))
        .isInstanceOf(RampartException.class).hasMessageContaining("values[1]");
  }

  @Test
  void encode_maxGroupOfMaxValues_sumDoesNotWrap() {
    FixedPointCodec codec = FixedPointCodec.forGroupSize(1.0, 16);
    int[] one = codec.encode(new float[] {1f}, new SplittableRandom(0));
    int[] sum = new int[1];
    for (int m = 0; m < 16; m++) {
      Masking.add(sum, one);
    }

    assertThat(Integer.toUnsignedLong(sum[0])).isEqualTo(16L * ((1L << 28) - 1));
    assertThat(codec.decodeMean(sum, 16)).containsExactly(1f);
  }
}
