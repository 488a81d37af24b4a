package dev.rampart.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input: random, truncated, extended and bit-flipped encodings, and mismatched dimensions,
 * must either decode to a finite vector of the declared dimension or be rejected with an
 * IllegalArgumentException, never anything else.
 */
class DecoderFuzzTest {
  private static final int[] DIMENSIONS = {1, 3, 8, 9, 64, 257};

  static Stream<String> specs() {
    return Stream.of("identity", "fp16", "randk(ratio=0.3)", "randk(k=1,seed=shared)",
        "qsgd(levels=1)", "qsgd(levels=5)", "qsgd(levels=300)", "topk(ratio=0.3)", "topk(k=1)",
        "sign");
  }

  /** Counts of outcomes, so a test can check that both paths were exercised. */
  private static final class Outcomes {
    int decoded;
    int rejected;
  }

  private static void decodeOrReject(String codec, int dimension, byte[] bytes, Outcomes outcomes) {
    CompressedVector v = new CompressedVector(codec, dimension, bytes);
    try {
      float[] out = Compressors.decoderFor(codec).decompress(v);
      assertThat(out).hasSize(dimension);
      assertThat(TestVectors.firstNonFinite(out)).isEqualTo(-1);
      outcomes.decoded++;
    } catch (IllegalArgumentException expected) {
      assertThat(expected.getMessage()).contains("codec " + codec);
      outcomes.rejected++;
    } catch (RuntimeException | Error e) {
      fail("codec %s, dimension %d, bytes %s threw %s", codec, dimension,
          Arrays.toString(bytes), e);
    }
  }

  private static byte[] valid(Compressor c, int dimension, long seed) {
    return c.compress(TestVectors.gaussian(dimension, seed, 3.0),
        TestVectors.fullContext(dimension, seed)).encoded();
  }

  @ParameterizedTest
  @MethodSource("specs")
  void decompress_everyTruncationAndExtension_isRejectedCleanly(String spec) {
    Compressor c = Compressors.parse(spec);
    Outcomes outcomes = new Outcomes();
    for (int d : DIMENSIONS) {
      byte[] bytes = valid(c, d, d);
      for (int length = 0; length < bytes.length; length++) {
        decodeOrReject(c.name(), d, Arrays.copyOf(bytes, length), outcomes);
      }
      decodeOrReject(c.name(), d, Arrays.copyOf(bytes, bytes.length + 1), outcomes);
      decodeOrReject(c.name(), d, bytes, outcomes);
    }
    // Only the untouched encodings decode; every strict prefix and extension is refused.
    assertThat(outcomes.decoded).isEqualTo(DIMENSIONS.length);
    assertThat(outcomes.rejected).isPositive();
  }

  @ParameterizedTest
  @MethodSource("specs")
  void decompress_flippedBytes_decodeFiniteOrAreRejected(String spec) {
    Compressor c = Compressors.parse(spec);
    SplittableRandom random = new SplittableRandom(spec.hashCode());
    Outcomes outcomes = new Outcomes();
    for (int trial = 0; trial < 2_000; trial++) {
      int d = DIMENSIONS[random.nextInt(DIMENSIONS.length)];
      byte[] bytes = valid(c, d, trial);
      int flips = 1 + random.nextInt(3);
      for (int f = 0; f < flips; f++) {
        int at = random.nextInt(bytes.length);
        bytes[at] ^= (byte) (1 << random.nextInt(8));
      }
      decodeOrReject(c.name(), d, bytes, outcomes);
    }
    assertThat(outcomes.decoded + outcomes.rejected).isEqualTo(2_000);
    assertThat(outcomes.rejected).isPositive();
  }

  @ParameterizedTest
  @MethodSource("specs")
  void decompress_randomBytesBehindAValidHeader_decodeFiniteOrAreRejected(String spec) {
    Compressor c = Compressors.parse(spec);
    SplittableRandom random = new SplittableRandom(~spec.hashCode());
    Outcomes outcomes = new Outcomes();
    for (int trial = 0; trial < 2_000; trial++) {
      int d = DIMENSIONS[random.nextInt(DIMENSIONS.length)];
      byte[] header = Arrays.copyOf(valid(c, 1, 1), 2);
      // Lengths around the plausible size, and a few tiny ones.
      int length = random.nextInt(4) == 0 ? random.nextInt(8) : random.nextInt(6 * d + 24);
      byte[] bytes = new byte[2 + length];
      random.nextBytes(bytes);
      bytes[0] = header[0];
      bytes[1] = header[1];
      decodeOrReject(c.name(), d, bytes, outcomes);
    }
    assertThat(outcomes.rejected).isPositive();
  }

  @ParameterizedTest
  @MethodSource("specs")
  void decompress_fullyRandomBytes_areRejectedCleanly(String spec) {
    String codec = Compressors.parse(spec).name();
    SplittableRandom random = new SplittableRandom(31 * spec.hashCode());
    Outcomes outcomes = new Outcomes();
    for (int trial = 0; trial < 2_000; trial++) {
      byte[] bytes = new byte[random.nextInt(64)];
      random.nextBytes(bytes);
      decodeOrReject(codec, 1 + random.nextInt(100), bytes, outcomes);
    }
    assertThat(outcomes.rejected).isPositive();
  }

  @ParameterizedTest
  @MethodSource("specs")
  void decompress_validBytesUnderAnotherDimension_decodeFiniteOrAreRejected(String spec) {
    Compressor c = Compressors.parse(spec);
    Outcomes outcomes = new Outcomes();
    int attempts = 0;
    for (int d : DIMENSIONS) {
      byte[] bytes = valid(c, d, 7);
      for (int other : new int[] {d - 1, d + 1, 2 * d, d + 8}) {
        if (other >= 1) {
          attempts++;
          decodeOrReject(c.name(), other, bytes, outcomes);
        }
      }
    }
    // Only the byte-per-coordinate codecs pin d by length. Rand-k and top-k bodies do not repeat
    // d, and bit-packed bodies cannot tell d from d + 1 inside one padding byte; the declared
    // dimension is authoritative, which is why callers check it against the model first.
    assertThat(outcomes.decoded + outcomes.rejected).isEqualTo(attempts);
    if (c.name().equals("identity") || c.name().equals("fp16")) {
      assertThat(outcomes.decoded).isZero();
    }
  }
}
