package dev.rampart.crypto.secagg;

import dev.rampart.crypto.Identity;
import java.util.List;
import java.util.Objects;

/**
 * End of phase P3, coordinator to U3: which peers are alive (U3: reveal their {@code b} share)
 * and which dropped (U2 \ U3: reveal their {@code s^SK} share), with at least t consistency
 * signatures on the same U3 as proof that the group agrees on it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param header binding with session id; the sender is the coordinator
 * @param survivors U3
 * @param dropped U2 \ U3
 * @param checks the consistency signatures the coordinator collected
 * @param signature the coordinator's signature, or empty
 */
public record UnmaskRequest(MessageHeader header, List<String> survivors, List<String> dropped,
    List<ConsistencyCheck> checks, Octets signature) implements SecAggMessage {

  /** Validates the header, ids and counts; copies the lists. */
  public UnmaskRequest {
    Objects.requireNonNull(header, "header").requireSessionIdFor(MessageKind.UNMASK_REQUEST);
    survivors = Checks.ids(survivors, "survivors");
    dropped = Checks.ids(dropped, "dropped");
    checks = Checks.nested(checks, "checks");
    Checks.signature(signature);
  }

  /** Builds and signs the message as {@code coordinator}. */
  public static UnmaskRequest sign(Identity coordinator, SessionRef session,
      List<String> survivors, List<String> dropped, List<ConsistencyCheck> checks) {
    UnmaskRequest unsigned = new UnmaskRequest(new MessageHeader(session, coordinator.id()),
        survivors, dropped, checks, Octets.EMPTY);
    return new UnmaskRequest(unsigned.header, unsigned.survivors, unsigned.dropped,
        unsigned.checks, Checks.sign(coordinator, unsigned));
  }

  @Override
  public MessageKind kind() {
    return MessageKind.UNMASK_REQUEST;
  }
}
