package dev.rampart.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.crypto.internal.ChaCha20Keystream.Combine;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.engines.ChaCha7539Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;

/** RFC 8439 known answers and a cross-check against BouncyCastle's byte-oriented engine. */
class ChaCha20KeystreamTest {
  private static final byte[] KEY_00_1F = hex(
      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  private static final String SUNSCREEN = "Ladies and Gentlemen of the class of '99: If I could "
      + "offer you only one tip for the future, sunscreen would be it.";

  @Test
  void block_rfc8439Section232_matchesSerializedBlock() {
    int[] words = ChaCha20Keystream.block(KEY_00_1F, hex("000000090000004a00000000"), 1);

    assertThat(toBytes(words)).isEqualTo(hex(
        "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
            + "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e"));
  }

  @Test
  void apply_rfc8439Section242_encryptsSunscreenText() {
    byte[] plaintext = SUNSCREEN.getBytes(StandardCharsets.US_ASCII);
    int[] stream = new int[(plaintext.length + 3) / 4];
    ChaCha20Keystream.apply(KEY_00_1F, hex("000000000000004a00000000"), 1, 0, stream, 0,
        stream.length, Combine.SET);
    byte[] keystream = toBytes(stream);
    byte[] ciphertext = new byte[plaintext.length];
    for (int i = 0; i < plaintext.length; i++) {
      ciphertext[i] = (byte) (plaintext[i] ^ keystream[i]);
    }

    assertThat(ciphertext).isEqualTo(hex(
        "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b"
            + "f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8"
            + "07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
            + "5af90bbf74a35be6b40b8eedf2785e42874d"));
  }

  @Test
  void block_rfc8439AppendixA1Vectors1to3_match() {
    byte[] zeroKey = new byte[32];
    byte[] zeroNonce = new byte[12];
    byte[] keyEndingIn1 = new byte[32];
    keyEndingIn1[31] = 1;

    assertThat(toBytes(ChaCha20Keystream.block(zeroKey, zeroNonce, 0))).isEqualTo(hex(
        "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
            + "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586"));
    assertThat(toBytes(ChaCha20Keystream.block(zeroKey, zeroNonce, 1))).isEqualTo(hex(
        "9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32ee7aed"
            + "29b721769ce64e43d57133b074d839d531ed1f28510afb45ace10a1f4b794d6f"));
    assertThat(toBytes(ChaCha20Keystream.block(keyEndingIn1, zeroNonce, 1))).isEqualTo(hex(
        "3aeb5224ecf849929b9d828db1ced4dd832025e8018b8160b82284f3c949aa5a"
            + "8eca00bbb4a73bdad192b5c42f73f2fd4e273644c8b36125a64addeb006c13a0"));
  }

  @Test
  void apply_unalignedSlices_matchBouncyCastleByteEngine() {
    SplittableRandom random = new SplittableRandom(20240611L);
    for (int trial = 0; trial < 20; trial++) {
      byte[] key = new byte[32];
      byte[] nonce = new byte[12];
      random.nextBytes(key);
      random.nextBytes(nonce);
      int start = random.nextInt(0, 100);
      int length = random.nextInt(0, 200);

      int[] words = new int[length];
      ChaCha20Keystream.apply(key, nonce, 0, start, words, 0, length, Combine.SET);

      byte[] expected = bouncyCastleKeystream(key, nonce, 4 * (start + length));
      byte[] slice = new byte[4 * length];
      System.arraycopy(expected, 4 * start, slice, 0, slice.length);
      assertThat(toBytes(words)).as("trial %d start %d length %d", trial, start, length)
          .isEqualTo(slice);
    }
  }

  @Test
  void apply_longAlignedAndUnalignedRuns_matchBouncyCastleByteEngineAcrossLaneGroups() {
    SplittableRandom random = new SplittableRandom(20261125L);
    for (int trial = 0; trial < 12; trial++) {
      byte[] key = new byte[32];
      byte[] nonce = new byte[12];
      random.nextBytes(key);
      random.nextBytes(nonce);
      int start = trial % 2 == 0 ? 16 * random.nextInt(0, 40) : random.nextInt(0, 700);
      int length = random.nextInt(256, 3000);
      int counter = trial % 3 == 0 ? 1 : 0;

      int[] words = new int[length];
      ChaCha20Keystream.apply(key, nonce, counter, start, words, 0, length, Combine.SET);
      int[] added = new int[length];
      java.util.Arrays.fill(added, 5);
      ChaCha20Keystream.apply(key, nonce, counter, start, added, 0, length, Combine.ADD);

      byte[] expected = bouncyCastleKeystream(key, nonce, 4 * (start + length + 16 * counter));
      byte[] slice = new byte[4 * length];
      System.arraycopy(expected, 4 * (start + 16 * counter), slice, 0, slice.length);
      assertThat(toBytes(words)).as("trial %d start %d length %d", trial, start, length)
          .isEqualTo(slice);
      for (int i = 0; i < length; i++) {
        assertThat(added[i]).as("trial %d word %d", trial, i).isEqualTo(words[i] + 5);
      }
    }
  }

  @Test
  void apply_addThenSubtract_restoresTarget() {
    int[] target = {1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0, 7, 8, 9, 10, 11, 12, 13,
        14, 15, 16, 17, 18};
    int[] original = target.clone();
    byte[] key = KEY_00_1F;
    byte[] nonce = new byte[12];

    ChaCha20Keystream.apply(key, nonce, 0, 3, target, 1, 16, Combine.ADD);
    assertThat(target).isNotEqualTo(original);
    ChaCha20Keystream.apply(key, nonce, 0, 3, target, 1, 16, Combine.SUBTRACT);

    assertThat(target).isEqualTo(original);
  }

  @Test
  void apply_counterWouldWrap_throws() {
    int[] target = new int[32];

    assertThatThrownBy(() -> ChaCha20Keystream.apply(KEY_00_1F, new byte[12], -1, 0, target, 0,
        32, Combine.SET)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("block counter");
  }

  @Test
  void apply_wrongKeyOrNonceLength_throws() {
    int[] target = new int[1];

    assertThatThrownBy(() -> ChaCha20Keystream.apply(new byte[31], new byte[12], 0, 0, target, 0,
        1, Combine.SET)).hasMessageContaining("31 bytes");
    assertThatThrownBy(() -> ChaCha20Keystream.apply(KEY_00_1F, new byte[8], 0, 0, target, 0,
        1, Combine.SET)).hasMessageContaining("8 bytes");
  }

  static byte[] bouncyCastleKeystream(byte[] key, byte[] nonce, int bytes) {
    ChaCha7539Engine engine = new ChaCha7539Engine();
    engine.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
    byte[] out = new byte[bytes];
    engine.processBytes(new byte[bytes], 0, bytes, out, 0);
    return out;
  }

  static byte[] toBytes(int[] words) {
    ByteBuffer buf = ByteBuffer.allocate(4 * words.length).order(ByteOrder.LITTLE_ENDIAN);
    buf.asIntBuffer().put(words);
    return buf.array();
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }
}
