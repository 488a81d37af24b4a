package dev.rampart.compression;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz target: every wire decoder ({@link Compressors#decoderFor}) fed a {@code CompressedVector}
 * from the input. As {@link Decompressor} promises, only {@link IllegalArgumentException} escapes,
 * and a decoded vector has the declared dimension and only finite coordinates.
 *
 * <p>Input layout: {@code u8 codec ‖ u16be dimension ‖ encoded}, where {@code codec} indexes
 * {@link #CODECS} (modulo its size) and a dimension of 0 reads as 1. The dimension stays below
 * 2^16, as a receiver checks it against the model's dimension before decoding.
 */
class DecompressorFuzzTest {
  /** The codec names a vector on the wire may carry, in a fixed order for the selector byte. */
  static final List<String> CODECS = List.of("identity", "fp16", "randk", "qsgd", "topk", "sign");
  static final int HEADER_BYTES = 3;

  @FuzzTest(maxDuration = "10s")
  void decompress(byte[] input) {
    if (input.length < HEADER_BYTES) {
      return;
    }
    String codec = CODECS.get(Byte.toUnsignedInt(input[0]) % CODECS.size());
    int dimension = Math.max(1, ((input[1] & 0xff) << 8) | (input[2] & 0xff));
    CompressedVector vector = new CompressedVector(codec, dimension,
        Arrays.copyOfRange(input, HEADER_BYTES, input.length));
    float[] dense;
    try {
      dense = Compressors.decoderFor(codec).decompress(vector);
    } catch (IllegalArgumentException expected) {
      return;
    }
    assertThat(dense).hasSize(dimension);
    assertThat(TestVectors.firstNonFinite(dense)).isEqualTo(-1);
  }

  /** The input that presents {@code vector} to its decoder. */
  static byte[] input(CompressedVector vector) {
    byte[] encoded = vector.encoded();
    byte[] out = new byte[HEADER_BYTES + encoded.length];
    out[0] = (byte) CODECS.indexOf(vector.codec());
    out[1] = (byte) (vector.dimension() >>> 8);
    out[2] = (byte) vector.dimension();
    System.arraycopy(encoded, 0, out, HEADER_BYTES, encoded.length);
    return out;
  }
}
