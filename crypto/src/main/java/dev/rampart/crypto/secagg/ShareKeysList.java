package dev.rampart.crypto.secagg;

import dev.rampart.crypto.Identity;
import java.util.List;
import java.util.Objects;

/**
 * End of phase P1, coordinator to the group: U2, every ShareKeys message it accepted, with its
 * sender's signature. Each client opens the ciphertext addressed to it; the others are opaque to
 * it.
 *
 * <p>Why one list for the group rather than one message per recipient: on Kafka the secagg topic is
 * keyed by group, so every member reads its group's partition whatever it is addressed to, and
 * per-recipient records would not reduce what anyone downloads. Each ciphertext is sealed under
 * K_uv with AAD sessionId ‖ u ‖ v ‖ "P1", so only v can open it and a copy shown to a third member
 * or reflected to its sender fails (SECAGG.md case 8). Every member also sees the same signed
 * ShareKeys (and seed commitment) of every sender, so a sender cannot show different members
 * different P1 messages. The cost is small: the enveloped, framed list is 3,196 bytes for s = 5,
 * 11,176 for s = 10 and 42,288 for s = 20 ({@code SecureAggregationBenchmark}'s recorded session).
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
