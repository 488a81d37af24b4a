package dev.rampart.crypto.secagg;

import dev.rampart.crypto.Identity;
import java.util.List;
import java.util.Objects;

/**
 * End of phase P1, coordinator to the group: U2, every ShareKeys message it accepted, with its
 * sender's signature. Each client opens the ciphertext addressed to it; the others are opaque to
 * it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param header binding with session id; the sender is the coordinator
 * @param entries the accepted messages
 * @param signature the coordinator's signature, or empty
 */
public record ShareKeysList(MessageHeader header, List<ShareKeys> entries, Octets signature)
    implements SecAggMessage {

  /** Validates the header and counts; copies the list. */
  public ShareKeysList {
    Objects.requireNonNull(header, "header").requireSessionIdFor(MessageKind.SHARE_KEYS_LIST);
    entries = Checks.nested(entries, "entries");
    Checks.signature(signature);
  }

  /** Builds and signs the message as {@code coordinator}. */
  public static ShareKeysList sign(Identity coordinator, SessionRef session,
      List<ShareKeys> entries) {
    ShareKeysList unsigned = new ShareKeysList(new MessageHeader(session, coordinator.id()),
        entries, Octets.EMPTY);
    return new ShareKeysList(unsigned.header, unsigned.entries,
        Checks.sign(coordinator, unsigned));
  }

  @Override
  public MessageKind kind() {
    return MessageKind.SHARE_KEYS_LIST;
  }
}
