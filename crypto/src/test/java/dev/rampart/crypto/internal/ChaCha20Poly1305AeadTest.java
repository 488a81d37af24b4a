package dev.rampart.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 8439 section 2.8.2 AEAD test vector. */
class ChaCha20Poly1305AeadTest {
  private static final byte[] KEY = hex(
      "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
  private static final byte[] NONCE = hex("070000004041424344454647");
  private static final byte[] AAD = hex("50515253c0c1c2c3c4c5c6c7");
  private static final byte[] PLAINTEXT = ("Ladies and Gentlemen of the class of '99: If I could "
      + "offer you only one tip for the future, sunscreen would be it.")
      .getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EXPECTED = hex(
      "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
          + "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
          + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
          + "3ff4def08e4b7a9de576d26586cec64b6116"
          + "1ae10b594f09e26a7e902ecbd0600691");

  @Test
  void seal_rfc8439Section282_ciphertextAndTag() {
    assertThat(ChaCha20Poly1305Aead.seal(KEY, NONCE, AAD, PLAINTEXT)).isEqualTo(EXPECTED);
  }

  @Test
  void open_rfc8439Section282_plaintext() {
    assertThat(ChaCha20Poly1305Aead.open(KEY, NONCE, AAD, EXPECTED)).hasValue(PLAINTEXT);
  }

  @Test
  void open_anyBitFlipped_empty() {
    for (int i = 0; i < EXPECTED.length; i += 7) {
      byte[] tampered = EXPECTED.clone();
      tampered[i] ^= 0x20;
      assertThat(ChaCha20Poly1305Aead.open(KEY, NONCE, AAD, tampered)).as("byte %d", i).isEmpty();
    }
  }

  @Test
  void open_shorterThanTag_empty() {
    assertThat(ChaCha20Poly1305Aead.open(KEY, NONCE, AAD, new byte[15])).isEmpty();
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }
}
