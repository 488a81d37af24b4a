package dev.rampart.crypto;

import com.google.protobuf.ByteString;
import dev.rampart.crypto.internal.PartyIds;
import dev.rampart.protocol.ChunkRefusal;
import dev.rampart.protocol.ChunkSigner;
import dev.rampart.protocol.ChunkVerifier;
import dev.rampart.protocol.RejectionReason;
import dev.rampart.protocol.Sha256;
import dev.rampart.protocol.wire.Chunk;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;

/**
 * Signatures over the chunks of large messages, and the signers and verifiers that the framing
 * and reassembly of the protocol module take.
 *
 * <p>The Ed25519-signed bytes are the 32-byte digest
 *
 * <pre>
 * SHA-256( "rampart/v1/chunk/"
 *        ‖ u32be(len(sender)) ‖ ASCII(sender)
 *        ‖ u32be(len(transferId)) ‖ UTF-8(transferId)
 *        ‖ u32be(index) ‖ u32be(count) ‖ u64be(wholeLength)
 *        ‖ u32be(len(wholeSha256)) ‖ wholeSha256      (the set digest, Sha256.ofPieces)
 *        ‖ i64be(expiresAtMs)
 *        ‖ SHA-256(data) )
 * </pre>
 *
 * <p>The label cannot collide with a {@link MessageSigning} input: those continue
 * {@code "rampart/v1/"} with a type of {@code [A-Za-z0-9_.-]} and then a length prefix, never a
 * {@code '/'}. A chunk signature therefore never verifies as a message signature or the other way
 * round, and it binds the chunk to its sender, transfer, position, whole and expiry.
 *
 * <p>Stateless and thread-safe; the signers and verifiers returned are thread-safe too.
 */
public final class ChunkSigning {
  /** The domain label that starts every signed chunk digest's input. */
  public static final String DOMAIN = "rampart/v1/chunk/";

  private ChunkSigning() {}

  /**
   * The 32-byte digest that is signed for {@code chunk} (layout in the class comment); the
   * chunk's {@code key_id} and {@code signature} are not part of it.
   */
  public static byte[] digest(Chunk chunk) {
    Objects.requireNonNull(chunk, "chunk");
    return digest(chunk, Sha256.of(chunk.getData()));
  }

  /**
   * As {@link #digest(Chunk)}, with the SHA-256 of the chunk's data given by a caller that has
   * computed it already from those bytes (the framing and the reassembler, which need it for the
   * set digest), so that the data is hashed once.
   */
  public static byte[] digest(Chunk chunk, byte[] dataSha256) {
    Objects.requireNonNull(chunk, "chunk");
    Objects.requireNonNull(dataSha256, "dataSha256");
    byte[] sender = chunk.getSender().getBytes(StandardCharsets.UTF_8);
    byte[] transfer = chunk.getTransferId().getBytes(StandardCharsets.UTF_8);
    byte[] whole = chunk.getWholeSha256().toByteArray();
    MessageDigest sha = Digests.newSha256();
    sha.update(DOMAIN.getBytes(StandardCharsets.US_ASCII));
    sha.update(ByteBuffer.allocate(4).putInt(sender.length).array());
    sha.update(sender);
    sha.update(ByteBuffer.allocate(4).putInt(transfer.length).array());
    sha.update(transfer);
    sha.update(ByteBuffer.allocate(20).putInt(chunk.getIndex()).putInt(chunk.getCount())
        .putLong(chunk.getWholeLength()).putInt(whole.length).array());
    sha.update(whole);
    sha.update(ByteBuffer.allocate(8).putLong(chunk.getExpiresAtMs()).array());
    sha.update(dataSha256);
    return sha.digest();
  }

  /**
   * A signer that sets {@code sender = identity.id()}, the identity's key id and the signature.
   *
   * @param identity the sender; must be the sender of the envelopes it frames
   */
  public static ChunkSigner signer(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    String keyId = identity.publicKey().keyId();
    return new ChunkSigner() {
      @Override
      public Chunk sign(Chunk unsigned) {
        return sign(unsigned, Sha256.of(unsigned.getData()));
      }

      @Override
      public Chunk sign(Chunk unsigned, byte[] dataSha256) {
        Chunk named = unsigned.toBuilder().setSender(identity.id()).setKeyId(keyId).clearSignature().build();
        byte[] signature = identity.sign(digest(named, dataSha256));
        return named.toBuilder().setSignature(ByteString.copyFrom(signature)).build();
      }
    };
  }

