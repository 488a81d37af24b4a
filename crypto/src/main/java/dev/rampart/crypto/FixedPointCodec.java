package dev.rampart.crypto;

import dev.rampart.protocol.RampartException;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Encodes float vectors into Z/2^32 so that a modular sum of up to {@code maxSummands} encodings
 * decodes to the real sum (SECAGG.md "Parameters").
 *
 * <p><b>Definition.</b> With clip bound C, b bits and L = 2^b − 1 levels, a coordinate x is
 * clipped to [−C, C], mapped to v = (x + C) / (2C) · L ∈ [0, L] and stochastically rounded:
 * q = ⌊v⌋ + 1 with probability v − ⌊v⌋, else ⌊v⌋ (so E[q] = v: unbiased). q is stored as an
 * unsigned 32-bit {@code int}. A sum S of k encodings lies in [0, k·L]; it decodes to the sum
 * S / L · 2C − k·C, or the mean S / (k·L) · 2C − C. k must be the number of encodings actually
 * summed (the survivor count after dropouts), not the group size.
 *
 * <p><b>Overflow.</b> The sum cannot wrap as long as {@code maxSummands · 2^b ≤ 2^32};
 * {@link #forGroupSize} picks b = 32 − ⌈log2(maxSummands)⌉, the largest such b, and
 * {@link #of} refuses any b that violates it.
 *
 * <p><b>Exactness.</b> ±C encode to L and 0 without rounding, so k members all at +C (or all at
 * −C) decode to exactly k·C (−k·C) and mean ±C. Otherwise the error per coordinate of a decoded
 * mean is below 2C/L plus float rounding.
 *
 * <p>Immutable and thread-safe; the {@link RandomGenerator} passed to {@link #encode} is used
 * only by the calling thread.
 */
public final class FixedPointCodec {
  private static final long MODULUS = 1L << 32;

  private final double clip;
  private final int bits;
  private final int maxSummands;
  private final long levels;

  private FixedPointCodec(double clip, int bits, int maxSummands) {
    this.clip = clip;
    this.bits = bits;
    this.maxSummands = maxSummands;
    this.levels = (1L << bits) - 1;
  }

  /**
   * A codec using the most bits that cannot overflow a sum of {@code maxSummands} encodings:
   * b = 32 − ⌈log2(maxSummands)⌉ (e.g. 29 for 5, 28 for 10, 27 for 20).
   *
   * @param clip C, finite and positive
   * @param maxSummands the group size s, 1 to 2^31 − 1
   * @throws RampartException naming the bad value
   */
  public static FixedPointCodec forGroupSize(double clip, int maxSummands) {
    requireSummands(maxSummands);
    return of(clip, bitsFor(maxSummands), maxSummands);
  }

  /**
   * A codec with an explicit bit width.
   *
   * @param clip C, finite and positive
   * @param bits b, 1 to 32
   * @param maxSummands s, at least 1
   * @throws RampartException naming the values if {@code maxSummands · 2^bits > 2^32} or any is out
   *     of range
   */
  public static FixedPointCodec of(double clip, int bits, int maxSummands) {
    if (!(clip > 0) || !Double.isFinite(clip)) {
      throw new RampartException("clip must be finite and > 0, but was " + clip);
    }
    if (bits < 1 || bits > 32) {
      throw new RampartException("bits must be 1-32, but was " + bits);
    }
    requireSummands(maxSummands);
    if ((double) maxSummands * (double) (1L << bits) > MODULUS) {
      throw new RampartException("maxSummands=" + maxSummands + " with bits=" + bits
          + " overflows the modular sum: " + maxSummands + "*2^" + bits + " > 2^32; use bits <= "
          + bitsFor(maxSummands));
    }
    return new FixedPointCodec(clip, bits, maxSummands);
  }

  /** b = 32 − ⌈log2(maxSummands)⌉, the largest overflow-free bit width for that many summands. */
  public static int bitsFor(int maxSummands) {
    requireSummands(maxSummands);
    int ceilLog2 = 32 - Integer.numberOfLeadingZeros(maxSummands - 1);
    return 32 - ceilLog2;
  }

  private static void requireSummands(int maxSummands) {
    if (maxSummands < 1) {
      throw new RampartException("maxSummands must be >= 1, but was " + maxSummands);
    }
  }

  /**
   * Clips, scales and stochastically rounds every coordinate.
   *
   * @param values finite floats; values outside [−C, C] are clipped
   * @param random source of the rounding decisions (one {@code nextDouble()} per coordinate)
   * @return a new array of encodings in [0, 2^b − 1], as unsigned ints
   * @throws RampartException naming the first non-finite coordinate
   */
  public int[] encode(float[] values, RandomGenerator random) {
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(random, "random");
    int[] out = new int[values.length];
    double scale = levels / (2 * clip);
    for (int i = 0; i < values.length; i++) {
      float x = values[i];
      if (!Float.isFinite(x)) {
        throw new RampartException("values[" + i + "] is " + x + "; only finite values encode");
      }
      double clipped = Math.max(-clip, Math.min(clip, x));
      double v = (clipped + clip) * scale;
      double floor = Math.floor(v);
      long q = (long) floor + (random.nextDouble() < v - floor ? 1 : 0);
      out[i] = (int) Math.min(Math.max(q, 0), levels);
    }
    return out;
  }

  /**
   * Decodes the modular sum of {@code summands} encodings to the sum of the encoded values.
   *
   * @param sum coordinate-wise sum mod 2^32 (unmasked)
   * @param summands k, the number of encodings in the sum, 1 to {@link #maxSummands()}
   * @return a new array of sums, each in [−k·C, k·C]
   * @throws RampartException naming k if out of range
   */
  public float[] decodeSum(int[] sum, int summands) {
    requireSummandsInRange(summands);
    float[] out = new float[sum.length];
    // Divide before scaling: S / L is exact whenever S is a multiple of L (all members at +C).
    double l = levels;
    double twoC = 2 * clip;
    double offset = summands * clip;
    for (int i = 0; i < sum.length; i++) {
      out[i] = (float) (Integer.toUnsignedLong(sum[i]) / l * twoC - offset);
    }
    return out;
  }

  /**
   * Decodes the modular sum of {@code summands} encodings to the mean of the encoded values, the
   * group mean that feeds the robust aggregation step.
   *
   * @param sum coordinate-wise sum mod 2^32 (unmasked)
   * @param summands k, the survivor count, 1 to {@link #maxSummands()}
   * @return a new array of means, each in [−C, C]
   * @throws RampartException naming k if out of range
   */
  public float[] decodeMean(int[] sum, int summands) {
    requireSummandsInRange(summands);
    float[] out = new float[sum.length];
    double full = (double) summands * levels;
    double twoC = 2 * clip;
    for (int i = 0; i < sum.length; i++) {
      out[i] = (float) (Integer.toUnsignedLong(sum[i]) / full * twoC - clip);
    }
    return out;
  }

  private void requireSummandsInRange(int summands) {
    if (summands < 1 || summands > maxSummands) {
      throw new RampartException("summands must be 1-" + maxSummands + " (the codec's maxSummands),"
          + " but was " + summands);
    }
  }

  /** The clip bound C. */
  public double clip() {
    return clip;
  }

  /** The bit width b of one encoding. */
  public int bits() {
    return bits;
  }

  /** The largest number of encodings whose sum is guaranteed not to wrap. */
  public int maxSummands() {
    return maxSummands;
  }

  /** The quantization step 2C / (2^b − 1). */
  public double step() {
    return 2 * clip / levels;
  }

  @Override
  public String toString() {
    return "FixedPointCodec[clip=" + clip + ", bits=" + bits + ", maxSummands=" + maxSummands + "]";
  }
}
