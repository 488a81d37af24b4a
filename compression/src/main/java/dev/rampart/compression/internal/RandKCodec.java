package dev.rampart.compression.internal;

import dev.rampart.compression.CompressedVector;
import dev.rampart.compression.CompressionContext;
import dev.rampart.compression.Compressor;
import dev.rampart.compression.Sparsity;
import java.util.OptionalLong;

/**
 * Random-k sparsification scaled by d/k: C(x)_i = (d/k)·x_i for k coordinates drawn uniformly
 * without replacement, 0 elsewhere; unbiased, E‖C(x) − x‖² = (d/k − 1)‖x‖².
 *
 * <p>The coordinates are derived from a 64-bit index seed by {@link IndexSampler}; the seed is
 * either drawn from the client's generator ({@code seed=client}) or is the coordinator's round
 * seed ({@code seed=shared}, every client picks the same coordinates). Either way the seed is sent
 * instead of the indices. Body: mode byte (0 client, 1 shared), k as varint, seed (8 bytes LE),
 * then the k unscaled values x_i in increasing index order (float32 LE); 4k + 10 to 14 bytes.
 *
 * <p>Immutable and thread-safe.
 */
record RandKCodec(Sparsity sparsity, boolean sharedSeed) implements Compressor {
  static final String NAME = "randk";
  private static final int MODE_CLIENT = 0;
  private static final int MODE_SHARED = 1;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String spec() {
    return NAME + "(" + sparsity + ",seed=" + (sharedSeed ? "shared" : "client") + ")";
  }

  @Override
  public boolean unbiased() {
    return true;
  }

  @Override
  public boolean sharesCoordinatesAcrossClients() {
    return sharedSeed;
  }

  @Override
  public boolean usesErrorFeedback() {
    return false;
  }

  @Override
  public CompressedVector compress(float[] input, CompressionContext context) {
    Codecs.requireContext(context, spec());
    Vectors.requireFinite(input, NAME);
    int d = input.length;
    int k = sparsity.coordinatesFor(d);
    long seed = sharedSeed
        ? context.roundSeed().orElseThrow(() -> new IllegalArgumentException("codec " + spec()
            + " needs the round seed chosen by the coordinator; pass it with "
            + "CompressionContext.withRoundSeed"))
        : context.random().nextLong();
    int[] indices = IndexSampler.sample(seed, d, k);
    double scale = (double) d / k;
    ByteWriter out = Wire.start(Wire.TAG_RANDK, Wire.HEADER_BYTES + 14 + 4 * k);
    out.writeByte(sharedSeed ? MODE_SHARED : MODE_CLIENT);
    out.writeVarInt(k);
    out.writeLong(seed);
    for (int index : indices) {
      float value = input[index];
      if (!Float.isFinite((float) (value * scale))) {
        throw new IllegalArgumentException("codec " + NAME + ": input[" + index + "] = " + value
            + " overflows float32 once scaled by d/k = " + scale);
      }
      out.writeFloat(value);
    }
    return new CompressedVector(NAME, d, out.toByteArray());
  }

  @Override
  public float[] decompress(CompressedVector vector) {
    return decode(vector);
  }

  /** The parsed header; the reader is left at the values. */
  private record Header(boolean shared, int k, long seed) {
    static Header read(ByteReader in, int dimension) {
      int mode = in.readUnsignedByte("mode");
      if (mode != MODE_CLIENT && mode != MODE_SHARED) {
        throw in.fail("mode byte " + mode + " is neither 0 (client seed) nor 1 (shared seed)");
      }
      int k = in.readVarInt("k");
      if (k < 1 || k > dimension) {
        throw in.fail("k=" + k + " is outside [1, dimension=" + dimension + "]");
      }
      return new Header(mode == MODE_SHARED, k, in.readLong("seed"));
    }
  }

  static float[] decode(CompressedVector vector) {
    ByteReader in = Wire.open(vector, NAME, Wire.TAG_RANDK);
    int d = vector.dimension();
    Header header = Header.read(in, d);
    in.requireExactly(4L * header.k(), "values");
    float[] values = in.readFiniteFloats(header.k(), "values");
    int[] indices = IndexSampler.sample(header.seed(), d, header.k());
    double scale = (double) d / header.k();
    float[] out = new float[d];
    for (int j = 0; j < indices.length; j++) {
      float scaled = (float) (values[j] * scale);
      if (!Float.isFinite(scaled)) {
        throw in.fail("values[" + j + "] = " + values[j] + " overflows once scaled by d/k = "
            + scale);
      }
      out[indices[j]] = scaled;
    }
    return out;
  }

  /** The round seed of a vector encoded with {@code seed=shared}; empty for {@code seed=client}. */
  static OptionalLong sharedRoundSeed(CompressedVector vector) {
    ByteReader in = Wire.open(vector, NAME, Wire.TAG_RANDK);
    Header header = Header.read(in, vector.dimension());
    return header.shared() ? OptionalLong.of(header.seed()) : OptionalLong.empty();
  }

  /** The coordinates every {@code seed=shared} client selects for (d, k, round seed). */
  static int[] sharedCoordinates(int dimension, int k, long roundSeed) {
    if (dimension < 1 || k < 1 || k > dimension) {
      throw new IllegalArgumentException("need 1 ≤ k ≤ dimension, but k=" + k + " and dimension="
          + dimension);
    }
    return IndexSampler.sample(roundSeed, dimension, k);
  }

  @Override
  public String toString() {
    return spec();
  }
}
