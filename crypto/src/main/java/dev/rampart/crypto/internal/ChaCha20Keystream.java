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
 * byte conversion is needed. The 20-round block function is BouncyCastle's
 * {@link ChaChaEngine#chachaCore}; this class only lays out the state and walks the counter.
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
    int[] state = initialState(key, nonce);
    Objects.checkFromIndexSize(from, length, target.length);
    Objects.requireNonNull(combine, "combine");
    if (streamWord < 0) {
      throw new IllegalArgumentException("streamWord must be >= 0, but was " + streamWord);
    }
    long firstBlock = (initialCounter & 0xffffffffL) + streamWord / BLOCK_WORDS;
    long lastBlock = (initialCounter & 0xffffffffL) + (streamWord + length) / BLOCK_WORDS;
    if (lastBlock > 0xffffffffL + 1) {
      throw new IllegalArgumentException("keystream request exceeds the 32-bit block counter");
    }
    int[] block = new int[BLOCK_WORDS];
    long block32 = firstBlock;
    int skip = (int) (streamWord % BLOCK_WORDS);
    int pos = from;
    int end = from + length;
    if (skip == 0 && end - pos >= LANES * BLOCK_WORDS) {
      Lanes lanes = new Lanes(state);
      while (end - pos >= LANES * BLOCK_WORDS) {
        lanes.compute((int) block32);
        lanes.combine(target, pos, combine);
        block32 += LANES;
        pos += LANES * BLOCK_WORDS;
      }
    }
    while (pos < end) {
      state[12] = (int) block32++;
      ChaChaEngine.chachaCore(ROUNDS, state, block);
      int n = Math.min(BLOCK_WORDS - skip, end - pos);
      combine(block, skip, target, pos, n, combine);
      pos += n;
      skip = 0;
    }
  }

  /** Blocks computed side by side by {@link Lanes}. */
  private static final int LANES = 16;

  /**
   * {@value #LANES} consecutive blocks of one stream computed together: word w of block l is
   * {@code x[w][l]}. Every step of the RFC 8439 quarter round is a loop over the lanes with the same
   * index on every array, a shape the JIT can auto-vectorize; the result is the same
   * keystream as {@link ChaChaEngine#chachaCore}, block by block (checked in the tests against
   * BouncyCastle's RFC 8439 engine over runs spanning several lane groups).
   */
  private static final class Lanes {
    private final int[] initial;
    private final int[][] x = new int[BLOCK_WORDS][LANES];

    Lanes(int[] initial) {
      this.initial = initial;
    }

    void compute(int firstCounter) {
      for (int w = 0; w < BLOCK_WORDS; w++) {
        java.util.Arrays.fill(x[w], initial[w]);
      }
      int[] counter = x[12];
      for (int l = 0; l < LANES; l++) {
        counter[l] = firstCounter + l;
      }
      for (int r = 0; r < ROUNDS; r += 2) {
        quarter(x[0], x[4], x[8], x[12]);
        quarter(x[1], x[5], x[9], x[13]);
        quarter(x[2], x[6], x[10], x[14]);
        quarter(x[3], x[7], x[11], x[15]);
        quarter(x[0], x[5], x[10], x[15]);
        quarter(x[1], x[6], x[11], x[12]);
        quarter(x[2], x[7], x[8], x[13]);
        quarter(x[3], x[4], x[9], x[14]);
      }
      for (int w = 0; w < BLOCK_WORDS; w++) {
        int[] xw = x[w];
        int add = initial[w];
        if (w == 12) {
          for (int l = 0; l < LANES; l++) {
            xw[l] += firstCounter + l;
          }
        } else {
          for (int l = 0; l < LANES; l++) {
            xw[l] += add;
          }
        }
      }
    }

    private static void quarter(int[] a, int[] b, int[] c, int[] d) {
      for (int l = 0; l < LANES; l++) {
        a[l] += b[l];
        d[l] = Integer.rotateLeft(d[l] ^ a[l], 16);
      }
      for (int l = 0; l < LANES; l++) {
        c[l] += d[l];
        b[l] = Integer.rotateLeft(b[l] ^ c[l], 12);
      }
      for (int l = 0; l < LANES; l++) {
        a[l] += b[l];
        d[l] = Integer.rotateLeft(d[l] ^ a[l], 8);
      }
      for (int l = 0; l < LANES; l++) {
        c[l] += d[l];
        b[l] = Integer.rotateLeft(b[l] ^ c[l], 7);
      }
    }

    /** Combines the {@value #LANES} blocks, in stream order, into {@code target[pos ..]}. */
    void combine(int[] target, int pos, Combine how) {
      for (int w = 0; w < BLOCK_WORDS; w++) {
        int[] xw = x[w];
        switch (how) {
          case SET -> {
            for (int l = 0; l < LANES; l++) {
              target[pos + l * BLOCK_WORDS + w] = xw[l];
            }
          }
          case ADD -> {
            for (int l = 0; l < LANES; l++) {
              target[pos + l * BLOCK_WORDS + w] += xw[l];
            }
          }
          case SUBTRACT -> {
            for (int l = 0; l < LANES; l++) {
              target[pos + l * BLOCK_WORDS + w] -= xw[l];
            }
          }
          default -> throw new AssertionError(how);
        }
      }
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

  private static int[] initialState(byte[] key, byte[] nonce) {
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
