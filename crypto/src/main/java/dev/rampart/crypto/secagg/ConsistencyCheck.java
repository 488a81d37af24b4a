package dev.rampart.crypto.secagg;

import dev.rampart.crypto.Identity;
import java.util.List;
import java.util.Objects;

/**
 * Phase P3, client to coordinator: the client's signature over ("P3" ‖ sessionId ‖ sorted U3).
 * The message kind's signing type {@code SECAGG_P3} supplies "P3", the header supplies the
 * session id, the payload is U3. A client signs at most one U3 per session.
 *
 * <p>Immutable and thread-safe.
 *
 * @param header binding with session id
 * @param survivors the U3 the client signs, sorted
 * @param signature the client's signature, or empty
 */
public record ConsistencyCheck(MessageHeader header, List<String> survivors, Octets signature)
    implements SecAggMessage {

  /** Validates the header and ids; copies the list. */
  public ConsistencyCheck {
    Objects.requireNonNull(header, "header").requireSessionIdFor(MessageKind.CONSISTENCY_CHECK);
    survivors = Checks.ids(survivors, "survivors");
    Checks.signature(signature);
  }

  /** Builds and signs the message as {@code signer}. */
  public static ConsistencyCheck sign(Identity signer, SessionRef session,
      List<String> survivors) {
    ConsistencyCheck unsigned = new ConsistencyCheck(new MessageHeader(session, signer.id()),
        survivors, Octets.EMPTY);
    return new ConsistencyCheck(unsigned.header, unsigned.survivors,
        Checks.sign(signer, unsigned));
  }

  @Override
  public MessageKind kind() {
    return MessageKind.CONSISTENCY_CHECK;
  }
}
