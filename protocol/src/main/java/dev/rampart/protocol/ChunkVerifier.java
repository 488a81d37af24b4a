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
}
