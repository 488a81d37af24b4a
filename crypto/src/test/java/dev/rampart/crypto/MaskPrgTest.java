package dev.rampart.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** SECAGG.md attack 14: PRG golden vector and key sensitivity. */
class MaskPrgTest {

  @Test
  void expand_allZeroKey_isRfc8439AppendixA1Vectors1And2() {
    // Test vector #1 is block 0 and test vector #2 is block 1 of the all-zero key and nonce.
    int[] expected = concat(
        littleEndianWords(Hex.bytes(
            "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
                + "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586")),
        littleEndianWords(Hex.bytes(
            "9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32ee7aed"
                + "29b721769ce64e43d57133b074d839d531ed1f28510afb45ace10a1f4b794d6f")));

    assertThat(MaskPrg.expand(new byte[32], 32)).isEqualTo(expected);
    assertThat(MaskPrg.expand(new byte[32], 1)[0]).isEqualTo(0xade0b876);
  }

  @Test
  void expand_anySingleKeyBitFlipped_streamChangesInAboutHalfTheBits() {
    byte[] key = new byte[32];
    new SplittableRandom(14).nextBytes(key);
    int[] base = MaskPrg.expand(key, 256);
    for (int bit = 0; bit < 256; bit++) {
      byte[] flipped = key.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));

      int[] other = MaskPrg.expand(flipped, 256);

      long differing = 0;
      for (int i = 0; i < base.length; i++) {
        differing += Integer.bitCount(base[i] ^ other[i]);
      }
      // 8192 bits compared; a fair coin per bit stays within 45-55 % with overwhelming margin.
      assertThat(differing / 8192.0).as("key bit %d", bit).isBetween(0.45, 0.55);
    }
  }

  @Test
  void expand_sameKey_sameStream() {
    byte[] key = Hex.bytes("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    assertThat(MaskPrg.expand(key, 1000)).isEqualTo(MaskPrg.expand(key.clone(), 1000));
  }

  @Test
  void expand_prefixOfLongerStream() {
    byte[] key = new byte[32];
    key[5] = 9;

    int[] longer = MaskPrg.expand(key, 100);

    assertThat(MaskPrg.expand(key, 37)).containsExactly(java.util.Arrays.copyOf(longer, 37));
  }

  @Test
  void addToThenSubtractFrom_restoresVector() {
    byte[] key = new byte[32];
    key[0] = 1;
    int[] vector = new SplittableRandom(3).ints(1001).toArray();
    int[] original = vector.clone();

    MaskPrg.addTo(vector, key);
    assertThat(vector).isNotEqualTo(original);
    MaskPrg.subtractFrom(vector, key);

    assertThat(vector).isEqualTo(original);
  }

  @Test
  void addTo_equalsVectorPlusExpandedStreamModulo2To32() {
    byte[] key = new byte[32];
    key[31] = 42;
    int[] vector = {Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 0, 1};
    int[] stream = MaskPrg.expand(key, vector.length);
    int[] expected = new int[vector.length];
    for (int i = 0; i < vector.length; i++) {
      expected[i] = (int) ((Integer.toUnsignedLong(vector[i]) + Integer.toUnsignedLong(stream[i]))
          % (1L << 32));
    }

    MaskPrg.addTo(vector, key);

    assertThat(vector).isEqualTo(expected);
  }

  @Test
  void applySlice_slicesCoverVector_equalsWholeVector() {
    byte[] key = new byte[32];
    key[7] = 7;
    int[] whole = new int[1000];
    int[] sliced = new int[1000];
    MaskPrg.addTo(whole, key);

    int[] cuts = {0, 13, 16, 500, 999, 1000};
    for (int c = 0; c + 1 < cuts.length; c++) {
      MaskPrg.applySlice(key, cuts[c], sliced, cuts[c], cuts[c + 1] - cuts[c], false);
    }

    assertThat(sliced).isEqualTo(whole);
  }

  @Test
  void expand_wrongKeyLength_throwsNamingLength() {
    assertThatThrownBy(() -> MaskPrg.expand(new byte[16], 4))
        .isInstanceOf(KeyFormatException.class).hasMessageContaining("16 bytes");
    assertThatThrownBy(() -> MaskPrg.addTo(new int[4], null))
        .isInstanceOf(KeyFormatException.class).hasMessageContaining("null");
  }

  private static int[] littleEndianWords(byte[] bytes) {
    int[] words = new int[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(words);
    return words;
  }

  private static int[] concat(int[] a, int[] b) {
    int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
