package dev.rampart.compression;

/**
 * Turns a {@link CompressedVector} back into a dense vector.
 *
 * <p>The encoding is self-describing: every parameter needed to decode it (k, the level count, the
 * index seed) is read from its header, so one decompressor handles every configuration of its
 * codec. Obtain one for a codec name read from the wire with {@link Compressors#decoderFor}.
 *
 * <p>Input is treated as hostile: every length, index and value is validated, and any malformed,
 * truncated or non-finite content is rejected with an {@link IllegalArgumentException}; no other
 * exception escapes for bad bytes. The output always has {@code v.dimension()} finite coordinates.
 * A decoder allocates {@code 4 × v.dimension()} bytes for its output, so a caller receiving vectors
 * from other parties checks {@code v.dimension()} against the model's dimension first.
 *
 * <p>Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface Decompressor {
  /**
   * Decodes a compressed vector.
   *
   * @param vector a vector whose {@link CompressedVector#codec()} is this decoder's codec
   * @return a new dense array of length {@code vector.dimension()}, all coordinates finite
   * @throws IllegalArgumentException when the codec name differs, or the encoding is malformed,
   *     truncated, has trailing bytes, an out-of-range parameter or index, or a non-finite value
   */
  float[] decompress(CompressedVector vector);
}
