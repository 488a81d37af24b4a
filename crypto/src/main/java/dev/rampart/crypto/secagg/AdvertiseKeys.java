package dev.rampart.crypto.secagg;

import dev.rampart.crypto.AgreementPublicKey;
import dev.rampart.crypto.Identity;
import java.util.Objects;

/**
 * Phase P0, client to coordinator: the client's two fresh X25519 public keys for this session,
 * {@code c_pk} (share encryption) and {@code s_pk} (pairwise masks), and the digest of the model it
 * received. The keys are checked for length only here; a low-order key is refused by the state
 * machines (SECAGG.md case 7).
 *
 * <p>Immutable and thread-safe.
 *
 * @param header binding, without session id
 * @param encryptionKey c_pk, 32 bytes
 * @param maskKey s_pk, 32 bytes
 * @param modelDigest 32-byte model digest
 * @param signature the client's signature, or empty
 */
public record AdvertiseKeys(MessageHeader header, Octets encryptionKey, Octets maskKey,
    Octets modelDigest, Octets signature) implements SecAggMessage {

  /** Validates lengths and the header. */
  public AdvertiseKeys {
    Objects.requireNonNull(header, "header").requireSessionIdFor(MessageKind.ADVERTISE_KEYS);
    Checks.exactly(encryptionKey, Checks.KEY_BYTES, "encryptionKey");
    Checks.exactly(maskKey, Checks.KEY_BYTES, "maskKey");
    Checks.exactly(modelDigest, Checks.DIGEST_BYTES, "modelDigest");
    Checks.signature(signature);
  }

  /** Builds and signs the message as {@code signer}. */
  public static AdvertiseKeys sign(Identity signer, GroupRef group,
      AgreementPublicKey encryptionKey, AgreementPublicKey maskKey, Octets modelDigest) {
    AdvertiseKeys unsigned = new AdvertiseKeys(
        new MessageHeader(SessionRef.advertising(group), signer.id()),
        Octets.wrap(encryptionKey.bytes()), Octets.wrap(maskKey.bytes()), modelDigest,
        Octets.EMPTY);
    return unsigned.withSignature(Checks.sign(signer, unsigned));
  }

  /** A copy with another signature (for forwarding tests and custom signers). */
  public AdvertiseKeys withSignature(Octets newSignature) {
    return new AdvertiseKeys(header, encryptionKey, maskKey, modelDigest, newSignature);
  }

  @Override
  public MessageKind kind() {
    return MessageKind.ADVERTISE_KEYS;
  }
}
