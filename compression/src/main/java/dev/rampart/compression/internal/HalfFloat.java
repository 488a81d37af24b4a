package dev.rampart.compression.internal;

/**
 * IEEE 754 binary16 conversions (Java 17 has no {@code Float.floatToFloat16}).
 *
 * <p>Binary16: 1 sign bit, 5 exponent bits (bias 15), 10 fraction bits; largest finite value
 * 65504, smallest normal 2⁻¹⁴ ≈ 6.1e-5, smallest subnormal 2⁻²⁴ ≈ 6.0e-8. Narrowing rounds to
 * nearest, ties to even, with gradual underflow to subnormals and zero; finite floats of magnitude
 * ≥ 65520 round to infinity, as IEEE prescribes.
 *
 * <p>Stateless and thread-safe.
 */
final class HalfFloat {
  /** Exponent field of infinities and NaNs. */
  static final int EXPONENT_MASK = 0x7C00;

  private HalfFloat() {}

  /** Rounds a float to the nearest binary16 (ties to even); NaN maps to a quiet NaN. */
  static short fromFloat(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int exponent = (bits >>> 23) & 0xFF;
    int mantissa = bits & 0x7FFFFF;
    if (exponent == 0xFF) {
      return (short) (sign | EXPONENT_MASK | (mantissa != 0 ? 0x200 : 0));
    }
    int halfExponent = exponent - 127 + 15;
    if (halfExponent >= 0x1F) {
      return (short) (sign | EXPONENT_MASK);
    }
    if (halfExponent <= 0) {
      if (halfExponent < -10) {
        return (short) sign;
      }
      // Subnormal result: value = significand × 2^(exponent − 150), unit 2^−24.
      int significand = mantissa | 0x800000;
      return (short) (sign | roundShiftRight(significand, 14 - halfExponent));
    }
    // A carry out of the fraction increments the exponent, possibly up to infinity: correct.
    int combined = (halfExponent << 10) | (mantissa >>> 13);
    int rest = mantissa & 0x1FFF;
    if (rest > 0x1000 || (rest == 0x1000 && (combined & 1) == 1)) {
      combined++;
    }
    return (short) (sign | combined);
  }

  private static int roundShiftRight(int value, int shift) {
    int quotient = value >>> shift;
    int rest = value & ((1 << shift) - 1);
    int half = 1 << (shift - 1);
    if (rest > half || (rest == half && (quotient & 1) == 1)) {
      quotient++;
    }
    return quotient;
  }

  /** Widens a binary16 (low 16 bits of {@code half}) to float, exactly. */
  static float toFloat(int half) {
    int sign = (half & 0x8000) << 16;
    int exponent = (half >>> 10) & 0x1F;
    int fraction = half & 0x3FF;
    if (exponent == 0) {
      float magnitude = fraction * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    if (exponent == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (fraction << 13));
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (fraction << 13));
  }

  /** Whether a binary16 is finite (its exponent field is not all ones). */
  static boolean isFinite(int half) {
    return (half & EXPONENT_MASK) != EXPONENT_MASK;
  }
}
