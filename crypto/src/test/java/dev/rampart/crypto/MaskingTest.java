package dev.rampart.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MaskingTest {

  @Test
  void add_wrapsModulo2To32() {
    int[] target = {Integer.MAX_VALUE, -1, 5};

    Masking.add(target, new int[] {1, 1, -10});

    assertThat(target).containsExactly(Integer.MIN_VALUE, 0, -5);
  }

  @Test
  void subtract_wrapsModulo2To32() {
    int[] target = {Integer.MIN_VALUE, 0};

    Masking.subtract(target, new int[] {1, 1});

    assertThat(target).containsExactly(Integer.MAX_VALUE, -1);
  }

  @Test
  void add_lengthMismatch_throwsNamingLengths() {
    assertThatThrownBy(() -> Masking.add(new int[3], new int[4]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3").hasMessageContaining("4");
  }

  @Test
  void applyPairwiseMasks_groupOfFive_masksCancelInSum() {
    List<String> ids = List.of("c1", "c2", "c3", "c4", "c5");
    SplittableRandom random = new SplittableRandom(99);
    byte[][][] pairKey = new byte[5][5][];
    for (int u = 0; u < 5; u++) {
      for (int v = u + 1; v < 5; v++) {
        byte[] k = new byte[32];
        random.nextBytes(k);
        pairKey[u][v] = k;
        pairKey[v][u] = k;
      }
    }
    int d = 257;
    int[] plainSum = new int[d];
    int[] maskedSum = new int[d];
    for (int u = 0; u < 5; u++) {
      int[] x = random.ints(d).toArray();
      Masking.add(plainSum, x);
      List<String> peers = new ArrayList<>();
      List<byte[]> keys = new ArrayList<>();
      for (int v = 0; v < 5; v++) {
        if (v != u) {
          peers.add(ids.get(v));
          keys.add(pairKey[u][v]);
        }
      }
      int[] y = x.clone();
      Masking.applyPairwiseMasks(y, ids.get(u), peers, keys);
      assertThat(y).isNotEqualTo(x);
      Masking.add(maskedSum, y);
    }

    assertThat(maskedSum).isEqualTo(plainSum);
  }

  @Test
  void applyPairwiseMasks_peerSortsBefore_addsStream() {
    byte[] key = new byte[32];
    key[1] = 1;
    int[] y = new int[8];

    Masking.applyPairwiseMasks(y, "b", List.of("a"), List.of(key));

    assertThat(y).isEqualTo(MaskPrg.expand(key, 8));
  }

  @Test
  void applyPairwiseMasks_selfAmongPeers_throws() {
    assertThatThrownBy(() -> Masking.applyPairwiseMasks(new int[1], "a", List.of("a"),
        List.of(new byte[32]))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a'");
  }
}
