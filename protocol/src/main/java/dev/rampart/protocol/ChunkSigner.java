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
}
