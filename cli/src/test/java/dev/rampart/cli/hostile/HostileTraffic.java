package dev.rampart.cli.hostile;

import com.google.protobuf.ByteString;
import dev.rampart.crypto.ChunkSigning;
import dev.rampart.crypto.Envelopes;
import dev.rampart.crypto.Identity;
import dev.rampart.crypto.MessageSigning;
import dev.rampart.crypto.secagg.MessageKind;
import dev.rampart.protocol.Framing;
import dev.rampart.protocol.wire.Chunk;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.Frame;
import dev.rampart.protocol.wire.MessageType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Builders of hostile Kafka record values, one static method per attack kind, for tests that
 * feed them to a reader directly or publish them with {@link HostileFlood}.
 *
 * <p>An outsider has no Rampart identity: its chunks carry no chunk signature (the wire schema has
 * none yet) and its envelopes carry a random 64-byte signature. The enrolled Byzantine client
 * signs its secure-aggregation messages and envelopes with its own key, so they pass every
 * authentication check and reach the message decoder.
 *
 * <p>Stateless and thread-safe (each call draws from the caller's generator).
 */
public final class HostileTraffic {
  /** Declared chunk count of a flood chunk: 2^20, the most today's reassembler accepts. */
  public static final int HUGE_CHUNK_COUNT = 1 << 20;
  /** Declared whole length of a flood chunk: 512 MiB, under today's 1 GiB message cap. */
  public static final long HUGE_WHOLE_LENGTH = 1L << 29;
  /** Expiry written into flood chunks: practically never. */
  public static final long FAR_EXPIRY_MILLIS = Long.MAX_VALUE - 1;
  /** Length of an oversized sender id: 200 KiB of control characters. */
  public static final int LONG_SENDER_CHARS = 200 * 1024;
  /** Nesting depth of {@link #nestedKeyList}: KEY_LIST inside KEY_LIST this many times. */
  public static final int NESTING_DEPTH = 9_000;
  /** Largest random record value, in bytes. */
  public static final int MAX_RANDOM_BYTES = 512;

  private static final byte[] SECAGG_MAGIC = "RSAG".getBytes(StandardCharsets.US_ASCII);
  private static final int SECAGG_VERSION = 1;
  private static final int SIGNATURE_FIELD_BYTES = 4 + 64;
  private static final String INNER_JOB = "j";
  private static final String INNER_SENDER = "b";

  private HostileTraffic() {}

  /**
   * One chunk of a set that will never complete: it announces {@link #HUGE_CHUNK_COUNT} chunks of
   * a {@link #HUGE_WHOLE_LENGTH}-byte message, a random digest and expiry
   * {@link #FAR_EXPIRY_MILLIS}, and carries 16 bytes at a random index. Each call makes a new
   * transfer id claiming {@code claimedSender}, so each one opens a new pending set.
   */
  public static byte[] chunkFlood(String claimedSender, MessageType type, long round, RandomGenerator random) {
    String transferId = claimedSender + "/" + type.name() + "/" + round + "/" + hex(random, 12);
    Chunk chunk = Chunk.newBuilder().setTransferId(transferId).setIndex(random.nextInt(HUGE_CHUNK_COUNT))
        .setCount(HUGE_CHUNK_COUNT).setWholeSha256(ByteString.copyFrom(bytes(random, 32)))
        .setWholeLength(HUGE_WHOLE_LENGTH).setData(ByteString.copyFrom(bytes(random, 16)))
        .setExpiresAtMs(FAR_EXPIRY_MILLIS).build();
    return Frame.newBuilder().setChunk(chunk).build().toByteArray();
  }

  /**
   * Three chunks that reuse {@code honest}'s transfer id and index but contradict it: other data,
   * other announced digest, other announced count (and length). A reader that lets an
   * unauthenticated chunk poison a set drops the honest message.
   */
  public static List<byte[]> contradictions(Chunk honest, RandomGenerator random) {
    Chunk otherData = honest.toBuilder().setData(ByteString.copyFrom(bytes(random, Math.max(1,
        honest.getData().size())))).build();
    Chunk otherDigest = honest.toBuilder().setWholeSha256(ByteString.copyFrom(bytes(random, 32))).build();
    int count = honest.getCount() + 1 + random.nextInt(1000);
    Chunk otherCount = honest.toBuilder().setCount(count)
        .setWholeLength(Math.max(honest.getWholeLength(), count) + random.nextInt(1 << 16)).build();
    return List.of(frame(otherData), frame(otherDigest), frame(otherCount));
  }

  /** 1 to {@link #MAX_RANDOM_BYTES} random bytes. */
  public static byte[] randomBytes(RandomGenerator random) {
    return bytes(random, 1 + random.nextInt(MAX_RANDOM_BYTES));
  }

  /** {@code length} random control characters (U+0001 to U+001F), for oversized keys and sender ids. */
  public static String controlCharacters(int length, RandomGenerator random) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = (char) (1 + random.nextInt(31));
    }
    return new String(chars);
  }

  /**
   * A well-formed envelope frame that claims {@code claimedSender} (an enrolled client or the
   * coordinator) for {@code job} and {@code round}, with {@code body} and a random signature.
   */
  public static byte[] badlySigned(MessageType type, String job, long round, String claimedSender, byte[] body,
      RandomGenerator random) {
    Envelope envelope = Envelope.newBuilder().setSchemaVersion(Envelopes.SCHEMA_VERSION).setType(type)
        .setJobId(job).setRound(round).setSender(claimedSender).setKeyId(hex(random, 8))
        .setBody(ByteString.copyFrom(body)).setSignature(ByteString.copyFrom(bytes(random, 64)))
        .setCreatedAtMs(System.currentTimeMillis()).build();
    return Frame.newBuilder().setEnvelope(envelope).build().toByteArray();
  }

  /**
   * A secure-aggregation KEY_LIST nested {@code depth} levels deep (each level's single entry is the
   * next KEY_LIST; the innermost is empty), signed by {@code signer} at the outermost level. Inner
   * levels carry a one-letter job and sender and a zero signature: syntax is all a decoder checks
   * before it recurses. At {@link #NESTING_DEPTH} the message is about 1 MB, and every entry stays
   * under the decoder's 1 MiB entry limit.
   */
  public static byte[] nestedKeyList(Identity signer, String job, long round, int group, int depth) {
    if (depth < 1) {
      throw new IllegalArgumentException("depth must be at least 1, but depth=" + depth);
    }
    byte[] outer = secaggHeader(MessageKind.KEY_LIST, job, round, group, new byte[0], signer.id());
    byte[] inner = secaggHeader(MessageKind.KEY_LIST, INNER_JOB, round, group, new byte[0], INNER_SENDER);
    long[] length = new long[depth];
    length[0] = inner.length + 4 + SIGNATURE_FIELD_BYTES;
    for (int level = 1; level < depth; level++) {
      byte[] header = level == depth - 1 ? outer : inner;
      length[level] = header.length + 4 + 4 + length[level - 1] + SIGNATURE_FIELD_BYTES;
    }
    ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(length[depth - 1]));
    for (int level = depth - 1; level >= 1; level--) {
      out.put(level == depth - 1 ? outer : inner).putInt(1).putInt(Math.toIntExact(length[level - 1]));
    }
    out.put(inner).putInt(0);
    for (int level = 0; level < depth - 1; level++) {
      out.putInt(64).put(new byte[64]);
    }
    return signed(out, signer, MessageKind.KEY_LIST, job, round);
  }

  /**
   * A signed MASKED_INPUT of {@code coordinates} random values (4 bytes each) under a random
   * session id: far more than any plan's dimension, so a reader that decodes before it checks the
   * size holds the whole vector.
   */
  public static byte[] oversizedMaskedInput(Identity signer, String job, long round, int group, int coordinates,
      RandomGenerator random) {
    byte[] header = secaggHeader(MessageKind.MASKED_INPUT, job, round, group, bytes(random, 32), signer.id());
    ByteBuffer out = ByteBuffer.allocate(header.length + 4 + 4 * coordinates + SIGNATURE_FIELD_BYTES);
    out.put(header).putInt(coordinates);
    for (int i = 0; i < coordinates; i++) {
      out.putInt(random.nextInt());
    }
    return signed(out, signer, MessageKind.MASKED_INPUT, job, round);
  }

  /** The frames of {@code secaggMessage} in an envelope that {@code signer} sealed, chunked as a client would. */
  public static List<byte[]> sealedSecAgg(Identity signer, String job, long round, byte[] secaggMessage) {
    Envelope envelope = Envelopes.seal(signer, MessageType.SECAGG, job, round, secaggMessage,
        System.currentTimeMillis());
    return Framing.frames(envelope, Framing.DEFAULT_MAX_FRAME_BYTES, 0, ChunkSigning.signer(signer)).stream().map(Frame::toByteArray).toList();
  }

  private static byte[] signed(ByteBuffer out, Identity signer, MessageKind kind, String job, long round) {
    int signedLength = out.capacity() - SIGNATURE_FIELD_BYTES;
    byte[] body = Arrays.copyOf(out.array(), signedLength);
    byte[] signature = MessageSigning.sign(signer, kind.signingType(), job, round, body);
    out.position(signedLength);
    out.putInt(signature.length).put(signature);
    return out.array();
  }

  private static byte[] secaggHeader(MessageKind kind, String job, long round, int group, byte[] session,
      String sender) {
    byte[] j = job.getBytes(StandardCharsets.UTF_8);
    byte[] s = sender.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(4 + 1 + 1 + 4 + j.length + 8 + 4 + 4 + session.length + 4 + s.length);
    b.put(SECAGG_MAGIC).put((byte) SECAGG_VERSION).put((byte) kind.code()).putInt(j.length).put(j).putLong(round)
        .putInt(group).putInt(session.length).put(session).putInt(s.length).put(s);
    return b.array();
  }

  private static byte[] frame(Chunk chunk) {
    return Frame.newBuilder().setChunk(chunk).build().toByteArray();
  }

  private static byte[] bytes(RandomGenerator random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static String hex(RandomGenerator random, int bytes) {
    return HexFormat.of().formatHex(bytes(random, bytes));
  }
}
