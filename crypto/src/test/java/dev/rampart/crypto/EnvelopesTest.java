package dev.rampart.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.MessageType;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class EnvelopesTest {
  private final Identity alice = Identity.generate("alice", new SecureRandom());
  private final byte[] body = "update".getBytes(StandardCharsets.UTF_8);

  @Test
  void verify_sealedEnvelope_isTrueUnderSignerKey() {
    Envelope e = Envelopes.seal(alice, MessageType.CLIENT_UPDATE, "job", 4, body, 123);
    assertThat(Envelopes.verify(e, alice.publicKey())).isTrue();
    assertThat(e.getKeyId()).isEqualTo(alice.publicKey().keyId());
    assertThat(e.getSender()).isEqualTo("alice");
  }

  @Test
  void verify_anyBoundFieldChanged_isFalse() {
    Envelope e = Envelopes.seal(alice, MessageType.CLIENT_UPDATE, "job", 4, body, 123);
    assertThat(Envelopes.verify(e.toBuilder().setRound(5).build(), alice.publicKey())).isFalse();
    assertThat(Envelopes.verify(e.toBuilder().setJobId("other").build(), alice.publicKey())).isFalse();
    assertThat(Envelopes.verify(e.toBuilder().setSender("bob").build(), alice.publicKey())).isFalse();
    assertThat(Envelopes.verify(e.toBuilder().setType(MessageType.ROUND_PLAN).build(), alice.publicKey())).isFalse();
    assertThat(Envelopes.verify(e.toBuilder().setBody(ByteString.copyFromUtf8("x")).build(), alice.publicKey())).isFalse();
    assertThat(Envelopes.verify(e.toBuilder().clearSignature().build(), alice.publicKey())).isFalse();
    Identity mallory = Identity.generate("alice", new SecureRandom());
    assertThat(Envelopes.verify(e, mallory.publicKey())).isFalse();
  }
}
