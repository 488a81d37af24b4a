package dev.rampart.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7748 known answers and SECAGG.md attack 7 (all-zero and low-order points). */
class AgreementKeyPairTest {
  private static final String ALICE_PRIVATE =
      "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
  private static final String ALICE_PUBLIC =
      "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
  private static final String BOB_PRIVATE =
      "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
  private static final String BOB_PUBLIC =
      "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
  private static final String SHARED =
      "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

  @Test
  void agree_rfc7748Section52Vector1_matches() {
    AgreementKeyPair k = AgreementKeyPair.fromPrivateKey(
        Hex.bytes("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"));
    AgreementPublicKey u = AgreementPublicKey.of(
        Hex.bytes("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"));

    assertThat(k.agree(u)).isEqualTo(
        Hex.bytes("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"));
  }

  @Test
  void agree_rfc7748Section52Vector2WithHighBitSet_matches() {
    AgreementKeyPair k = AgreementKeyPair.fromPrivateKey(
        Hex.bytes("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d"));
    AgreementPublicKey u = AgreementPublicKey.of(
        Hex.bytes("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493"));

    assertThat(k.agree(u)).isEqualTo(
        Hex.bytes("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957"));
  }

  @Test
  void agree_rfc7748Section52Iterated_after1And1000Iterations() {
    byte[] k = new byte[32];
    k[0] = 9;
    byte[] u = k.clone();
    for (int i = 1; i <= 1000; i++) {
      byte[] next = AgreementKeyPair.fromPrivateKey(k).agree(AgreementPublicKey.of(u));
      u = k;
      k = next;
      if (i == 1) {
        assertThat(k).isEqualTo(
            Hex.bytes("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079"));
      }
    }
    assertThat(k).isEqualTo(
        Hex.bytes("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51"));
  }

  @Test
  void publicKey_rfc7748Section61_derivesAliceAndBob() {
    assertThat(AgreementKeyPair.fromPrivateKey(Hex.bytes(ALICE_PRIVATE)).publicKey().bytes())
        .isEqualTo(Hex.bytes(ALICE_PUBLIC));
    assertThat(AgreementKeyPair.fromPrivateKey(Hex.bytes(BOB_PRIVATE)).publicKey().bytes())
        .isEqualTo(Hex.bytes(BOB_PUBLIC));
  }

  @Test
  void agree_rfc7748Section61_bothSidesGetSharedSecret() {
    AgreementKeyPair alice = AgreementKeyPair.fromPrivateKey(Hex.bytes(ALICE_PRIVATE));
    AgreementKeyPair bob = AgreementKeyPair.fromPrivateKey(Hex.bytes(BOB_PRIVATE));

    assertThat(alice.agree(AgreementPublicKey.of(Hex.bytes(BOB_PUBLIC))))
        .isEqualTo(Hex.bytes(SHARED));
    assertThat(bob.agree(AgreementPublicKey.of(Hex.bytes(ALICE_PUBLIC))))
        .isEqualTo(Hex.bytes(SHARED));
  }

  @Test
  void deriveKey_bothSides_sameKeyAndEqualToHkdfOfSharedSecret() {
    SecureRandom random = new SecureRandom();
    AgreementKeyPair u = AgreementKeyPair.generate(random);
    AgreementKeyPair v = AgreementKeyPair.generate(random);
    byte[] salt = {1, 2, 3};

    byte[] kuv = u.deriveKey(v.publicKey(), salt, "mask".getBytes(), 32);

    assertThat(v.deriveKey(u.publicKey(), salt, "mask".getBytes(), 32)).isEqualTo(kuv);
    assertThat(Hkdf.derive(u.agree(v.publicKey()), salt, "mask".getBytes(), 32)).isEqualTo(kuv);
    assertThat(u.deriveKey(v.publicKey(), salt, "enc".getBytes(), 32)).isNotEqualTo(kuv);
  }

  @Test
  void fromPrivateKey_reconstructedPrivateKey_derivesSamePublicKey() {
    AgreementKeyPair original = AgreementKeyPair.generate(new SecureRandom());

    assertThat(AgreementKeyPair.fromPrivateKey(original.privateKey()).publicKey())
        .isEqualTo(original.publicKey());
  }

  static Stream<String> lowOrderPoints() {
    return Stream.of(
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        // The same points with the ignored top bit set (RFC 7748 masks bit 255).
        "0100000000000000000000000000000000000000000000000000000000000080",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b880",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f11d7",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
  }

  @ParameterizedTest
  @MethodSource("lowOrderPoints")
  void of_lowOrderPoint_throwsKeyAgreementException(String hex) {
    assertThatThrownBy(() -> AgreementPublicKey.of(Hex.bytes(hex)))
        .isInstanceOf(KeyAgreementException.class)
        .hasMessageContaining("low-order");
  }

  @Test
  void of_allZero_throwsKeyAgreementException() {
    assertThatThrownBy(() -> AgreementPublicKey.of(new byte[32]))
        .isInstanceOf(KeyAgreementException.class).hasMessageContaining("all zero");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 31, 33})
  void of_wrongLength_throwsNamingLength(int length) {
    assertThatThrownBy(() -> AgreementPublicKey.of(new byte[length]))
        .isInstanceOf(KeyFormatException.class).hasMessageContaining(length + " bytes");
  }

  @Test
  void fromBase64_roundTrip() {
    AgreementPublicKey key = AgreementPublicKey.of(Hex.bytes(ALICE_PUBLIC));

    assertThat(AgreementPublicKey.fromBase64(key.toBase64())).isEqualTo(key);
  }

  @Test
  void toString_neverShowsPrivateKey() {
    AgreementKeyPair pair = AgreementKeyPair.fromPrivateKey(Hex.bytes(ALICE_PRIVATE));

    assertThat(pair.toString()).contains(pair.publicKey().keyId()).doesNotContain(ALICE_PRIVATE)
        .doesNotContain(java.util.Base64.getEncoder().encodeToString(Hex.bytes(ALICE_PRIVATE)));
  }
}
