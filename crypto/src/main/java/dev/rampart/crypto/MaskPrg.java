package dev.rampart.crypto;

import dev.rampart.crypto.internal.ChaCha20Keystream;
import dev.rampart.crypto.internal.ChaCha20Keystream.Combine;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The pseudorandom generator that expands a 256-bit key into secure-aggregation masks: one
 * {@code int} (an element of Z/2^32) per model coordinate.
 *
 * <p>Definition: {@code mask[i]} is the little-endian uint32 formed by bytes {@code 4i..4i+3} of
 * the RFC 8439 ChaCha20 keystream with the 32-byte key, an all-zero 96-bit nonce and initial block
 * counter 0 (so the first 16 masks are the words of RFC 8439 appendix A.1 test vector #1 when the
 * key is all zero). The nonce may be fixed because every mask key is a fresh HKDF output used for
 * one stream only (SECAGG.md: {@code k_uv} and {@code b_u} are per session). The full key is
 * used; nothing is folded into a shorter seed. A stream can cover 2^36 masks, far beyond any
 * {@code int[]}.
 *
 * <p>Cost: one ChaCha20 block per 16 masks (see {@link #implementation()} for the kernel in use).
 * Stateless and thread-safe.
 */
public final class MaskPrg {
  /** Mask key length in bytes (256 bits). */
  public static final int KEY_BYTES = ChaCha20Keystream.KEY_BYTES;

  private static final byte[] ZERO_NONCE = new byte[ChaCha20Keystream.NONCE_BYTES];

  private MaskPrg() {}

  /**
   * The first {@code length} masks of the stream for {@code key}.
   *
   * @param key 32-byte mask key
   * @param length number of masks, at least 0
   * @return a new array
   * @throws KeyFormatException if the key is not 32 bytes
   */
  public static int[] expand(byte[] key, int length) {
    if (length < 0) {
      throw new IllegalArgumentException("length must be >= 0, but was " + length);
    }
    int[] out = new int[length];
    apply(key, 0, out, 0, length, Combine.SET);
    return out;
  }

  /**
   * Adds the stream for {@code key} into {@code target}: {@code target[i] += mask[i]} mod 2^32 for
   * every index of {@code target}.
   *
   * @throws KeyFormatException if the key is not 32 bytes
   */
  public static void addTo(int[] target, byte[] key) {
    apply(key, 0, target, 0, target.length, Combine.ADD);
  }

  /**
   * Subtracts the stream for {@code key} from {@code target}: {@code target[i] -= mask[i]} mod
   * 2^32 for every index of {@code target}.
   *
   * @throws KeyFormatException if the key is not 32 bytes
   */
  public static void subtractFrom(int[] target, byte[] key) {
    apply(key, 0, target, 0, target.length, Combine.SUBTRACT);
  }

  /**
   * Adds (or subtracts) masks {@code firstMask .. firstMask+length} of the stream into
   * {@code target[from .. from+length)}, so a long vector can be masked in slices (for example one
   * slice per thread or per chunk) with the same result as masking it whole.
   *
   * @param key 32-byte mask key
   * @param firstMask index of the first mask of the stream to use, at least 0
   * @param target vector updated in place
   * @param from first index of {@code target} to update
   * @param length number of coordinates
   * @param subtract false to add, true to subtract
   * @throws KeyFormatException if the key is not 32 bytes
   * @throws IndexOutOfBoundsException if the slice does not fit in {@code target}
   */
  public static void applySlice(byte[] key, long firstMask, int[] target, int from, int length,
      boolean subtract) {
    apply(key, firstMask, target, from, length, subtract ? Combine.SUBTRACT : Combine.ADD);
  }

  /**
   * Adds or subtracts several mask streams over the same masks {@code firstMask ..
   * firstMask+length} into {@code target[from .. from+length)}: the same result as one
   * {@link #applySlice} per key, in less time, because the streams are summed in registers before
   * they reach the target.
   *
   * @param keys 32-byte mask keys
   * @param subtract per key, true to subtract its stream
   * @param firstMask index of the first mask of every stream to use, at least 0
   * @param target vector updated in place
   * @param from first index of {@code target} to update
   * @param length number of coordinates
   * @throws KeyFormatException if a key is not 32 bytes
   * @throws IllegalArgumentException if {@code keys} and {@code subtract} differ in length
   * @throws IndexOutOfBoundsException if the slice does not fit in {@code target}
   */
  public static void applyAll(byte[][] keys, boolean[] subtract, long firstMask, int[] target,
      int from, int length) {
    Objects.requireNonNull(target, "target");
    for (byte[] key : keys) {
      checkKey(key);
    }
    ChaCha20Keystream.applyAll(keys, ZERO_NONCE, 0, subtract, firstMask, target, from, length);
  }

  /**
   * Which ChaCha20 block kernel this JVM uses: {@code "vector, N lanes"} when it was started with
   * {@code --add-modules jdk.incubator.vector} (and C2), otherwise {@code "scalar, 16 lanes"}
   * (same masks; ten streams of 10^6 masks took 69 ms on one core against 13 ms for the vector
   * kernel on the AMD EPYC build machine, JDK 17).
   */
  public static String implementation() {
    return ChaCha20Keystream.implementation();
  }

  /**
   * Starts choosing (and, if it is the SIMD one, warming up on a background daemon thread) the
   * ChaCha20 kernel now rather than at the first mask expansion; sessions call it when they open,
   * so that the kernel is ready by the time masks are needed. Idempotent and cheap.
   */
  public static void prepare() {
    ChaCha20Keystream.implementation();
  }

  /**
   * Waits until the kernel choice is final: the SIMD kernel warmed up, or known not to be usable
   * here. For benchmarks and for callers that want their first masks at full speed.
   *
   * @return true if it became final within the timeout
   * @throws InterruptedException if interrupted while waiting
   */
  public static boolean awaitPrepared(long timeout, TimeUnit unit) throws InterruptedException {
    return ChaCha20Keystream.awaitFinalKernel(timeout, unit);
  }

  private static void checkKey(byte[] key) {
    if (key == null || key.length != KEY_BYTES) {
      throw new KeyFormatException("mask key must be " + KEY_BYTES + " bytes, but was "
          + (key == null ? "null" : key.length + " bytes"));
    }
  }

  private static void apply(byte[] key, long firstMask, int[] target, int from, int length,
      Combine combine) {
    Objects.requireNonNull(target, "target");
    checkKey(key);
    ChaCha20Keystream.apply(key, ZERO_NONCE, 0, firstMask, target, from, length, combine);
  }
}
