package dev.rampart.crypto.internal;

import java.util.Objects;
import org.bouncycastle.crypto.engines.ChaChaEngine;

/**
 * The RFC 8439 ChaCha20 keystream (section 2.3: 256-bit key, 96-bit nonce, 32-bit block counter),
 * produced directly as 32-bit words and combined into an {@code int[]} with wrap-around (mod 2^32)
 * arithmetic.
 *
 * <p>Word {@code i} of the stream is the little-endian reading of keystream bytes
 * {@code 4i..4i+3}, i.e. exactly the state words that RFC 8439 serializes little-endian, so no
 * byte conversion is needed. Whole groups of blocks are computed by a {@link BlockKernel}: with
 * {@code --add-modules jdk.incubator.vector} on the JVM's command line, a SIMD kernel (16 blocks
 * per step with AVX-512), otherwise a portable one; a partial block at either end uses
 * BouncyCastle's {@link ChaChaEngine#chachaCore}. {@link #implementation()} tells which kernel is in
 * use. Several streams over the same words are summed by {@link #applyAll} before they touch the
 * target.
 *
 * <p>Stateless and thread-safe (each call uses its own buffers).
 */
public final class ChaCha20Keystream {
  /** How the keystream words are combined into the target. */
  public enum Combine {
    /** {@code target[i] = word}. */
    SET,
    /** {@code target[i] += word} (mod 2^32). */
    ADD,
    /** {@code target[i] -= word} (mod 2^32). */
    SUBTRACT
  }

  /** Key length in bytes. */
  public static final int KEY_BYTES = 32;
  /** Nonce length in bytes. */
  public static final int NONCE_BYTES = 12;
  /** 32-bit words per 64-byte block. */
  public static final int BLOCK_WORDS = 16;

