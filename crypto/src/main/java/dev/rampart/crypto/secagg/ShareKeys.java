package dev.rampart.crypto.secagg;

import dev.rampart.crypto.Identity;
import java.util.List;
import java.util.Objects;

/**
 * Phase P1, client to coordinator: one {@link EncryptedShare} per other member of U1, and the
 * commitment {@code H(sessionId ‖ b_u)} to the self-mask seed, against which the coordinator checks
 * the reconstructed seed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param header binding with session id
 * @param commitment SHA-256(sessionId ‖ b_u), 32 bytes
 * @param shares the ciphertexts, at most {@value SecAggMessage#MAX_ENTRIES}
 * @param signature the client's signature, or empty
 */
public record ShareKeys(MessageHeader header, Octets commitment, List<EncryptedShare> shares,
    Octets signature) implements SecAggMessage {

  /** Validates the header, commitment length and counts; copies the list. */
  public ShareKeys {
    Objects.requireNonNull(header, "header").requireSessionIdFor(MessageKind.SHARE_KEYS);
    Checks.exactly(commitment, Checks.DIGEST_BYTES, "commitment");
    shares = Checks.entries(shares, "shares");
    Checks.signature(signature);
  }

  /** Builds and signs the message as {@code signer}. */
  public static ShareKeys sign(Identity signer, SessionRef session, Octets commitment,
      List<EncryptedShare> shares) {
    ShareKeys unsigned = new ShareKeys(new MessageHeader(session, signer.id()), commitment, shares,
        Octets.EMPTY);
    return new ShareKeys(unsigned.header, commitment, unsigned.shares,
        Checks.sign(signer, unsigned));
  }

  @Override
  public MessageKind kind() {
    return MessageKind.SHARE_KEYS;
  }
}
