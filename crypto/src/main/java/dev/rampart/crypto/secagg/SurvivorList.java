package dev.rampart.crypto.secagg;

import dev.rampart.crypto.Identity;
import java.util.List;
import java.util.Objects;

/**
 * End of phase P2, coordinator to the group: U3, the ids whose masked input it accepted, which
 * every client checks and signs in P3.
 *
 * <p>Immutable and thread-safe.
 *
 * @param header binding with session id; the sender is the coordinator
 * @param survivors U3 as listed by the coordinator (honest coordinators list it sorted)
 * @param signature the coordinator's signature, or empty
 */
public record SurvivorList(MessageHeader header, List<String> survivors, Octets signature)
    implements SecAggMessage {

  /** Validates the header and ids; copies the list. */
  public SurvivorList {
    Objects.requireNonNull(header, "header").requireSessionIdFor(MessageKind.SURVIVOR_LIST);
    survivors = Checks.ids(survivors, "survivors");
    Checks.signature(signature);
  }

  /** Builds and signs the message as {@code coordinator}. */
  public static SurvivorList sign(Identity coordinator, SessionRef session,
      List<String> survivors) {
    SurvivorList unsigned = new SurvivorList(new MessageHeader(session, coordinator.id()),
        survivors, Octets.EMPTY);
    return new SurvivorList(unsigned.header, unsigned.survivors,
        Checks.sign(coordinator, unsigned));
  }

  @Override
  public MessageKind kind() {
    return MessageKind.SURVIVOR_LIST;
  }
}
