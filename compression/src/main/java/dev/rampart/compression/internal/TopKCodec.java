package dev.rampart.compression.internal;

import dev.rampart.compression.CompressedVector;
import dev.rampart.compression.CompressionContext;
import dev.rampart.compression.Compressor;
import dev.rampart.compression.ErrorFeedback;
import dev.rampart.compression.Sparsity;
import java.util.Arrays;

/**
 * Top-k sparsification with error feedback: p = x + e; C(p) keeps the k coordinates of largest
 * |p_i| (ties to the lower index) unscaled, zeroes the rest; e ← p − C(p) (Stich, Cordonnier and
 * Jaggi, NeurIPS 2018). Biased. The coordinates differ per client, so it cannot run under secure
 * aggregation.
 *
 * <p>Body: k as varint, the k sorted indices delta-coded as varints (the first index, then each
 * gap minus one, so indices are strictly increasing by construction), then the k values float32
 * LE: 4k + about one byte per index when k/d ≥ 1/128.
 *
 * <p>Selection sorts a copy of |p|: O(d log d) time, O(d) memory.
 *
 * <p>Immutable and thread-safe.
 */
record TopKCodec(Sparsity sparsity) implements Compressor {
  static final String NAME = "topk";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String spec() {
    return NAME + "(" + sparsity + ")";
  }

  @Override
  public boolean unbiased() {
    return false;
  }

  @Override
  public boolean sharesCoordinatesAcrossClients() {
    return false;
  }

  @Override
  public boolean usesErrorFeedback() {
    return true;
  }

  @Override
  public CompressedVector compress(float[] input, CompressionContext context) {
    Codecs.requireContext(context, spec());
    Vectors.requireFinite(input, NAME);
    int d = input.length;
    ErrorFeedback feedback = Codecs.requireFeedback(context, spec(), d);
    int k = sparsity.coordinatesFor(d);
    float[] corrected = feedback.corrected(input);
    int[] indices = largest(corrected, k);
    ByteWriter out = Wire.start(Wire.TAG_TOPK, Wire.HEADER_BYTES + 5 + 6 * k);
    out.writeVarInt(k);
    int previous = -1;
    for (int index : indices) {
      out.writeVarInt(index - previous - 1);
      previous = index;
    }
    for (int index : indices) {
      out.writeFloat(corrected[index]);
    }
    CompressedVector result = new CompressedVector(NAME, d, out.toByteArray());
    feedback.update(corrected, decode(result));
    return result;
  }

  /** Indices of the k largest magnitudes in increasing order; ties go to the lower index. */
  static int[] largest(float[] values, int k) {
    float[] magnitudes = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      magnitudes[i] = Math.abs(values[i]);
    }
    Arrays.sort(magnitudes);
    float threshold = magnitudes[values.length - k];
    int above = 0;
    for (float m : magnitudes) {
      if (m > threshold) {
        above++;
      }
    }
    int tiesAllowed = k - above;
    int[] indices = new int[k];
    int chosen = 0;
    for (int i = 0; i < values.length && chosen < k; i++) {
      float m = Math.abs(values[i]);
      if (m > threshold || (m == threshold && tiesAllowed-- > 0)) {
        indices[chosen++] = i;
      }
    }
    return indices;
  }

  @Override
  public float[] decompress(CompressedVector vector) {
    return decode(vector);
  }

  static float[] decode(CompressedVector vector) {
    ByteReader in = Wire.open(vector, NAME, Wire.TAG_TOPK);
    int d = vector.dimension();
    int k = in.readVarInt("k");
    if (k < 1 || k > d) {
      throw in.fail("k=" + k + " is outside [1, dimension=" + d + "]");
    }
    // Every index takes at least one byte and every value four: refuse short input before
    // allocating anything proportional to k.
    in.require(5L * k, "indices and values");
    int[] indices = new int[k];
    long index = -1;
    for (int j = 0; j < k; j++) {
      index += 1L + in.readVarInt("index gap");
      if (index >= d) {
        throw in.fail("index " + index + " at position " + j + " is outside [0, dimension=" + d
            + ")");
      }
      indices[j] = (int) index;
    }
    in.requireExactly(4L * k, "values");
    float[] values = in.readFiniteFloats(k, "values");
    float[] out = new float[d];
    for (int j = 0; j < k; j++) {
      out[indices[j]] = values[j];
    }
    return out;
  }

  @Override
  public String toString() {
    return spec();
  }
}
