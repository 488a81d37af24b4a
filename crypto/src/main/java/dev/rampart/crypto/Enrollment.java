package dev.rampart.crypto;

import dev.rampart.crypto.internal.PartyIds;
import java.util.Objects;

/**
 * One entry of a {@link ClientRegistry}: a client id, its Ed25519 public key and whether it may
 * still take part.
 *
 * <p>Immutable and thread-safe.
 *
 * @param clientId 1-64 characters of {@code [A-Za-z0-9._-]}
 * @param key the client's long-term public key
 * @param status whether the client is active or revoked
 */
public record Enrollment(String clientId, PublicKey key, Status status) {

  /** Whether an enrolled client may take part. */
  public enum Status {
    /** The client may sign updates and protocol messages. */
    ACTIVE,
    /**
     * The client is refused; its id and key stay reserved so neither can be enrolled again
     * (under the same or another id) without editing the file by hand.
     */
    REVOKED
  }

  /** Validates the fields. */
  public Enrollment {
    PartyIds.requireValid(clientId, "client id");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(status, "status");
  }

  /** Whether {@link #status()} is {@link Status#ACTIVE}. */
  public boolean isActive() {
    return status == Status.ACTIVE;
  }
}
