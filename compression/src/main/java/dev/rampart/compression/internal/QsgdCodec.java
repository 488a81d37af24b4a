package dev.rampart.compression.internal;

import dev.rampart.compression.CompressedVector;
import dev.rampart.compression.CompressionContext;
import dev.rampart.compression.Compressor;
import java.util.random.RandomGenerator;

/**
 * QSGD s-level stochastic quantization (Alistarh, Grubic, Li, Tomioka and Vojnovic, "QSGD:
 * Communication-Efficient SGD via Gradient Quantization and Encoding", NeurIPS 2017):
 * Q(x)_i = ‖x‖₂ · sgn(x_i) · ξ_i / s, where with r = s|x_i|/‖x‖₂ and l = ⌊r⌋, the level ξ_i is
 * l + 1 with probability r − l and l otherwise. Unbiased; E‖Q(x) − x‖² ≤ min(d/s², √d/s)‖x‖².
 *
 * <p>Body: s as varint, ‖x‖₂ as float32 LE, then per coordinate one sign bit (1 = negative, 0
 * whenever the level is 0) followed by the level in b = ⌈log₂(s + 1)⌉ bits, packed least
 * significant bit first and zero-padded: ⌈d(1 + b)/8⌉ + 5 to 7 bytes. The paper's Elias coding of
 * the levels is not used, so the size does not depend on the data.
 *
 * <p>The norm is rounded to float32 before quantizing and the same float is sent, so the decoder
 * reconstructs exactly the encoder's grid; where rounding makes r exceed s by a hair the level is
 * clamped to s (a bias below 2⁻²⁴ relative).
 *
 * <p>Immutable and thread-safe.
 */
record QsgdCodec(int levels) implements Compressor {
  static final String NAME = "qsgd";
  /** Largest accepted s; levels then fit in 16 bits. */
  static final int MAX_LEVELS = 65535;

  QsgdCodec {
    requireLevels(levels);
  }

  static void requireLevels(int levels) {
    if (levels < 1 || levels > MAX_LEVELS) {
      throw new IllegalArgumentException("levels must be in [1, " + MAX_LEVELS + "], but was "
          + levels);
    }
  }

  /** Bits of one level field, ⌈log₂(s + 1)⌉. */
  static int levelBits(int levels) {
    return 32 - Integer.numberOfLeadingZeros(levels);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String spec() {
    return NAME + "(levels=" + levels + ")";
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
    RandomGenerator random = Codecs.requireContext(context, spec()).random();
    Vectors.requireFinite(input, NAME);
    int d = input.length;
    float norm = (float) Vectors.norm2(input);
    if (!Float.isFinite(norm)) {
      throw new IllegalArgumentException("codec " + NAME + ": the Euclidean norm of the input "
          + "overflows float32");
    }
    int width = levelBits(levels);
    BitWriter bits = new BitWriter((long) d * (1 + width));
    for (float x : input) {
      int level = 0;
      if (norm > 0) {
        double r = Math.abs(x) * (double) levels / norm;
        int floor = (int) r;
        level = floor >= levels ? levels : floor + (random.nextDouble() < r - floor ? 1 : 0);
      }
      bits.write(level > 0 && x < 0 ? 1 : 0, 1);
      bits.write(level, width);
    }
    byte[] body = bits.finish();
    ByteWriter out = Wire.start(Wire.TAG_QSGD, Wire.HEADER_BYTES + 7 + body.length);
    out.writeVarInt(levels);
    out.writeFloat(norm);
    out.writeBytes(body);
    return new CompressedVector(NAME, d, out.toByteArray());
  }

  @Override
  public float[] decompress(CompressedVector vector) {
    return decode(vector);
  }

  static float[] decode(CompressedVector vector) {
    ByteReader in = Wire.open(vector, NAME, Wire.TAG_QSGD);
    int d = vector.dimension();
    int s = in.readVarInt("levels");
    if (s < 1 || s > MAX_LEVELS) {
      throw in.fail("levels=" + s + " is outside [1, " + MAX_LEVELS + "]");
    }
    float norm = in.readFiniteFloat("norm");
    if (norm < 0) {
      throw in.fail("norm=" + norm + " is negative");
    }
    int width = levelBits(s);
    long length = BitWriter.bytesFor(d, 1 + width);
    in.requireExactly(length, "packed signs and levels");
    float[] grid = new float[s + 1];
    for (int l = 0; l <= s; l++) {
      grid[l] = (float) ((double) norm * l / s);
    }
    BitReader bits = new BitReader(in, (int) length, "packed signs and levels");
    float[] out = new float[d];
    for (int i = 0; i < d; i++) {
      int negative = bits.read(1);
      int level = bits.read(width);
      if (level > s) {
        throw in.fail("level " + level + " at coordinate " + i + " exceeds levels=" + s);
      }
      if (negative == 1 && level == 0) {
        throw in.fail("coordinate " + i + " has a sign bit on a zero level");
      }
      out[i] = negative == 1 ? -grid[level] : grid[level];
    }
    bits.requireZeroPadding();
    return out;
  }

  @Override
  public String toString() {
    return spec();
  }
}
