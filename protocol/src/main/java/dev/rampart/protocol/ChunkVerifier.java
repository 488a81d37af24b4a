package dev.rampart.protocol;

import dev.rampart.protocol.wire.Chunk;
import java.util.Optional;

/**
 * Decides whether a chunk was written by the sender it names, before a {@link Reassembler}
 * stores anything of it. The crypto module provides the implementations: one that accepts only a
 * pinned key (clients reading the coordinator) and one that looks the sender up in the client
 * registry (the coordinator reading clients), see {@code dev.rampart.crypto.ChunkSigning}.
 *
 * <p>Implementations must do the cheap checks (known sender, key id) before the signature check
 * and must never throw on any chunk: everything they see arrives from the network. Implementations
 * must be thread-safe.
 */
@FunctionalInterface
public interface ChunkVerifier {

  /**
   * Checks {@code chunk}'s sender, key id and signature.
   *
   * @return empty if the chunk may be stored, otherwise why not
   */
  Optional<ChunkRefusal> verify(Chunk chunk);

  /**
   * As {@link #verify(Chunk)}, with {@code dataSha256}, the SHA-256 of {@code chunk}'s data, which
   * the caller (a {@link Reassembler}) has computed already and needs itself, so that the data is
   * hashed once. The default ignores it; the crypto module's verifiers use it in place of hashing
   * the data again.
   *
   * @param dataSha256 SHA-256 of {@code chunk.getData()}, computed by the caller from those bytes
   */
  default Optional<ChunkRefusal> verify(Chunk chunk, byte[] dataSha256) {
    return verify(chunk);
  }
}
