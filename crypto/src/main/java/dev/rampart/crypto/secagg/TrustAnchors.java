package dev.rampart.crypto.secagg;

import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.PublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client trusts when it validates secure-aggregation messages: the coordinator's id and
 * Ed25519 key (for the lists it broadcasts) and the client registry (for every peer's signed
 * keys, shares and consistency signatures). Only active enrollments count.
 *
 * <p>Immutable and thread-safe.
 *
 * @param coordinatorId the coordinator's party id, as it signs
 * @param coordinatorKey the coordinator's Ed25519 public key
 * @param registry the enrolled clients
 */
public record TrustAnchors(String coordinatorId, PublicKey coordinatorKey,
    ClientRegistry registry) {
  /** Validates that no component is null. */
  public TrustAnchors {
    Objects.requireNonNull(coordinatorId, "coordinatorId");
    Objects.requireNonNull(coordinatorKey, "coordinatorKey");
    Objects.requireNonNull(registry, "registry");
  }

  /** The active enrolled key of {@code clientId}, empty for unknown or revoked clients. */
  public Optional<PublicKey> clientKey(String clientId) {
    return registry.activeKey(clientId);
  }
}
