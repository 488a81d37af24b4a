package dev.rampart.crypto;

import com.google.protobuf.ByteString;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.MessageType;
import java.util.Objects;

/**
 * Seals messages into signed wire {@link Envelope}s and checks them, binding every signature to
 * the message type, job, round and sender through {@link MessageSigning}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Envelopes {
  /** The envelope schema version this code writes and accepts. */
  public static final int SCHEMA_VERSION = 1;

  private Envelopes() {}

  /**
   * Signs {@code body} as {@code signer} and wraps it.
   *
   * @param createdAtMillis the sender's clock in epoch milliseconds; informational, not signed
   */
  public static Envelope seal(Identity signer, MessageType type, String jobId, long round, byte[] body,
      long createdAtMillis) {
    Objects.requireNonNull(type, "type");
    byte[] signature = MessageSigning.sign(signer, type.name(), jobId, round, body);
    return Envelope.newBuilder()
        .setSchemaVersion(SCHEMA_VERSION)
        .setType(type)
        .setJobId(jobId)
        .setRound(round)
        .setSender(signer.id())
        .setKeyId(signer.publicKey().keyId())
        .setBody(ByteString.copyFrom(body))
        .setSignature(ByteString.copyFrom(signature))
        .setCreatedAtMs(createdAtMillis)
        .build();
  }

  /**
   * Whether {@code key} signed exactly this envelope's type, job, round, sender and body. False,
   * never an exception, for anything malformed.
   */
  public static boolean verify(Envelope envelope, PublicKey key) {
    if (envelope.getSignature().isEmpty() || envelope.getType() == MessageType.UNRECOGNIZED) {
      return false;
    }
    return MessageSigning.verify(key, envelope.getType().name(), envelope.getJobId(),
        envelope.getRound(), envelope.getSender(), envelope.getBody().toByteArray(),
        envelope.getSignature().toByteArray());
  }
}
