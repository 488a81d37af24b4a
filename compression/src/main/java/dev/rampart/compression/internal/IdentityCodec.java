package dev.rampart.compression.internal;

import dev.rampart.compression.CompressedVector;
import dev.rampart.compression.CompressionContext;
import dev.rampart.compression.Compressor;

/**
 * No compression: float32 little-endian. Body: d × 4 bytes. Unbiased (exact).
 *
 * <p>Immutable and thread-safe.
 */
record IdentityCodec() implements Compressor {
  static final String NAME = "identity";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String spec() {
    return NAME;
  }

  @Override
  public boolean unbiased() {
    return true;
  }

  @Override
  public boolean sharesCoordinatesAcrossClients() {
    return true;
  }

  @Override
  public boolean usesErrorFeedback() {
    return false;
  }

  @Override
  public CompressedVector compress(float[] input, CompressionContext context) {
    Codecs.requireContext(context, NAME);
    Vectors.requireFinite(input, NAME);
    ByteWriter out = Wire.start(Wire.TAG_IDENTITY, Wire.HEADER_BYTES + 4 * input.length);
    for (float v : input) {
      out.writeFloat(v);
    }
    return new CompressedVector(NAME, input.length, out.toByteArray());
  }

  @Override
  public float[] decompress(CompressedVector vector) {
    return decode(vector);
  }

  static float[] decode(CompressedVector vector) {
    ByteReader in = Wire.open(vector, NAME, Wire.TAG_IDENTITY);
    in.requireExactly(4L * vector.dimension(), "values");
    return in.readFiniteFloats(vector.dimension(), "values");
  }

  @Override
  public String toString() {
    return spec();
  }
}
