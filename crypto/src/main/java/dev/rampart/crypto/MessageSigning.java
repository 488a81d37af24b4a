package dev.rampart.crypto;

import dev.rampart.crypto.internal.PartyIds;
import dev.rampart.protocol.RampartException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Domain-separated signatures over every Rampart message (DESIGN.md section 5).
 *
 * <p>The Ed25519-signed bytes are the 32-byte digest
 *
 * <pre>
 * SHA-256( "rampart/v1/" + type
 *        ‖ u32be(len(jobId)) ‖ UTF-8(jobId)
 *        ‖ i64be(round)
 *        ‖ u32be(len(sender)) ‖ UTF-8(sender)
 *        ‖ SHA-256(body) )
 * </pre>
 *
 * <p>so a signature made for one message type, job, round or sender never verifies for another,
 * and a body cannot be moved between fields. The type is not length-prefixed; the encoding stays
 * unambiguous because a type is 1-64 characters of {@code [A-Za-z0-9_.-]} (never a zero byte)
 * and the following length prefix always starts with a zero byte ({@code jobId} is at most
 * {@value #MAX_JOB_ID_BYTES} UTF-8 bytes). The sender is a party id (1-64 of
 * {@code [A-Za-z0-9._-]}); round is a non-negative round number.
 *
 * <p>Stateless and thread-safe.
 */
public final class MessageSigning {
  /** Prefix of every signed digest's input; the version changes if the layout ever does. */
  public static final String DOMAIN_PREFIX = "rampart/v1/";
  /** Largest accepted job id, in UTF-8 bytes. */
  public static final int MAX_JOB_ID_BYTES = 1024;

  private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private MessageSigning() {}

  /**
   * The 32-byte digest that is signed for one message (layout in the class comment).
   *
   * @param type message type token, e.g. {@code "ROUND_PLAN"}, 1-64 of {@code [A-Za-z0-9_.-]}
   * @param jobId job id, 1 to {@value #MAX_JOB_ID_BYTES} UTF-8 bytes
   * @param round round number, at least 0
   * @param sender id of the signing party, 1-64 of {@code [A-Za-z0-9._-]}
   * @param body the serialized message body, not null (may be empty)
   * @return a new 32-byte array
   * @throws RampartException naming the bad value if a field is out of range
   */
  public static byte[] digest(String type, String jobId, long round, String sender, byte[] body) {
    Objects.requireNonNull(body, "body");
    return digestOfBody(type, jobId, round, sender, Digests.sha256(body));
  }

  /**
   * As {@link #digest}, given {@code bodySha256 = SHA-256(body)} instead of the body, for a caller
   * that has the body's digest already ({@link Envelopes#bodyDigest}) and uses it again, so that
   * the body is hashed once.
   *
   * @param bodySha256 the 32-byte SHA-256 of the serialized body
   * @throws RampartException naming the bad value if a field is out of range
   */
  public static byte[] digestOfBody(String type, String jobId, long round, String sender, byte[] bodySha256) {
    Objects.requireNonNull(bodySha256, "bodySha256");
    if (bodySha256.length != Digests.SHA256_BYTES) {
      throw new RampartException("bodySha256 must be " + Digests.SHA256_BYTES + " bytes, but has "
          + bodySha256.length);
    }
    if (type == null || !TYPE.matcher(type).matches()) {
      throw new RampartException(
          "message type must be 1-64 characters of [A-Za-z0-9_.-], but was " + quote(type));
    }
    Objects.requireNonNull(jobId, "jobId");
    byte[] job = jobId.getBytes(StandardCharsets.UTF_8);
    if (job.length == 0 || job.length > MAX_JOB_ID_BYTES) {
      throw new RampartException(
          "jobId must be 1-" + MAX_JOB_ID_BYTES + " UTF-8 bytes, but has " + job.length);
    }
    if (round < 0) {
      throw new RampartException("round must be >= 0, but was " + round);
    }
    byte[] from = PartyIds.requireValid(sender, "sender id").getBytes(StandardCharsets.US_ASCII);
    MessageDigest sha = Digests.newSha256();
    sha.update((DOMAIN_PREFIX + type).getBytes(StandardCharsets.US_ASCII));
    sha.update(ByteBuffer.allocate(4).putInt(job.length).array());
    sha.update(job);
    sha.update(ByteBuffer.allocate(8).putLong(round).array());
    sha.update(ByteBuffer.allocate(4).putInt(from.length).array());
    sha.update(from);
    sha.update(bodySha256);
    return sha.digest();
  }

  /**
   * Signs a message as {@code signer.id()}.
   *
   * @return a new 64-byte Ed25519 signature over {@link #digest}
   * @throws RampartException if a field is out of range (see {@link #digest})
   */
  public static byte[] sign(Identity signer, String type, String jobId, long round, byte[] body) {
    Objects.requireNonNull(signer, "signer");
    return signer.sign(digest(type, jobId, round, signer.id(), body));
  }

  /**
   * Verifies a message signature made by {@link #sign}.
   *
   * <p>Returns false, never throws, for a wrong signature, a signature of the wrong length, or a
   * field that could never have been signed (bad type, oversized job id, malformed sender,
   * negative round), since all of these arrive from the network.
   *
   * @param key the sender's enrolled public key
   * @param signature the 64-byte signature; null or another length gives false
   * @return true only if {@code key} signed exactly these fields and body
   */
  public static boolean verify(PublicKey key, String type, String jobId, long round,
      String sender, byte[] body, byte[] signature) {
    Objects.requireNonNull(body, "body");
    return verifyBody(key, new Fields(type, jobId, round, sender), Digests.sha256(body), signature);
  }

  /**
   * The signed fields of a message other than its body.
   *
   * @param type message type token
   * @param jobId job id
   * @param round round number
   * @param sender id of the signing party
   */
  public record Fields(String type, String jobId, long round, String sender) {}

  /**
   * As {@link #verify}, given the body's SHA-256 instead of the body ({@link #digestOfBody}).
   * False, never an exception, for anything malformed.
   */
  public static boolean verifyBody(PublicKey key, Fields fields, byte[] bodySha256, byte[] signature) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(fields, "fields");
    Objects.requireNonNull(bodySha256, "bodySha256");
    if (signature == null || signature.length != PublicKey.SIGNATURE_BYTES || fields.jobId() == null) {
      return false;
    }
    byte[] digest;
    try {
      digest = digestOfBody(fields.type(), fields.jobId(), fields.round(), fields.sender(), bodySha256);
    } catch (RampartException e) {
      return false;
    }
    return key.verify(digest, signature);
  }

  private static String quote(String s) {
    if (s == null) {
      return "null";
    }
    return "'" + (s.length() > 80 ? s.substring(0, 80) + "..." : s) + "'";
  }
}
