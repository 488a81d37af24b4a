package dev.rampart.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PublicKeyTest {
  private static final byte[] RFC_TEST1_PUBLIC =
      Hex.bytes("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  private static final byte[] MESSAGE = "update round 7".getBytes(StandardCharsets.UTF_8);

  private final SecureRandom random = new SecureRandom();

  @Test
  void verify_signatureFromMatchingIdentity_accepts() {
    Identity alice = Identity.generate("alice", random);

    assertThat(alice.publicKey().verify(MESSAGE, alice.sign(MESSAGE))).isTrue();
  }

  @Test
  void verify_tamperedMessage_rejects() {
    Identity alice = Identity.generate("alice", random);
    byte[] signature = alice.sign(MESSAGE);
    byte[] tampered = MESSAGE.clone();
    tampered[0] ^= 1;

    assertThat(alice.publicKey().verify(tampered, signature)).isFalse();
  }

  @Test
  void verify_signatureOfOtherKey_rejects() {
    Identity alice = Identity.generate("alice", random);
    Identity mallory = Identity.generate("mallory", random);

    assertThat(alice.publicKey().verify(MESSAGE, mallory.sign(MESSAGE))).isFalse();
  }

  @Test
  void verify_wrongLengthOrNullSignature_returnsFalse() {
    Identity alice = Identity.generate("alice", random);
    byte[] signature = alice.sign(MESSAGE);
    PublicKey key = alice.publicKey();

    assertThat(key.verify(MESSAGE, Arrays.copyOf(signature, 63))).isFalse();
    assertThat(key.verify(MESSAGE, Arrays.copyOf(signature, 65))).isFalse();
    assertThat(key.verify(MESSAGE, new byte[0])).isFalse();
    assertThat(key.verify(MESSAGE, null)).isFalse();
  }

  @Test
  void verify_allZeroSignature_returnsFalse() {
    assertThat(PublicKey.of(RFC_TEST1_PUBLIC).verify(MESSAGE, new byte[64])).isFalse();
  }

  @Test
  void of_wrongLength_throwsNamingLength() {
    assertThatThrownBy(() -> PublicKey.of(new byte[31]))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("32 bytes")
        .hasMessageContaining("31");
  }

  @Test
  void of_allZero_throws() {
    assertThatThrownBy(() -> PublicKey.of(new byte[32]))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("all zero");
  }

  @Test
  void of_smallOrderPoint_throws() {
    // y = 1 encodes the neutral element, a point of order 1.
    byte[] identityPoint = new byte[32];
    identityPoint[0] = 1;

    assertThatThrownBy(() -> PublicKey.of(identityPoint))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("prime-order");
  }

  @Test
  void of_inputMutatedAfterwards_keyUnchanged() {
    byte[] raw = RFC_TEST1_PUBLIC.clone();
    PublicKey key = PublicKey.of(raw);
    raw[0] ^= 1;
    key.bytes()[1] ^= 1;

    assertThat(key.bytes()).isEqualTo(RFC_TEST1_PUBLIC);
  }

  @Test
  void fromBase64_roundTrip_equalKey() {
    PublicKey key = PublicKey.of(RFC_TEST1_PUBLIC);

    PublicKey parsed = PublicKey.fromBase64(key.toBase64());

    assertThat(parsed).isEqualTo(key).hasSameHashCodeAs(key);
    assertThat(key.toBase64()).isEqualTo(Base64.getEncoder().encodeToString(RFC_TEST1_PUBLIC));
  }

  @Test
  void fromBase64_notBase64_throws() {
    assertThatThrownBy(() -> PublicKey.fromBase64("not base64!"))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("base64");
  }

  @Test
  void keyId_isHexOfFirstEightBytesOfSha256() throws Exception {
    byte[] sha = MessageDigest.getInstance("SHA-256").digest(RFC_TEST1_PUBLIC);
    String expected = HexFormat.of().formatHex(sha, 0, 8);

    assertThat(PublicKey.of(RFC_TEST1_PUBLIC).keyId()).isEqualTo(expected).hasSize(16);
  }

  @Test
  void equals_differentKeys_notEqual() {
    assertThat(Identity.generate("a", random).publicKey())
        .isNotEqualTo(Identity.generate("b", random).publicKey());
  }

  @Test
  void toString_doesNotContainKeyBytes() {
    PublicKey key = PublicKey.of(RFC_TEST1_PUBLIC);

    assertThat(key.toString()).contains(key.keyId()).doesNotContain(key.toBase64())
        .doesNotContain(HexFormat.of().formatHex(RFC_TEST1_PUBLIC));
  }
}
