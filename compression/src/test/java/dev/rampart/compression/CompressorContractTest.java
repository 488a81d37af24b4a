package dev.rampart.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract every codec meets, run over one configuration of each. */
class CompressorContractTest {
  static Stream<String> specs() {
    return Stream.of("identity", "fp16", "randk(ratio=0.25)", "randk(k=3,seed=shared)",
        "qsgd(levels=4)", "qsgd(levels=1)", "topk(ratio=0.2)", "sign");
  }

  @ParameterizedTest
  @MethodSource("specs")
  void compress_anyCodec_leavesInputUnchangedAndKeepsDimensionAndName(String spec) {
    Compressor c = Compressors.parse(spec);
    float[] x = TestVectors.gaussian(37, 1, 2.0);
    float[] copy = x.clone();
    CompressedVector v = c.compress(x, TestVectors.fullContext(37, 2));
    assertThat(x).containsExactly(copy);
    assertThat(v.codec()).isEqualTo(c.name());
    assertThat(v.dimension()).isEqualTo(37);
    assertThat(c.decompress(v)).hasSize(37);
  }

  @ParameterizedTest
  @MethodSource("specs")
  void decoderFor_wireName_decodesLikeTheCompressor(String spec) {
    Compressor c = Compressors.parse(spec);
    CompressedVector v =
        c.compress(TestVectors.gaussian(50, 3, 1.0), TestVectors.fullContext(50, 4));
    float[] viaDecoder = Compressors.decoderFor(v.codec()).decompress(v);
    assertThat(viaDecoder).containsExactly(c.decompress(v));
    assertThat(TestVectors.firstNonFinite(viaDecoder)).isEqualTo(-1);
  }

  @ParameterizedTest
  @MethodSource("specs")
  void compress_sameSeeds_isDeterministic(String spec) {
    Compressor c = Compressors.parse(spec);
    float[] x = TestVectors.gaussian(64, 5, 1.0);
    CompressedVector a = c.compress(x, TestVectors.fullContext(64, 6));
    CompressedVector b = c.compress(x, TestVectors.fullContext(64, 6));
    assertThat(a).isEqualTo(b);
  }

  @ParameterizedTest
  @MethodSource("specs")
  void compress_nonFiniteOrEmptyInput_isRejectedNamingTheCoordinate(String spec) {
    Compressor c = Compressors.parse(spec);
    for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
      float[] x = TestVectors.gaussian(10, 7, 1.0);
      x[6] = bad;
      assertThatThrownBy(() -> c.compress(x, TestVectors.fullContext(10, 8)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input[6]");
    }
    assertThatThrownBy(() -> c.compress(new float[0], TestVectors.fullContext(1, 8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension");
  }

  @ParameterizedTest
  @MethodSource("specs")
  void spec_parsedBack_givesEqualCompressor(String spec) {
    Compressor c = Compressors.parse(spec);
    Compressor again = Compressors.parse(c.spec());
    assertThat(again).isEqualTo(c);
    assertThat(again.spec()).isEqualTo(c.spec());
    assertThat(c.toString()).isEqualTo(c.spec());
  }

  @ParameterizedTest
  @MethodSource("specs")
  void encoded_startsWithVersionOne(String spec) {
    Compressor c = Compressors.parse(spec);
    byte[] bytes = c.compress(TestVectors.gaussian(9, 9, 1.0), TestVectors.fullContext(9, 1))
        .encoded();
    assertThat(bytes[0]).isEqualTo((byte) 1);
  }

  @ParameterizedTest
  @MethodSource("specs")
  void decompress_vectorOfAnotherCodec_isRejected(String spec) {
    Compressor c = Compressors.parse(spec);
    String other = c.name().equals("identity") ? "fp16" : "identity";
    CompressedVector foreign = Compressors.parse(other)
        .compress(TestVectors.gaussian(8, 1, 1.0), TestVectors.fullContext(8, 1));
    assertThatThrownBy(() -> c.decompress(foreign))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(other);
    // Same bytes relabelled with this codec's name: the tag byte gives it away.
    CompressedVector relabelled = new CompressedVector(c.name(), 8, foreign.encoded());
    assertThatThrownBy(() -> c.decompress(relabelled))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tag");
  }

  @ParameterizedTest
  @MethodSource("specs")
  void decompress_unsupportedVersion_isRejected(String spec) {
    Compressor c = Compressors.parse(spec);
    byte[] bytes = c.compress(TestVectors.gaussian(8, 1, 1.0), TestVectors.fullContext(8, 1))
        .encoded();
    bytes[0] = 2;
    assertThatThrownBy(() -> c.decompress(new CompressedVector(c.name(), 8, bytes)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 2");
  }

  @ParameterizedTest
  @MethodSource("specs")
  void compress_dimensionOne_roundTripsWithinCodecError(String spec) {
    Compressor c = Compressors.parse(spec.replace("k=3", "k=1"));
    float[] back = c.decompress(c.compress(new float[] {-3.5f}, TestVectors.fullContext(1, 1)));
    // With d = 1 every codec here keeps the single coordinate and its sign exactly.
    assertThat(back).containsExactly(-3.5f);
  }

  @ParameterizedTest
  @MethodSource("specs")
  void compress_nullContext_isRejected(String spec) {
    Compressor c = Compressors.parse(spec);
    assertThatThrownBy(() -> c.compress(new float[] {1f}, null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("context");
  }
}
