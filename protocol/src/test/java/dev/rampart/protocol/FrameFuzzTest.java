package dev.rampart.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.Frame;

/**
 * Fuzz target: a Kafka record value parsed as a {@link Frame}, and as a bare {@link Envelope}
 * (the bytes a chunk set reassembles to). Bytes either parse, and then re-serialize to a message
 * that parses to the same value, or are refused with {@link InvalidProtocolBufferException}.
 */
class FrameFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void parse(byte[] recordValue) {
    try {
      Frame frame = Frame.parseFrom(recordValue);
      assertThat(Frame.parseFrom(frame.toByteArray())).isEqualTo(frame);
      if (frame.hasEnvelope()) {
        touch(frame.getEnvelope());
      }
    } catch (InvalidProtocolBufferException expected) {
      // Malformed record values are rejected, which is the documented outcome.
    }
    try {
      Envelope envelope = Envelope.parseFrom(recordValue);
      assertThat(Envelope.parseFrom(envelope.toByteArray())).isEqualTo(envelope);
      touch(envelope);
    } catch (InvalidProtocolBufferException expected) {
      // As above.
    }
  }

  /** Reads every field a consumer reads, including the enum and the string decodings. */
  private static void touch(Envelope envelope) {
    assertThat(envelope.getType()).isNotNull();
    assertThat(envelope.getJobId()).isNotNull();
    assertThat(envelope.getSender()).isNotNull();
    assertThat(envelope.getKeyId()).isNotNull();
    assertThat(envelope.getBody().size() + envelope.getSignature().size()).isNotNegative();
  }
}