  /**
   * Whether {@code key} signed exactly this chunk. False, never an exception, for anything
   * malformed (missing or wrong-length signature, malformed sender).
   */
  public static boolean verify(PublicKey key, Chunk chunk) {
    return verify(key, chunk, Sha256.of(chunk.getData()));
  }

  /** As {@link #verify(PublicKey, Chunk)}, with the data's SHA-256 computed by the caller. */
  static boolean verify(PublicKey key, Chunk chunk, byte[] dataSha256) {
    Objects.requireNonNull(key, "key");
    if (chunk.getSignature().size() != PublicKey.SIGNATURE_BYTES || !PartyIds.isValid(chunk.getSender())) {
      return false;
    }
    return key.verify(digest(chunk, dataSha256), chunk.getSignature().toByteArray());
  }

  /**
   * A verifier for readers of a single trusted party (clients reading the coordinator's plans,
   * models, shards and secure-aggregation messages): only chunks whose key id is that of
   * {@code key} and whose signature verifies under it are accepted, whatever sender they name.
   */
  public static ChunkVerifier pinned(PublicKey key) {
    Objects.requireNonNull(key, "key");
    return verifier((chunk, dataSha256) -> {
      if (!chunk.getKeyId().equals(key.keyId())) {
        return refuse(RejectionReason.KEY_MISMATCH, "chunk of " + quote(chunk.getSender()) + " names keyId="
            + quote(chunk.getKeyId()) + ", not the pinned keyId=" + key.keyId());
      }
      return signedBy(key, chunk, dataSha256);
    });
  }

  /**
   * A verifier for the coordinator reading clients: the claimed sender must be enrolled and
   * active in {@code registry}, the chunk's key id that of its enrolled key, and the signature
   * must verify under that key. The cheap lookups run before the signature check.
   */
  public static ChunkVerifier registry(ClientRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    return verifier((chunk, dataSha256) -> {
      String sender = chunk.getSender();
      Optional<Enrollment> enrollment = registry.lookup(sender);
      if (enrollment.isEmpty()) {
        return refuse(RejectionReason.UNKNOWN_CLIENT, "chunk from unknown sender " + quote(sender));
      }
      if (!enrollment.get().isActive()) {
        return refuse(RejectionReason.REVOKED_CLIENT, "chunk from revoked client " + quote(sender));
      }
      PublicKey key = enrollment.get().key();
      if (!chunk.getKeyId().equals(key.keyId())) {
        return refuse(RejectionReason.KEY_MISMATCH, "chunk of " + quote(sender) + " names keyId="
            + quote(chunk.getKeyId()) + ", but its enrolled keyId=" + key.keyId());
      }
      return signedBy(key, chunk, dataSha256);
    });
  }

  /** A check of a chunk given its data's SHA-256, or null when the caller has not computed it. */
  private interface Check {
    Optional<ChunkRefusal> check(Chunk chunk, byte[] dataSha256);
  }

  private static ChunkVerifier verifier(Check check) {
    return new ChunkVerifier() {
      @Override
      public Optional<ChunkRefusal> verify(Chunk chunk) {
        return check.check(chunk, null);
      }

      @Override
      public Optional<ChunkRefusal> verify(Chunk chunk, byte[] dataSha256) {
        return check.check(chunk, Objects.requireNonNull(dataSha256, "dataSha256"));
      }
    };
  }

  /** The signature check, after the cheap ones; hashes the data only if {@code dataSha256} is null. */
  private static Optional<ChunkRefusal> signedBy(PublicKey key, Chunk chunk, byte[] dataSha256) {
    if (chunk.getSignature().isEmpty()) {
      return refuse(RejectionReason.UNSIGNED, "unsigned chunk of " + quote(chunk.getSender()));
    }
    if (!verify(key, chunk, dataSha256 != null ? dataSha256 : Sha256.of(chunk.getData()))) {
      return refuse(RejectionReason.BAD_SIGNATURE, "chunk " + Integer.toUnsignedString(chunk.getIndex()) + " of "
          + quote(chunk.getTransferId()) + " does not verify under keyId=" + key.keyId());
    }
    return Optional.empty();
  }

  private static Optional<ChunkRefusal> refuse(RejectionReason reason, String detail) {
    return Optional.of(new ChunkRefusal(reason, detail));
  }

  private static String quote(String s) {
    return "'" + (s.length() > 80 ? s.substring(0, 80) + "..." : s) + "'";
  }
}
