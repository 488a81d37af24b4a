package dev.rampart.crypto.internal;

/**
 * Computes {@link #lanes()} consecutive RFC 8439 ChaCha20 blocks of one stream at once and adds
 * (or subtracts) them into a word-major accumulator, so that the masks of several streams can be
 * summed before they are laid out in stream order once.
 *
 * <p>Accumulator layout: word {@code w} (0-15) of block {@code l} (0 .. lanes−1) is
 * {@code acc[w * lanes + l]}. Kernels are stateless and thread-safe; a {@link Worker} holds one
 * thread's buffers.
 */
interface BlockKernel {
  /** Blocks computed per call, at least 1. */
  int lanes();

  /** A worker for one thread (it may reuse buffers between calls). */
  Worker worker();

  /** A short description for logs and benchmark output, such as {@code "vector, 16 lanes"}. */
  String description();

  /** Computes blocks for one thread at a time; not thread-safe. */
  interface Worker {
    /**
     * {@code acc[w * lanes + l] (+|-)= word w of the block with counter firstCounter + l},
     * mod 2^32.
     *
     * @param state the 16-word initial state (constants, key, counter word ignored, nonce)
     * @param firstCounter block counter of lane 0; lanes use consecutive counters (the caller
     *     guarantees they do not wrap)
     * @param subtract false to add the keystream, true to subtract it
     * @param acc accumulator of {@code 16 * lanes()} words
     */
    void accumulate(int[] state, int firstCounter, boolean subtract, int[] acc);
  }
}
