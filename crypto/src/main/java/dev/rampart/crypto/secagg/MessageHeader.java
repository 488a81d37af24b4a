package dev.rampart.crypto.secagg;

import dev.rampart.crypto.internal.PartyIds;
import java.util.Objects;

/**
 * The binding every secure-aggregation message carries and signs: job, round, group, session id
 * (empty in P0) and sender. The phase is bound through the {@link MessageKind} signing type.
 *
 * <p>Immutable and thread-safe.
 *
 * @param session the group and session id
 * @param sender the signing party's id (1-64 of {@code [A-Za-z0-9._-]})
 */
public record MessageHeader(SessionRef session, String sender) {
  /** Validates the sender id. */
  public MessageHeader {
    Objects.requireNonNull(session, "session");
    PartyIds.requireValid(sender, "sender id");
  }

  /** The group. */
  public GroupRef group() {
    return session.group();
  }

  /** The session id, empty for P0 messages. */
  public Octets sessionId() {
    return session.sessionId();
  }

  void requireSessionIdFor(MessageKind kind) {
    if (kind.hasSessionId() != session.hasSessionId()) {
      throw new SecAggException(kind + " messages " + (kind.hasSessionId() ? "must" : "must not")
          + " carry a session id");
    }
  }
}
