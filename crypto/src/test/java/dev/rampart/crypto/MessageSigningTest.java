package dev.rampart.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.protocol.RampartException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class MessageSigningTest {
  private static final byte[] BODY = "model-delta".getBytes(StandardCharsets.UTF_8);
  private static final Identity ALICE = Identity.generate("alice", new SecureRandom());

  @Test
  void digest_matchesSpecifiedLayout() throws Exception {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.write("rampart/v1/ROUND_PLAN".getBytes(StandardCharsets.US_ASCII));
    in.write(new byte[] {0, 0, 0, 5});
    in.write("job-1".getBytes(StandardCharsets.UTF_8));
    in.write(new byte[] {0, 0, 0, 0, 0, 0, 1, 2});
    in.write(new byte[] {0, 0, 0, 11});
    in.write("coordinator".getBytes(StandardCharsets.UTF_8));
    in.write(MessageDigest.getInstance("SHA-256").digest(BODY));
    byte[] expected = MessageDigest.getInstance("SHA-256").digest(in.toByteArray());

    assertThat(MessageSigning.digest("ROUND_PLAN", "job-1", 258, "coordinator", BODY))
        .isEqualTo(expected);
  }

  @Test
  void digest_eachFieldChanged_digestChanges() {
    byte[] base = MessageSigning.digest("UPDATE", "job", 3, "alice", BODY);
    byte[] otherBody = BODY.clone();
    otherBody[0] ^= 1;

    assertThat(MessageSigning.digest("UPDATES", "job", 3, "alice", BODY)).isNotEqualTo(base);
    assertThat(MessageSigning.digest("UPDATE", "job2", 3, "alice", BODY)).isNotEqualTo(base);
    assertThat(MessageSigning.digest("UPDATE", "job", 4, "alice", BODY)).isNotEqualTo(base);
    assertThat(MessageSigning.digest("UPDATE", "job", 3, "alicf", BODY)).isNotEqualTo(base);
    assertThat(MessageSigning.digest("UPDATE", "job", 3, "alice", otherBody)).isNotEqualTo(base);
  }

  @Test
  void digest_typeAndJobBoundaryShifted_differs() {
    assertThat(MessageSigning.digest("AB", "c", 0, "s", BODY))
        .isNotEqualTo(MessageSigning.digest("A", "Bc", 0, "s", BODY));
  }

  @Test
  void digest_jobBoundaryShiftedIntoSender_differs() {
    // Unprefixed, "ab" + "c" and "a" + "bc" would hash the same bytes when round bytes match.
    assertThat(MessageSigning.digest("T", "ab", 0, "c", BODY))
        .isNotEqualTo(MessageSigning.digest("T", "a", 0, "bc", BODY));
  }

  @Test
  void digest_senderBoundaryShiftedIntoBody_differs() {
    assertThat(MessageSigning.digest("T", "j", 0, "ab", "c".getBytes(StandardCharsets.UTF_8)))
        .isNotEqualTo(MessageSigning.digest("T", "j", 0, "a", "bc".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void digest_invalidFields_throwNamingValue() {
    assertThatThrownBy(() -> MessageSigning.digest("ROUND PLAN", "j", 0, "a", BODY))
        .isInstanceOf(RampartException.class).hasMessageContaining("'ROUND PLAN'");
    assertThatThrownBy(() -> MessageSigning.digest("T", "", 0, "a", BODY))
        .isInstanceOf(RampartException.class).hasMessageContaining("jobId");
    assertThatThrownBy(() -> MessageSigning.digest("T", "j", -1, "a", BODY))
        .isInstanceOf(RampartException.class).hasMessageContaining("-1");
    assertThatThrownBy(() -> MessageSigning.digest("T", "j", 0, "a b", BODY))
        .isInstanceOf(RampartException.class).hasMessageContaining("'a b'");
  }

  @Test
  void verify_signedBySender_accepts() {
    byte[] sig = MessageSigning.sign(ALICE, "UPDATE", "job", 3, BODY);

    assertThat(MessageSigning.verify(ALICE.publicKey(), "UPDATE", "job", 3, "alice", BODY, sig))
        .isTrue();
  }

  @Test
  void verify_signatureIsOverDigest() {
    byte[] sig = MessageSigning.sign(ALICE, "UPDATE", "job", 3, BODY);

    assertThat(ALICE.publicKey().verify(MessageSigning.digest("UPDATE", "job", 3, "alice", BODY),
        sig)).isTrue();
  }

  @Test
  void verify_anyFieldReplayedElsewhere_rejects() {
    byte[] sig = MessageSigning.sign(ALICE, "UPDATE", "job", 3, BODY);
    PublicKey key = ALICE.publicKey();

    assertThat(MessageSigning.verify(key, "ROUND_PLAN", "job", 3, "alice", BODY, sig)).isFalse();
    assertThat(MessageSigning.verify(key, "UPDATE", "job-b", 3, "alice", BODY, sig)).isFalse();
    assertThat(MessageSigning.verify(key, "UPDATE", "job", 4, "alice", BODY, sig)).isFalse();
    assertThat(MessageSigning.verify(key, "UPDATE", "job", 3, "bob", BODY, sig)).isFalse();
    assertThat(MessageSigning.verify(key, "UPDATE", "job", 3, "alice", new byte[0], sig))
        .isFalse();
  }

  @Test
  void verify_otherKey_rejects() {
    Identity mallory = Identity.generate("alice", new SecureRandom());
    byte[] sig = MessageSigning.sign(mallory, "UPDATE", "job", 3, BODY);

    assertThat(MessageSigning.verify(ALICE.publicKey(), "UPDATE", "job", 3, "alice", BODY, sig))
        .isFalse();
  }

  @Test
  void verify_malformedNetworkFields_returnsFalseWithoutThrowing() {
    byte[] sig = MessageSigning.sign(ALICE, "UPDATE", "job", 3, BODY);
    PublicKey key = ALICE.publicKey();

    assertThat(MessageSigning.verify(key, "UP DATE", "job", 3, "alice", BODY, sig)).isFalse();
    assertThat(MessageSigning.verify(key, "UPDATE", "job", -3, "alice", BODY, sig)).isFalse();
    assertThat(MessageSigning.verify(key, "UPDATE", "job", 3, "../x y", BODY, sig)).isFalse();
    assertThat(MessageSigning.verify(key, "UPDATE", "job", 3, "alice", BODY, new byte[7]))
        .isFalse();
    assertThat(MessageSigning.verify(key, "UPDATE", "job", 3, "alice", BODY, null)).isFalse();
  }
}
