package dev.rampart.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.MessageType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz target: {@link Envelopes#verify} under a real enrolled key. It never throws, and it accepts
 * only what {@link #SIGNER} actually sealed: every envelope that verifies carries the type, job,
 * round, sender and body of one of the {@link #sealed()} envelopes.
 *
 * <p>Input layout: the first byte chooses how the rest becomes an envelope. Even: the rest is a
 * serialized {@link Envelope} (as read from a record). Odd: the next byte picks one of the
 * {@link #sealed()} envelopes and the one after it one field (type number, job id, round, sender,
 * key id, body, signature), which the remaining bytes replace; this keeps the fuzzer on envelopes
 * that parse and carry a genuine signature.
 */
class EnvelopesFuzzTest {
  /** The enrolled signer; its key is derived from a fixed seed so seeds are reproducible. */
  static final Identity SIGNER = Identity.fromPrivateKey("client-7", Digests.sha256(
      "envelopes fuzz signer".getBytes(StandardCharsets.UTF_8)));
  private static final List<Envelope> SEALED = sealed();

  /** Genuine envelopes of several types, the only ones that may ever verify. */
  static List<Envelope> sealed() {
    return List.of(
        Envelopes.seal(SIGNER, MessageType.CLIENT_UPDATE, "job-1", 3, new byte[] {1, 2, 3, 4}, 1_000),
        Envelopes.seal(SIGNER, MessageType.SECAGG, "job-1", 0, new byte[0], 2_000),
        Envelopes.seal(SIGNER, MessageType.ROUND_PLAN, "j", Long.MAX_VALUE, "plan".getBytes(
            StandardCharsets.UTF_8), 0));
  }

  @FuzzTest(maxDuration = "10s")
  void verify(byte[] input) {
    if (input.length == 0) {
      return;
    }
    Envelope envelope;
    if ((input[0] & 1) == 0) {
      try {
        envelope = Envelope.parseFrom(Arrays.copyOfRange(input, 1, input.length));
      } catch (InvalidProtocolBufferException expected) {
        return;
      }
    } else {
      envelope = mutate(ByteBuffer.wrap(input, 1, input.length - 1));
    }
    if (Envelopes.verify(envelope, SIGNER.publicKey())) {
      assertThat(SEALED).anySatisfy(s -> assertThat(signedFields(envelope)).isEqualTo(signedFields(s)));
    }
  }

  private static Envelope mutate(ByteBuffer in) {
    Envelope base = SEALED.get(in.hasRemaining() ? Byte.toUnsignedInt(in.get()) % SEALED.size() : 0);
    int field = in.hasRemaining() ? Byte.toUnsignedInt(in.get()) % 7 : 0;
    byte[] rest = new byte[in.remaining()];
    in.get(rest);
    Envelope.Builder b = base.toBuilder();
    switch (field) {
      case 0 -> b.setTypeValue(rest.length >= 4 ? ByteBuffer.wrap(rest).getInt() : rest.length);
      case 1 -> b.setJobId(new String(rest, StandardCharsets.UTF_8));
      case 2 -> b.setRound(rest.length >= 8 ? ByteBuffer.wrap(rest).getLong() : -rest.length);
      case 3 -> b.setSender(new String(rest, StandardCharsets.UTF_8));
      case 4 -> b.setKeyId(new String(rest, StandardCharsets.UTF_8));
      case 5 -> b.setBody(ByteString.copyFrom(rest));
      default -> b.setSignature(ByteString.copyFrom(rest));
    }
    return b.build();
  }

  private static List<Object> signedFields(Envelope e) {
    return List.of(e.getTypeValue(), e.getJobId(), e.getRound(), e.getSender(), e.getBody());
  }
}
