package dev.rampart.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.protocol.RampartException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.bouncycastle.crypto.threshold.ShamirSecretSplitter;
import org.bouncycastle.crypto.threshold.ShamirSplitSecret;
import org.bouncycastle.crypto.threshold.ShamirSplitSecretShare;
import org.junit.jupiter.api.Test;

class ShamirSharingTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void recombine_everySubsetOfThresholdShares_recoversSecret() {
    byte[] secret = secret(32);
    List<ShamirShare> shares = ShamirSharing.split(secret, 3, 5, random);

    for (int a = 0; a < 5; a++) {
      for (int b = a + 1; b < 5; b++) {
        for (int c = b + 1; c < 5; c++) {
          List<ShamirShare> subset = List.of(shares.get(c), shares.get(a), shares.get(b));
          assertThat(ShamirSharing.recombine(subset, 3)).as("shares %d,%d,%d", a, b, c)
              .isEqualTo(secret);
        }
      }
    }
  }

  @Test
  void recombine_moreThanThresholdShares_recoversSecret() {
    byte[] secret = secret(32);
    List<ShamirShare> shares = new ArrayList<>(ShamirSharing.split(secret, 6, 10, random));
    Collections.shuffle(shares, new Random(1));

    assertThat(ShamirSharing.recombine(shares.subList(0, 8), 6)).isEqualTo(secret);
  }

  @Test
  void split_sharesCarryIndicesOneToN() {
    List<ShamirShare> shares = ShamirSharing.split(secret(16), 2, 4, random);

    assertThat(shares).extracting(ShamirShare::index).containsExactly(1, 2, 3, 4);
    assertThat(shares).allSatisfy(s -> assertThat(s.length()).isEqualTo(16));
  }

  @Test
  void encodeDecode_roundTrip_keepsIndex() {
    byte[] secret = secret(32);
    List<ShamirShare> shares = ShamirSharing.split(secret, 2, 3, random);
    List<ShamirShare> decoded = new ArrayList<>();
    for (ShamirShare s : List.of(shares.get(2), shares.get(0))) {
      decoded.add(ShamirShare.decode(s.encode()));
    }

    assertThat(decoded).containsExactly(shares.get(2), shares.get(0));
    assertThat(ShamirSharing.recombine(decoded, 2)).isEqualTo(secret);
  }

  @Test
  void recombine_fewerThanThreshold_throwsNamingCounts() {
    List<ShamirShare> shares = ShamirSharing.split(secret(32), 3, 5, random);

    assertThatThrownBy(() -> ShamirSharing.recombine(shares.subList(0, 2), 3))
        .isInstanceOf(RampartException.class)
        .hasMessageContaining("threshold=3").hasMessageContaining("got 2");
  }

  @Test
  void bouncyCastleInterpolation_fewerThanThreshold_returnsGarbageNotError() {
    // Documents why recombine refuses short inputs: the underlying call does not.
    byte[] secret = secret(32);
    ShamirSplitSecretShare[] all = new ShamirSecretSplitter(ShamirSecretSplitter.Algorithm.AES,
        ShamirSecretSplitter.Mode.Native, 32, random).resplit(secret, 3, 5).getSecretShares();
    ShamirSplitSecretShare[] two = {all[0], all[3]};

    byte[] result = call(() -> new ShamirSplitSecret(ShamirSecretSplitter.Algorithm.AES,
        ShamirSecretSplitter.Mode.Native, two).getSecret());

    assertThat(result).hasSize(32).isNotEqualTo(secret);
  }

  @Test
  void recombine_oneWrongShare_resultDiffersFromSecret() {
    byte[] secret = secret(32);
    List<ShamirShare> shares = new ArrayList<>(ShamirSharing.split(secret, 3, 5, random));
    byte[] bad = shares.get(1).value();
    bad[0] ^= 1;
    shares.set(1, ShamirShare.of(shares.get(1).index(), bad));

    assertThat(ShamirSharing.recombine(shares.subList(0, 3), 3)).isNotEqualTo(secret);
  }

  @Test
  void recombine_duplicateIndex_throws() {
    List<ShamirShare> shares = ShamirSharing.split(secret(8), 2, 3, random);

    assertThatThrownBy(() -> ShamirSharing.recombine(List.of(shares.get(0), shares.get(0)), 2))
        .isInstanceOf(RampartException.class).hasMessageContaining("index 1 appears twice");
  }

  @Test
  void recombine_mixedLengths_throws() {
    ShamirShare a = ShamirShare.of(1, new byte[8]);
    ShamirShare b = ShamirShare.of(2, new byte[9]);

    assertThatThrownBy(() -> ShamirSharing.recombine(List.of(a, b), 2))
        .isInstanceOf(RampartException.class).hasMessageContaining("9 bytes");
  }

  @Test
  void split_invalidParameters_throwNamingValues() {
    assertThatThrownBy(() -> ShamirSharing.split(secret(8), 1, 3, random))
        .isInstanceOf(RampartException.class).hasMessageContaining("threshold=1");
    assertThatThrownBy(() -> ShamirSharing.split(secret(8), 4, 3, random))
        .isInstanceOf(RampartException.class).hasMessageContaining("shareCount=3");
    assertThatThrownBy(() -> ShamirSharing.split(secret(8), 2, 256, random))
        .isInstanceOf(RampartException.class).hasMessageContaining("shareCount=256");
    assertThatThrownBy(() -> ShamirSharing.split(new byte[0], 2, 3, random))
        .isInstanceOf(RampartException.class).hasMessageContaining("was 0");
  }

  @Test
  void shareOf_invalid_throws() {
    assertThatThrownBy(() -> ShamirShare.of(0, new byte[1])).hasMessageContaining("was 0");
    assertThatThrownBy(() -> ShamirShare.decode(new byte[] {0, 1})).hasMessageContaining("was 0");
    assertThatThrownBy(() -> ShamirShare.decode(new byte[] {1})).hasMessageContaining("was 1");
  }

  @Test
  void toString_omitsValue() {
    ShamirShare share = ShamirShare.of(7, new byte[] {0x5a, 0x5a});

    assertThat(share.toString()).isEqualTo("ShamirShare[index=7, 2 bytes]");
  }

  private byte[] secret(int n) {
    byte[] s = new byte[n];
    random.nextBytes(s);
    return s;
  }

  private interface IoCall {
    byte[] get() throws Exception;
  }

  private static byte[] call(IoCall c) {
    try {
      return c.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
