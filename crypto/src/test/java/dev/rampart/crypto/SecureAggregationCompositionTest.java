package dev.rampart.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The primitives composed the way SECAGG.md phases P1-P4 use them, for one group of five with one
 * member dropping after P1: the unmasked sum is bit-exact against the plaintext encodings. The
 * protocol state machines themselves live elsewhere; this guards the primitives' contracts.
 */
class SecureAggregationCompositionTest {
  private static final byte[] ENC = "enc".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MASK = "mask".getBytes(StandardCharsets.US_ASCII);
  private static final int S = 5;
  private static final int T = 3;
  private static final int D = 1000;

  private final SecureRandom random = new SecureRandom();

  @Test
  void unmask_oneDropoutAfterShareKeys_recoversExactSumOfSurvivors() {
    List<String> ids = List.of("c1", "c2", "c3", "c4", "c5");
    byte[] session = Digests.sha256("rampart/secagg/v1 test session".getBytes());
    AgreementKeyPair[] c = new AgreementKeyPair[S];
    AgreementKeyPair[] s = new AgreementKeyPair[S];
    byte[][] b = new byte[S][32];
    for (int u = 0; u < S; u++) {
      c[u] = AgreementKeyPair.generate(random);
      s[u] = AgreementKeyPair.generate(random);
      random.nextBytes(b[u]);
    }

    // P1: every member shares b_u and s_u^SK, sealed for each peer under K_uv.
    byte[][][] sealedB = new byte[S][S][];
    byte[][][] sealedSk = new byte[S][S][];
    for (int u = 0; u < S; u++) {
      List<ShamirShare> bShares = ShamirSharing.split(b[u], T, S, random);
      List<ShamirShare> skShares = ShamirSharing.split(s[u].privateKey(), T, S, random);
      for (int v = 0; v < S; v++) {
        if (v != u) {
          ShareCipher kuv = ShareCipher.create(c[u].deriveKey(c[v].publicKey(), session, ENC, 32));
          sealedB[u][v] = kuv.seal(ids.get(u), ids.get(v), 0, session, bShares.get(v).encode());
          sealedSk[u][v] = kuv.seal(ids.get(u), ids.get(v), 1, session, skShares.get(v).encode());
        }
      }
    }

    // P2: c5 (index 4) drops; the others mask against all of U2.
    FixedPointCodec codec = FixedPointCodec.forGroupSize(1.0, S);
    SplittableRandom data = new SplittableRandom(5);
    int[] plainSum = new int[D];
    int[] maskedSum = new int[D];
    double[] expectedMean = new double[D];
    for (int u = 0; u < S - 1; u++) {
      float[] x = new float[D];
      for (int i = 0; i < D; i++) {
        x[i] = (float) data.nextDouble(-1.5, 1.5);
        expectedMean[i] += Math.max(-1.0, Math.min(1.0, x[i])) / (S - 1);
      }
      int[] q = codec.encode(x, data);
      Masking.add(plainSum, q);
      int[] y = q.clone();
      MaskPrg.addTo(y, b[u]);
      List<String> peers = new ArrayList<>();
      List<byte[]> keys = new ArrayList<>();
      for (int v = 0; v < S; v++) {
        if (v != u) {
          peers.add(ids.get(v));
          keys.add(s[u].deriveKey(s[v].publicKey(), session, MASK, 32));
        }
      }
      Masking.applyPairwiseMasks(y, ids.get(u), peers, keys);
      Masking.add(maskedSum, y);
    }
    assertThat(maskedSum).isNotEqualTo(plainSum);

    // P4: survivors open what they hold: b shares of survivors, s^SK shares of the dropout.
    List<List<ShamirShare>> bSharesOf = new ArrayList<>();
    for (int u = 0; u < S; u++) {
      bSharesOf.add(new ArrayList<>());
    }
    List<ShamirShare> droppedSkShares = new ArrayList<>();
    for (int v = 0; v < S - 1; v++) {
      for (int u = 0; u < S; u++) {
        if (u == v) {
          continue;
        }
        ShareCipher kuv = ShareCipher.create(c[v].deriveKey(c[u].publicKey(), session, ENC, 32));
        if (u == S - 1) {
          droppedSkShares.add(ShamirShare.decode(
              kuv.open(ids.get(u), ids.get(v), 1, session, sealedSk[u][v])));
        } else {
          bSharesOf.get(u).add(ShamirShare.decode(
              kuv.open(ids.get(u), ids.get(v), 0, session, sealedB[u][v])));
        }
      }
    }

    // Coordinator: remove self masks, rebuild the dropout's pairwise masks and remove them.
    int[] sum = maskedSum.clone();
    for (int u = 0; u < S - 1; u++) {
      MaskPrg.subtractFrom(sum, ShamirSharing.recombine(bSharesOf.get(u).subList(0, T), T));
    }
    AgreementKeyPair dropped = AgreementKeyPair.fromPrivateKey(
        ShamirSharing.recombine(droppedSkShares, T));
    assertThat(dropped.publicKey()).isEqualTo(s[S - 1].publicKey());
    for (int u = 0; u < S - 1; u++) {
      byte[] k = dropped.deriveKey(s[u].publicKey(), session, MASK, 32);
      // Survivor u subtracted PRG(k) because "c5" sorts after it; add it back.
      MaskPrg.addTo(sum, k);
    }

    assertThat(sum).isEqualTo(plainSum);
    float[] mean = codec.decodeMean(sum, S - 1);
    for (int i = 0; i < D; i++) {
      assertThat((double) mean[i]).as("coordinate %d", i)
          .isCloseTo(expectedMean[i], within(1e-6));
    }
  }
}
