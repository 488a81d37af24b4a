package dev.rampart.protocol;

import dev.rampart.protocol.wire.Chunk;

/**
 * Signs the chunks {@link Framing} cuts a large envelope into. The crypto module provides the
 * implementation from a signing identity ({@code dev.rampart.crypto.ChunkSigning.signer}); this
 * interface lives here because {@code crypto} depends on {@code protocol}.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ChunkSigner {

  /**
   * The same chunk with {@code sender}, {@code key_id} and {@code signature} set.
   *
   * @param unsigned a chunk whose every other field is final
   * @return the signed chunk, never null
   */
  Chunk sign(Chunk unsigned);

  /**
   * As {@link #sign(Chunk)}, with {@code dataSha256}, the SHA-256 of the chunk's data, which
   * {@link Framing} has computed already for the set digest, so that the data is hashed once. The
   * default ignores it.
   *
   * @param dataSha256 SHA-256 of {@code unsigned.getData()}
   */
  default Chunk sign(Chunk unsigned, byte[] dataSha256) {
    return sign(unsigned);
  }
}
