package dev.rampart.crypto.secagg;

import java.util.Objects;

/**
 * A group plus the session id of one protocol run in it. Phase P0 messages precede the session
 * id (it is computed from their keys), so they carry {@link Octets#EMPTY}; every later message
 * carries the 32-byte id of SECAGG.md.
 *
 * <p>Immutable and thread-safe.
 *
 * @param group the group
 * @param sessionId empty (phase P0) or 32 bytes
 */
public record SessionRef(GroupRef group, Octets sessionId) {
  /** Length of a session id in bytes. */
  public static final int SESSION_ID_BYTES = 32;

  /** Validates the session id length. */
  public SessionRef {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(sessionId, "sessionId");
    if (!sessionId.isEmpty() && sessionId.length() != SESSION_ID_BYTES) {
      throw new SecAggException("sessionId must be empty or " + SESSION_ID_BYTES
          + " bytes, but has " + sessionId.length());
    }
  }

  /** The reference used by phase P0 messages of {@code group} (no session id yet). */
  public static SessionRef advertising(GroupRef group) {
    return new SessionRef(group, Octets.EMPTY);
  }

  /** Whether this reference carries a session id. */
  public boolean hasSessionId() {
    return !sessionId.isEmpty();
  }

  @Override
  public String toString() {
    return group + (hasSessionId() ? "/s" + sessionId.hex().substring(0, 16) : "/P0");
  }
}
