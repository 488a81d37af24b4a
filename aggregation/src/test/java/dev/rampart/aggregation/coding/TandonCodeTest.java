package dev.rampart.aggregation.coding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TandonCodeTest {

  private static final double DECODING_TOLERANCE = 1e-9;

  @Test
  void encodingMatrix_rowsAreSupportedOnSPlusOneCyclicShards() {
    TandonCode code = TandonCode.create(7, 3, new SplittableRandom(1));
    double[][] b = code.encodingMatrix();
    for (int i = 0; i < 7; i++) {
      for (int j = 0; j < 7; j++) {
        int offset = Math.floorMod(j - i, 7);
        if (offset > 3) {
          assertThat(b[i][j]).as("B[%d][%d]", i, j).isZero();
        }
      }
      assertThat(b[i][i]).isEqualTo(1.0);
      assertThat(code.task(i, 0).shards()).containsExactly(i, (i + 1) % 7, (i + 2) % 7, (i + 3) % 7);
    }
  }

  @Test
  void decodingVector_everyStragglerPattern_givesAllOnes() {
    SplittableRandom seeds = new SplittableRandom(2);
    for (int n = 1; n <= 8; n++) {
      for (int s = 0; s < n; s++) {
        TandonCode code = TandonCode.create(n, s, new SplittableRandom(seeds.nextLong()));
        double[][] b = code.encodingMatrix();
        for (int mask = 0; mask < (1 << n); mask++) {
          if (Integer.bitCount(mask) > s) {
            continue;
          }
          int[] responders = responders(n, mask);
          double[] a = code.decodingVector(responders);
          for (int j = 0; j < n; j++) {
            double sum = 0;
            for (int r = 0; r < responders.length; r++) {
              sum += a[r] * b[responders[r]][j];
            }
            assertThat(sum).as("n=%d s=%d stragglers=%s column %d", n, s, Integer.toBinaryString(mask), j)
                .isCloseTo(1.0, org.assertj.core.api.Assertions.within(DECODING_TOLERANCE));
          }
        }
      }
    }
  }

  @Test
  void decode_everyPatternOfSStragglers_returnsTheFullGradient() {
    SplittableRandom r = new SplittableRandom(3);
    int n = 8;
    int s = 3;
    TandonCode code = TandonCode.create(n, s, new SplittableRandom(4));
    List<float[]> g = Gradients.random(r, n, 6);
    double[] full = Gradients.mean(g);
    for (int mask = 0; mask < (1 << n); mask++) {
      if (Integer.bitCount(mask) != s) {
        continue;
      }
      int[] responders = responders(n, mask);
      List<float[]> coded = new ArrayList<>();
      for (int w : responders) {
        coded.add(LadEncoder.encode(code.task(w, 0), g::get));
      }
      assertThat(Gradients.relativeError(code.decode(responders, coded), full)).as("mask %s", mask)
          .isLessThanOrEqualTo(1e-5);
    }
  }

  @Test
  void decodingVector_tooFewResponders_isRejected() {
    TandonCode code = TandonCode.create(5, 1, new SplittableRandom(5));
    assertThatThrownBy(() -> code.decodingVector(new int[] {0, 1, 2}))
        .hasMessageContaining("at least n − s = 4 responders, but got 3");
    assertThatThrownBy(() -> code.decodingVector(new int[] {0, 1, 2, 2}))
        .hasMessageContaining("responder 2 is listed twice");
    assertThatThrownBy(() -> TandonCode.create(5, 5, new SplittableRandom(1)))
        .hasMessageContaining("stragglers must be in [0, workerCount=5), but was 5");
  }

  @Test
  void create_sameSeed_sameCode() {
    double[][] a = TandonCode.create(6, 2, new SplittableRandom(9)).encodingMatrix();
    double[][] b = TandonCode.create(6, 2, new SplittableRandom(9)).encodingMatrix();
    assertThat(a).isDeepEqualTo(b);
  }

  private static int[] responders(int n, int stragglerMask) {
    int[] out = new int[n - Integer.bitCount(stragglerMask)];
    int k = 0;
    for (int w = 0; w < n; w++) {
      if ((stragglerMask & (1 << w)) == 0) {
        out[k++] = w;
      }
    }
    return out;
  }
}
