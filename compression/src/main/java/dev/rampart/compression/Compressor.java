package dev.rampart.compression;

/**
 * A gradient compressor: maps a dense {@code float[]} to a compact {@link CompressedVector} and
 * back.
 *
 * <p>Obtain instances from {@link Compressors} (factories, or the textual spec used by configs).
 * Every codec's definition, bias and byte cost is documented on its factory method there.
 *
 * <p>Randomness and state are supplied per call through a {@link CompressionContext}: the random
 * generator of stochastic codecs, the coordinator's round seed for shared coordinate selection, and
 * the caller-owned {@link ErrorFeedback} residual of biased codecs. A compressor holds no mutable
 * state of its own.
 *
 * <p>Thread-safety: implementations are immutable and thread-safe; one instance may serve every
 * client. A {@link CompressionContext} (its random generator and error-feedback residual) is not
 * thread-safe: use one per client and per thread.
 */
public interface Compressor extends Decompressor {
  /** The codec name carried on the wire in {@link CompressedVector#codec()}, e.g. "randk". */
  String name();

  /**
   * The canonical textual spec of this configuration, e.g. {@code "randk(ratio=0.1,seed=shared)"};
   * {@link Compressors#parse} of it yields an equal compressor. Suitable for audit records.
   */
  String spec();

  /**
   * Whether {@code E[decompress(compress(x))] = x} for every x, the expectation over the
   * context's randomness. True for identity, rand-k and QSGD; false for fp16 (deterministic
   * rounding), top-k and scaled sign. Com-LAD requires an unbiased compressor.
   */
  boolean unbiased();

  /**
   * Whether every client compressing with the same round seed transmits values for the same set of
   * coordinates, so masked vectors can be summed coordinate-wise under secure aggregation. True for
   * dense codecs and for rand-k with a shared round seed; false for top-k and per-client rand-k.
   *
   * @see Compressors#requireSecureAggregationCompatible(Compressor)
   */
  boolean sharesCoordinatesAcrossClients();

  /**
   * Whether {@link #compress} reads and updates the context's {@link ErrorFeedback} (top-k and
   * scaled sign); such codecs refuse a context without one. Other codecs ignore it.
   */
  boolean usesErrorFeedback();

  /**
   * Compresses a vector. The input is neither modified nor retained.
   *
   * @param input the dense vector, length ≥ 1, every coordinate finite
   * @param context randomness, optional round seed and, for error-feedback codecs, the client's
   *     residual (updated in place)
   * @return the compressed vector, whose codec is {@link #name()} and whose dimension is {@code
   *     input.length}
   * @throws IllegalArgumentException when the input is empty or has a NaN or infinite coordinate,
   *     when a parameter does not fit the dimension (k &gt; length), when the context lacks what
   *     the codec needs (round seed, error feedback) or its residual has another dimension, or
   *     when a value cannot be represented (fp16 overflow)
   */
  CompressedVector compress(float[] input, CompressionContext context);
}
