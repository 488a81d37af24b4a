package dev.rampart.crypto;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.rampart.protocol.Sha256;
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
   * Signs {@code body} as {@code signer} and wraps it. The envelope holds {@code body} itself, not
   * a copy (it is the body's one in-memory form from here to the wire): the caller must not write
   * to the array afterwards.
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
        .setBody(UnsafeByteOperations.unsafeWrap(body))
        .setSignature(ByteString.copyFrom(signature))
        .setCreatedAtMs(createdAtMillis)
        .build();
  }

  /**
   * Whether {@code key} signed exactly this envelope's type, job, round, sender and body. False,
   * never an exception, for anything malformed.
   */
  public static boolean verify(Envelope envelope, PublicKey key) {
    return verify(envelope, key, bodyDigest(envelope));
  }

  /**
   * As {@link #verify(Envelope, PublicKey)}, given {@code bodySha256 = }{@link #bodyDigest} of
   * this envelope, for a caller that keeps the digest (an accepted update's audit record names the
   * body by the digest its signature covers), so that the body is hashed once.
   */
  public static boolean verify(Envelope envelope, PublicKey key, byte[] bodySha256) {
    if (envelope.getSignature().isEmpty() || envelope.getType() == MessageType.UNRECOGNIZED) {
      return false;
    }
    MessageSigning.Fields fields = new MessageSigning.Fields(envelope.getType().name(),
        envelope.getJobId(), envelope.getRound(), envelope.getSender());
    return MessageSigning.verifyBody(key, fields, bodySha256, envelope.getSignature().toByteArray());
  }

  /** SHA-256 of the envelope's body, read in place: the body digest its signature covers. */
  public static byte[] bodyDigest(Envelope envelope) {
    return Sha256.of(envelope.getBody());
  }
}
