package dev.rampart.protocol;

import com.google.protobuf.ByteString;
import dev.rampart.protocol.wire.Chunk;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A keyed-hash stand-in for the Ed25519 chunk signatures of the crypto module (which depends on
 * this module): a party's "signature" is SHA-256 over its secret and the chunk without signature,
 * so only the holder of the secret can produce one and any changed field breaks it.
 */
final class FakeChunkSigning {
  private FakeChunkSigning() {}

  /** Signs as {@code sender} with {@code secret}. */
  static ChunkSigner signer(String sender, String secret) {
    return unsigned -> {
      Chunk named = unsigned.toBuilder().setSender(sender).setKeyId(keyId(secret)).clearSignature().build();
      return named.toBuilder().setSignature(ByteString.copyFrom(mac(secret, named))).build();
    };
  }

  /** Accepts chunks signed by one of {@code secretsBySender}, refusing unknown senders first. */
  static ChunkVerifier verifier(Map<String, String> secretsBySender) {
    return chunk -> {
      String secret = secretsBySender.get(chunk.getSender());
      if (secret == null) {
        return Optional.of(new ChunkRefusal(RejectionReason.UNKNOWN_CLIENT, "unknown " + chunk.getSender()));
      }
      if (!chunk.getKeyId().equals(keyId(secret))) {
        return Optional.of(new ChunkRefusal(RejectionReason.KEY_MISMATCH, "key id of " + chunk.getSender()));
      }
      byte[] expected = mac(secret, chunk.toBuilder().clearSignature().build());
      return MessageDigest.isEqual(expected, chunk.getSignature().toByteArray()) ? Optional.empty()
          : Optional.of(new ChunkRefusal(RejectionReason.BAD_SIGNATURE, "bad signature of " + chunk.getSender()));
    };
  }

  /** Senders known to {@link #verifier} with their secret equal to their name reversed. */
  static ChunkVerifier verifier(Set<String> senders) {
    Map<String, String> secrets = new HashMap<>();
    senders.forEach(s -> secrets.put(s, secretOf(s)));
    return verifier(secrets);
  }

  /** The secret {@link #verifier(Set)} expects of {@code sender}. */
  static String secretOf(String sender) {
    return "secret-of-" + sender;
  }

  /** A signer whose signatures {@link #verifier(Set)} accepts for {@code sender}. */
  static ChunkSigner signer(String sender) {
    return signer(sender, secretOf(sender));
  }

  private static String keyId(String secret) {
    return Hex.prefix(sha256(secret.getBytes(StandardCharsets.UTF_8)), 8);
  }

  private static byte[] mac(String secret, Chunk unsignedChunk) {
    MessageDigest sha = FloatVectors.sha256();
    sha.update(secret.getBytes(StandardCharsets.UTF_8));
    sha.update(unsignedChunk.toByteArray());
    return sha.digest();
  }

  private static byte[] sha256(byte[] bytes) {
    return FloatVectors.sha256().digest(bytes);
  }
}
