package dev.rampart.compression;

import dev.rampart.compression.internal.CodecRegistry;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Factories for the {@link Compressor codecs}, the textual spec parser used by configs and the
 * CLI, decoders by wire name, and the secure-aggregation compatibility check.
 *
 * <p>Every encoding starts with two header bytes, the format version (1) and a codec tag, followed
 * by the codec's body; byte counts below include the header. Multi-byte numbers are little-endian,
 * varints are unsigned LEB128 in shortest form, bit fields are packed least significant bit first.
 * Encodings carry every parameter needed to decode them, so {@link #decoderFor} needs only the
 * codec name.
 *
 * <table>
 *   <caption>Codecs at a glance (d = dimension)</caption>
 *   <tr><th>spec</th><th>unbiased</th><th>shares coordinates</th><th>bytes</th></tr>
 *   <tr><td>{@code identity}</td><td>yes</td><td>yes</td><td>4d + 2</td></tr>
 *   <tr><td>{@code fp16}</td><td>no</td><td>yes</td><td>2d + 2</td></tr>
 *   <tr><td>{@code randk(ratio=r|k=n, seed=client|shared)}</td><td>yes</td>
 *       <td>only with {@code seed=shared}</td><td>4k + 12 to 16</td></tr>
 *   <tr><td>{@code qsgd(levels=s)}</td><td>yes</td><td>yes</td>
 *       <td>⌈d(1 + ⌈log₂(s+1)⌉)/8⌉ + 7 to 9</td></tr>
 *   <tr><td>{@code topk(ratio=r|k=n)}</td><td>no (error feedback)</td><td>no</td>
 *       <td>4k + delta-varint indices + 3 to 7</td></tr>
 *   <tr><td>{@code sign}</td><td>no (error feedback)</td><td>yes</td><td>⌈d/8⌉ + 6</td></tr>
 * </table>
 *
 * <p>Stateless and thread-safe.
 */
public final class Compressors {
  private Compressors() {}

  /**
   * No compression. C(x) = x exactly; body d float32 (4d + 2 bytes). Unbiased, shares coordinates.
   * Spec {@code identity}.
   */
  public static Compressor identity() {
    return CodecRegistry.identity();
  }

  /**
   * IEEE 754 binary16. Each coordinate is rounded to the nearest half-precision value, ties to
   * even; subnormals and gradual underflow to ±0 as in IEEE (magnitudes ≤ 2⁻²⁵ become zero).
   * Range: the largest finite half is 65504; a coordinate whose rounding would overflow to
   * infinity (|x| ≥ 65520) makes {@code compress} throw, so no infinity is ever sent, and decoders
   * reject infinities and NaNs. Relative error ≤ 2⁻¹¹ for normal values. Deterministic, hence
   * biased (slightly). Body: d × 2 bytes (2d + 2). Shares coordinates. Spec {@code fp16}.
   */
  public static Compressor fp16() {
    return CodecRegistry.fp16();
  }

  /**
   * Rand-k with a per-client seed. C(x)_i = (d/k)·x_i on k coordinates drawn uniformly without
   * replacement, 0 elsewhere; unbiased, E‖C(x) − x‖² = (d/k − 1)‖x‖² (Stich, Cordonnier and Jaggi,
   * "Sparsified SGD with Memory", NeurIPS 2018, Definition 2.1; Wangni et al., NeurIPS 2018).
   *
   * <p>The coordinates are generated from a 64-bit index seed drawn from the context's generator;
   * the seed is sent instead of the indices. Body: mode byte, k as varint, seed (8 bytes), k
   * unscaled float32 values in increasing index order: 4k + 12 to 16 bytes; at k = d/10 about 10%
   * of the dense size. Clients choose different coordinates, so it does not share coordinates.
   * Spec {@code randk(ratio=r)} or {@code randk(k=n)}, optionally {@code seed=client}.
   */
  public static Compressor randK(Sparsity sparsity) {
    return CodecRegistry.randK(sparsity, false);
  }

  /**
   * Rand-k with the coordinator's round seed ({@link CompressionContext#withRoundSeed}, required):
   * every client with the same dimension, k and round seed keeps the same coordinates, namely
   * {@link #sharedCoordinates}. Same definition, unbiasedness (over the round seed) and byte cost
   * as {@link #randK}; shares coordinates, so it may run under secure aggregation. Spec {@code
   * randk(ratio=r,seed=shared)} or {@code randk(k=n,seed=shared)}.
   */
  public static Compressor sharedRandK(Sparsity sparsity) {
    return CodecRegistry.randK(sparsity, true);
  }

  /**
   * QSGD s-level stochastic quantization (Alistarh et al., "QSGD: Communication-Efficient SGD via
   * Gradient Quantization and Encoding", NeurIPS 2017). Q(x)_i = ‖x‖₂·sgn(x_i)·ξ_i/s with ξ_i the
   * stochastic rounding of s|x_i|/‖x‖₂ to one of its two neighbouring integers in [0, s], up with
   * probability equal to the fractional part. Unbiased; E‖Q(x) − x‖² ≤ min(d/s², √d/s)‖x‖².
   * Body: s as varint, ‖x‖₂ as float32, then per coordinate a sign bit and a ⌈log₂(s+1)⌉-bit
   * level, packed (no Elias coding). For s = 16: 6 bits per coordinate, about 19% of dense.
   * Shares coordinates. Spec {@code qsgd(levels=s)}.
   *
   * @param levels s in [1, 65535]
   */
  public static Compressor qsgd(int levels) {
    return CodecRegistry.qsgd(levels);
  }

  /**
   * Top-k with error feedback (Stich, Cordonnier and Jaggi, NeurIPS 2018; Alistarh et al.,
   * "The Convergence of Sparsified Gradient Methods", NeurIPS 2018). With p = x + e (e the
   * client's {@link ErrorFeedback}), C(p) keeps the k coordinates of largest |p_i| unscaled, ties
   * to the lower index, and e ← p − C(p). Biased; requires an {@link ErrorFeedback} in the context.
   * Body: k as varint, delta-varint sorted indices, k float32 values: 4k plus about one byte per
   * index when k ≥ d/128. Each client picks its own coordinates, so it is refused under secure
   * aggregation. Spec {@code topk(ratio=r)} or {@code topk(k=n)}.
   */
  public static Compressor topK(Sparsity sparsity) {
    return CodecRegistry.topK(sparsity);
  }

  /**
   * Scaled sign with error feedback (Karimireddy, Rebjock, Stich and Jaggi, "Error Feedback Fixes
   * SignSGD and other Gradient Compression Schemes", ICML 2019, Algorithm 1). With p = x + e,
   * C(p) = (‖p‖₁/d)·sign(p), sign(0) = +1, and e ← p − C(p). Biased; requires an {@link
   * ErrorFeedback}. Body: the scale as float32 and d sign bits: ⌈d/8⌉ + 6 bytes, about 3% of
   * dense. Shares coordinates. Spec {@code sign}.
   */
  public static Compressor scaledSign() {
    return CodecRegistry.scaledSign();
  }

  /**
   * Parses a textual spec: {@code identity}, {@code fp16}, {@code randk(ratio=0.1)}, {@code
   * randk(k=1000,seed=shared)}, {@code qsgd(levels=16)}, {@code topk(ratio=0.01)}, {@code sign}.
   * Whitespace is ignored and names are case-insensitive.
   *
   * @throws IllegalArgumentException naming the unknown codec, the unknown or repeated parameter or
   *     the bad value, and listing the valid codecs with their parameters
   */
  public static Compressor parse(String spec) {
    return CodecRegistry.parse(spec);
  }

  /**
   * Builds a codec from a name and parameters, as carried by the wire's {@code CompressionSpec}
   * ({@code codec}, {@code parameters}); e.g. {@code create("randk", Map.of("ratio", "0.1"))}.
   *
   * @throws IllegalArgumentException as {@link #parse}
   */
  public static Compressor create(String codec, Map<String, String> parameters) {
    return CodecRegistry.create(codec, parameters);
  }

  /**
   * The decoder for a codec name carried on the wire ({@code CompressedVector.codec}); exact,
   * case-sensitive match.
   *
   * @throws IllegalArgumentException for an unknown name, listing the valid ones
   */
  public static Decompressor decoderFor(String codec) {
    return CodecRegistry.decoderFor(codec);
  }

  /** The codec names: identity, fp16, randk, qsgd, topk, sign. */
  public static List<String> codecNames() {
    return CodecRegistry.names();
  }

  /**
   * Refuses a compressor whose clients would transmit different coordinates, which masked secure
   * aggregation cannot sum: top-k and rand-k with per-client seeds.
   *
   * @return {@code compressor}, for chaining
   * @throws IllegalArgumentException naming the spec and the compatible alternatives
   */
  public static Compressor requireSecureAggregationCompatible(Compressor compressor) {
    if (!compressor.sharesCoordinatesAcrossClients()) {
      throw new IllegalArgumentException("compression " + compressor.spec() + " cannot run under "
          + "secure aggregation: each client transmits its own set of coordinates, so masked "
          + "vectors would not line up; use identity, fp16, qsgd(levels=s), sign, or "
          + "randk(...,seed=shared) with the coordinator's round seed");
    }
    return compressor;
  }

  /**
   * The sorted coordinates that every {@code seed=shared} rand-k client keeps for this dimension,
   * k and round seed; lets a secure-aggregation round mask only those k values.
   *
   * @param dimension d ≥ 1
   * @param k in [1, d]
   * @param roundSeed the coordinator's round seed
   */
  public static int[] sharedCoordinates(int dimension, int k, long roundSeed) {
    return CodecRegistry.sharedCoordinates(dimension, k, roundSeed);
  }

  /**
   * The round seed inside a rand-k vector encoded with {@code seed=shared}, empty for a per-client
   * seed; the coordinator compares it with the seed it published.
   *
   * @throws IllegalArgumentException when the vector is not rand-k or its header is malformed
   */
  public static OptionalLong sharedRoundSeedOf(CompressedVector vector) {
    return CodecRegistry.sharedRoundSeed(vector);
  }
}
