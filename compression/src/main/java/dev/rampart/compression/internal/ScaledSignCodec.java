package dev.rampart.compression.internal;

import dev.rampart.compression.CompressedVector;
import dev.rampart.compression.CompressionContext;
import dev.rampart.compression.Compressor;
import dev.rampart.compression.ErrorFeedback;

/**
 * Scaled sign with error feedback (EF-SignSGD; Karimireddy, Rebjock, Stich and Jaggi, "Error
 * Feedback Fixes SignSGD and other Gradient Compression Schemes", ICML 2019): p = x + e;
 * C(p) = (‖p‖₁/d)·sign(p) with sign(0) = +1; e ← p − C(p). Biased.
 *
 * <p>Body: the scale ‖p‖₁/d as float32 LE, then d sign bits (1 = negative) least significant bit
 * first, zero-padded: ⌈d/8⌉ + 4 bytes.
 *
 * <p>Immutable and thread-safe.
 */
record ScaledSignCodec() implements Compressor {
  static final String NAME = "sign";

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
    return true;
  }

  @Override
  public CompressedVector compress(float[] input, CompressionContext context) {
    Codecs.requireContext(context, NAME);
    Vectors.requireFinite(input, NAME);
    int d = input.length;
    ErrorFeedback feedback = Codecs.requireFeedback(context, NAME, d);
    float[] corrected = feedback.corrected(input);
    float scale = (float) (Vectors.norm1(corrected) / d);
    BitWriter bits = new BitWriter(d);
    for (float p : corrected) {
      bits.write(p < 0 ? 1 : 0, 1);
    }
    byte[] body = bits.finish();
    ByteWriter out = Wire.start(Wire.TAG_SIGN, Wire.HEADER_BYTES + 4 + body.length);
    out.writeFloat(scale);
    out.writeBytes(body);
    CompressedVector result = new CompressedVector(NAME, d, out.toByteArray());
    feedback.update(corrected, decode(result));
    return result;
  }

  @Override
  public float[] decompress(CompressedVector vector) {
    return decode(vector);
  }

  static float[] decode(CompressedVector vector) {
    ByteReader in = Wire.open(vector, NAME, Wire.TAG_SIGN);
    int d = vector.dimension();
    float scale = in.readFiniteFloat("scale");
    if (scale < 0) {
      throw in.fail("scale=" + scale + " is negative");
    }
    long length = BitWriter.bytesFor(d, 1);
    in.requireExactly(length, "sign bits");
    BitReader bits = new BitReader(in, (int) length, "sign bits");
    float[] out = new float[d];
    for (int i = 0; i < d; i++) {
      out[i] = bits.read(1) == 1 ? -scale : scale;
    }
    bits.requireZeroPadding();
    return out;
  }

  @Override
  public String toString() {
    return spec();
  }
}