  private static final int ROUNDS = 20;
  // "expand 32-byte k", little-endian words (RFC 8439, section 2.3).
  private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};

  private ChaCha20Keystream() {}

  /**
   * Combines {@code length} keystream words, starting at stream word {@code streamWord}, into
   * {@code target[from .. from+length)}.
   *
   * @param key 32-byte key
   * @param nonce 12-byte nonce
   * @param initialCounter block counter of stream word 0 (RFC 8439 uses 0 or 1)
   * @param streamWord first stream word to use, at least 0 (need not be block aligned)
   * @param target array to update in place
   * @param from first index of {@code target} to update
   * @param length number of words, at least 0
   * @param combine how to combine
   * @throws IllegalArgumentException if sizes or ranges are wrong, or the 32-bit block counter
   *     would wrap
   */
  public static void apply(byte[] key, byte[] nonce, int initialCounter, long streamWord,
      int[] target, int from, int length, Combine combine) {
    Objects.requireNonNull(combine, "combine");
    if (combine == Combine.SET) {
      Objects.checkFromIndexSize(from, length, target.length);
      java.util.Arrays.fill(target, from, from + length, 0);
    }
    applyAll(new byte[][] {key}, nonce, initialCounter, new boolean[] {combine == Combine.SUBTRACT},
        streamWord, target, from, length);
  }

  /**
   * Adds or subtracts several keystreams (same nonce and counter origin, one key each) over the
   * same stream words into {@code target[from .. from+length)}, mod 2^32. The result equals one
   * {@link #apply} per key; it is faster because the streams are summed block group by block group
   * in a {@link BlockKernel}'s accumulator and written to {@code target} once per group.
   *
   * @param keys 32-byte keys, at least 0
   * @param nonce 12-byte nonce
   * @param initialCounter block counter of stream word 0
   * @param subtract per key: true to subtract its stream, false to add it
   * @param streamWord first stream word to use, at least 0 (need not be block aligned)
   * @param target array to update in place
   * @param from first index of {@code target} to update
   * @param length number of words, at least 0
   * @throws IllegalArgumentException if sizes or ranges are wrong, or the 32-bit block counter
   *     would wrap
   */
  public static void applyAll(byte[][] keys, byte[] nonce, int initialCounter, boolean[] subtract,
      long streamWord, int[] target, int from, int length) {
    applyAll(Kernels.best(), keys, nonce, initialCounter, subtract, streamWord, target, from,
        length);
  }

  /** {@link #applyAll} with the given kernel (tests compare kernels through this). */
  static void applyAll(BlockKernel kernel, byte[][] keys, byte[] nonce, int initialCounter,
      boolean[] subtract, long streamWord, int[] target, int from, int length) {
    Objects.requireNonNull(target, "target");
    if (keys.length != subtract.length) {
      throw new IllegalArgumentException(keys.length + " keys but " + subtract.length
          + " subtract flags");
    }
    int[][] states = new int[keys.length][];
    for (int k = 0; k < keys.length; k++) {
      states[k] = initialState(keys[k], nonce);
    }
    Objects.checkFromIndexSize(from, length, target.length);
    if (streamWord < 0) {
      throw new IllegalArgumentException("streamWord must be >= 0, but was " + streamWord);
    }
    long firstBlock = (initialCounter & 0xffffffffL) + streamWord / BLOCK_WORDS;
    long lastBlock = (initialCounter & 0xffffffffL) + (streamWord + length) / BLOCK_WORDS;
    if (lastBlock > 0xffffffffL + 1) {
      throw new IllegalArgumentException("keystream request exceeds the 32-bit block counter");
    }
    if (keys.length == 0 || length == 0) {
      return;
    }
    long block32 = firstBlock;
    int pos = from;
    int end = from + length;
    int skip = (int) (streamWord % BLOCK_WORDS);
    if (skip != 0) {
      int n = Math.min(BLOCK_WORDS - skip, end - pos);
      singleBlocks(states, subtract, block32, skip, target, pos, n);
      block32++;
      pos += n;
    }
    int lanes = kernel.lanes();
    int groupWords = lanes * BLOCK_WORDS;
    if (end - pos >= groupWords) {
      int[] acc = new int[groupWords];
      BlockKernel.Worker worker = kernel.worker();
      while (end - pos >= groupWords) {
        java.util.Arrays.fill(acc, 0);
        for (int k = 0; k < states.length; k++) {
          worker.accumulate(states[k], (int) block32, subtract[k], acc);
        }
        for (int w = 0; w < BLOCK_WORDS; w++) {
          int row = w * lanes;
          for (int l = 0; l < lanes; l++) {
            target[pos + l * BLOCK_WORDS + w] += acc[row + l];
          }
        }
        block32 += lanes;
        pos += groupWords;
      }
    }
    while (pos < end) {
      int n = Math.min(BLOCK_WORDS, end - pos);
      singleBlocks(states, subtract, block32++, 0, target, pos, n);
      pos += n;
    }
  }

  /**
   * Waits until the block kernel choice is final (see {@link #implementation()}).
   *
   * @return true if it became final within the timeout
   */
  public static boolean awaitFinalKernel(long timeout, java.util.concurrent.TimeUnit unit)
      throws InterruptedException {
    return Kernels.awaitFinal(timeout, unit);
  }

  /** Which block kernel this JVM uses, for logs and benchmark records. */
  public static String implementation() {
    return Kernels.best().description();
  }

  private static void singleBlocks(int[][] states, boolean[] subtract, long block32, int skip,
      int[] target, int pos, int n) {
    int[] block = new int[BLOCK_WORDS];
    for (int k = 0; k < states.length; k++) {
      int[] state = states[k].clone();
      state[12] = (int) block32;
      ChaChaEngine.chachaCore(ROUNDS, state, block);
      combine(block, skip, target, pos, n, subtract[k] ? Combine.SUBTRACT : Combine.ADD);
    }
  }

  private static void combine(int[] block, int off, int[] target, int pos, int n, Combine how) {
    switch (how) {
      case SET -> System.arraycopy(block, off, target, pos, n);
      case ADD -> {
        for (int j = 0; j < n; j++) {
          target[pos + j] += block[off + j];
        }
      }
      case SUBTRACT -> {
        for (int j = 0; j < n; j++) {
          target[pos + j] -= block[off + j];
        }
      }
      default -> throw new AssertionError(how);
    }
  }

  /**
   * The 16 words of one block (RFC 8439, section 2.3.2 "serialized" output read as little-endian
   * words).
   */
  public static int[] block(byte[] key, byte[] nonce, int counter) {
    int[] state = initialState(key, nonce);
    state[12] = counter;
    int[] out = new int[BLOCK_WORDS];
    ChaChaEngine.chachaCore(ROUNDS, state, out);
    return out;
  }

  /** The RFC 8439 section 2.3 initial state for a key and nonce, with block counter 0. */
  static int[] initialState(byte[] key, byte[] nonce) {
    if (key == null || key.length != KEY_BYTES) {
      throw new IllegalArgumentException("ChaCha20 key must be 32 bytes, but was "
          + (key == null ? "null" : key.length + " bytes"));
    }
    if (nonce == null || nonce.length != NONCE_BYTES) {
      throw new IllegalArgumentException("ChaCha20 nonce must be 12 bytes, but was "
          + (nonce == null ? "null" : nonce.length + " bytes"));
    }
    int[] state = new int[16];
    System.arraycopy(SIGMA, 0, state, 0, 4);
    for (int i = 0; i < 8; i++) {
      state[4 + i] = littleEndian(key, 4 * i);
    }
    for (int i = 0; i < 3; i++) {
      state[13 + i] = littleEndian(nonce, 4 * i);
    }
    return state;
  }

  private static int littleEndian(byte[] b, int off) {
    return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16
        | (b[off + 3] & 0xff) << 24;
  }
}
