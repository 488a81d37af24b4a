package dev.rampart.crypto.secagg;

import dev.rampart.crypto.Identity;
import java.util.List;
import java.util.Objects;

/**
 * Phase P4, client to coordinator: for each survivor (itself included) its share of that
 * survivor's {@code b}, for each dropout its share of that dropout's {@code s^SK}; never both for
 * one owner.
 *
 * <p>Immutable and thread-safe.
 *
 * @param header binding with session id
 * @param shares the revealed shares
 * @param signature the client's signature, or empty
 */
public record UnmaskResponse(MessageHeader header, List<RevealedShare> shares, Octets signature)
    implements SecAggMessage {

  /** Validates the header and counts; copies the list. */
  public UnmaskResponse {
    Objects.requireNonNull(header, "header").requireSessionIdFor(MessageKind.UNMASK_RESPONSE);
    shares = Checks.entries(shares, "shares");
    Checks.signature(signature);
  }

  /** Builds and signs the message as {@code signer}. */
  public static UnmaskResponse sign(Identity signer, SessionRef session,
      List<RevealedShare> shares) {
    UnmaskResponse unsigned = new UnmaskResponse(new MessageHeader(session, signer.id()), shares,
        Octets.EMPTY);
    return new UnmaskResponse(unsigned.header, unsigned.shares, Checks.sign(signer, unsigned));
  }

  @Override
  public MessageKind kind() {
    return MessageKind.UNMASK_RESPONSE;
  }
}
