package dev.rampart.compression.internal;

import dev.rampart.compression.CompressedVector;
import dev.rampart.compression.CompressionContext;
import dev.rampart.compression.Compressor;

/**
 * IEEE binary16, round to nearest even ({@link HalfFloat}). Body: d × 2 bytes little-endian.
 * Deterministic, hence biased (by at most half a unit in the last place, relative 2⁻¹¹ for normal
 * values). Inputs that would round to infinity (|x| ≥ 65520) are refused rather than sent as
 * infinity; decoders refuse infinities and NaNs.
 *
 * <p>Immutable and thread-safe.
 */
record Fp16Codec() implements Compressor {
  static final String NAME = "fp16";

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
    return false;
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
    ByteWriter out = Wire.start(Wire.TAG_FP16, Wire.HEADER_BYTES + 2 * input.length);
    for (int i = 0; i < input.length; i++) {
      short half = HalfFloat.fromFloat(input[i]);
      if (!HalfFloat.isFinite(half)) {
        throw new IllegalArgumentException("codec fp16: input[" + i + "] = " + input[i]
            + " is outside the binary16 range (magnitudes ≥ 65520 round to infinity; the largest"
            + " finite value is 65504); scale or clip the vector first");
      }
      out.writeShort(half);
    }
    return new CompressedVector(NAME, input.length, out.toByteArray());
  }

  @Override
  public float[] decompress(CompressedVector vector) {
    return decode(vector);
  }

  static float[] decode(CompressedVector vector) {
    ByteReader in = Wire.open(vector, NAME, Wire.TAG_FP16);
    int d = vector.dimension();
    in.requireExactly(2L * d, "values");
    float[] out = new float[d];
    for (int i = 0; i < d; i++) {
      int half = in.readUnsignedShort("values");
      if (!HalfFloat.isFinite(half)) {
        throw in.fail("values[" + i + "] is an infinity or NaN");
      }
      out[i] = HalfFloat.toFloat(half);
    }
    return out;
  }

  @Override
  public String toString() {
    return spec();
  }
}
