package dev.rampart.crypto.secagg;

import dev.rampart.crypto.Identity;
import java.util.List;
import java.util.Objects;

/**
 * End of phase P0, coordinator to the group: U1, every AdvertiseKeys message it accepted, each
 * still carrying its sender's signature so clients verify the keys themselves.
 *
 * <p>Immutable and thread-safe.
 *
 * @param header binding, without session id; the sender is the coordinator
 * @param entries the accepted messages, at most {@value SecAggMessage#MAX_ENTRIES}
 * @param signature the coordinator's signature, or empty
 */
public record KeyList(MessageHeader header, List<AdvertiseKeys> entries, Octets signature)
    implements SecAggMessage {

  /** Validates the header and counts; copies the list. */
  public KeyList {
    Objects.requireNonNull(header, "header").requireSessionIdFor(MessageKind.KEY_LIST);
    entries = Checks.nested(entries, "entries");
    Checks.signature(signature);
  }

  /** Builds and signs the message as {@code coordinator}. */
  public static KeyList sign(Identity coordinator, GroupRef group, List<AdvertiseKeys> entries) {
    KeyList unsigned = new KeyList(new MessageHeader(SessionRef.advertising(group),
        coordinator.id()), entries, Octets.EMPTY);
    return new KeyList(unsigned.header, unsigned.entries, Checks.sign(coordinator, unsigned));
  }

  @Override
  public MessageKind kind() {
    return MessageKind.KEY_LIST;
  }
}
