package dev.rampart.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.crypto.internal.ChaCha20Keystream.Combine;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both block kernels against BouncyCastle's RFC 8439 engine (through
 * {@link ChaCha20KeystreamTest#bouncyCastleKeystream}), and the multi-stream sum against one
 * stream at a time.
 */
class BlockKernelTest {
  static List<BlockKernel> kernels() {
    List<BlockKernel> out = new ArrayList<>();
    out.add(ScalarKernel.INSTANCE);
    BlockKernel vector = Kernels.vectorOrNull();
    if (vector != null) {
      out.add(vector);
    }
    return out;
  }

  @Test
  void vectorKernel_testJvmHasTheModule_isSelectedOnceWarm() throws InterruptedException {
    // The build starts test JVMs with --add-modules jdk.incubator.vector (rampart.jvm.modules), as
    // the rampart launcher does; without it the slow kernel would be tested and used silently.
    assertThat(Kernels.vectorOrNull()).isNotNull();
    assertThat(Kernels.awaitFinal(2, TimeUnit.MINUTES)).as("warm-up finished").isTrue();
    assertThat(Kernels.best().description()).startsWith("vector");
    assertThat(ChaCha20Keystream.implementation()).isEqualTo(Kernels.best().description());
  }

  @ParameterizedTest
  @MethodSource("kernels")
  void accumulate_addingFromZero_equalsBouncyCastleBlocks(BlockKernel kernel) {
    SplittableRandom random = new SplittableRandom(7);
    byte[] key = new byte[32];
    byte[] nonce = new byte[12];
    random.nextBytes(key);
    random.nextBytes(nonce);
    int lanes = kernel.lanes();
    int firstCounter = 3;
    int[] acc = new int[16 * lanes];

    kernel.worker().accumulate(state(key, nonce), firstCounter, false, acc);

    int[] expected = words(ChaCha20KeystreamTest.bouncyCastleKeystream(key, nonce,
        64 * (firstCounter + lanes)));
    for (int l = 0; l < lanes; l++) {
      for (int w = 0; w < 16; w++) {
        assertThat(acc[w * lanes + l]).as("%s block %d word %d", kernel.description(), l, w)
            .isEqualTo(expected[16 * (firstCounter + l) + w]);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("kernels")
  void accumulate_subtractAfterAdd_returnsToStart(BlockKernel kernel) {
    int[] state = state(new byte[32], new byte[12]);
    int[] acc = new int[16 * kernel.lanes()];
    java.util.Arrays.fill(acc, 41);

    BlockKernel.Worker worker = kernel.worker();
    worker.accumulate(state, 0, false, acc);
    assertThat(acc).as("added").isNotEqualTo(filled(acc.length, 41));
    worker.accumulate(state, 0, true, acc);

    assertThat(acc).isEqualTo(filled(acc.length, 41));
  }

  @ParameterizedTest
  @MethodSource("kernels")
  void applyAll_mixedSignsUnalignedRanges_equalsOneStreamAtATime(BlockKernel kernel) {
    SplittableRandom random = new SplittableRandom(20261125L);
    for (int trial = 0; trial < 10; trial++) {
      int streams = random.nextInt(0, 6);
      byte[][] keys = new byte[streams][32];
      boolean[] subtract = new boolean[streams];
      for (int k = 0; k < streams; k++) {
        random.nextBytes(keys[k]);
        subtract[k] = random.nextBoolean();
      }
      byte[] nonce = new byte[12];
      random.nextBytes(nonce);
      long streamWord = trial % 2 == 0 ? 16L * random.nextInt(0, 50) : random.nextInt(0, 900);
      int length = random.nextInt(0, 2000);
      int from = random.nextInt(0, 20);
      int[] target = new int[from + length + 5];
      for (int i = 0; i < target.length; i++) {
        target[i] = random.nextInt();
      }
      int[] expected = target.clone();
      for (int k = 0; k < streams; k++) {
        ChaCha20Keystream.apply(keys[k], nonce, 1, streamWord, expected, from, length,
            subtract[k] ? Combine.SUBTRACT : Combine.ADD);
      }

      ChaCha20Keystream.applyAll(kernel, keys, nonce, 1, subtract, streamWord, target, from,
          length);

      assertThat(target).as("%s trial %d: %d streams from word %d, length %d",
          kernel.description(), trial, streams, streamWord, length).isEqualTo(expected);
    }
  }

  @Test
  void applyAll_keysAndFlagsDiffer_throwsNamingBoth() {
    assertThatThrownBy(() -> ChaCha20Keystream.applyAll(new byte[2][32], new byte[12], 0,
        new boolean[1], 0, new int[4], 0, 4)).hasMessage("2 keys but 1 subtract flags");
  }

  @Test
  void applyAll_oneShortKey_throwsNamingLength() {
    byte[][] keys = {new byte[32], new byte[16]};

    assertThatThrownBy(() -> ChaCha20Keystream.applyAll(keys, new byte[12], 0,
        new boolean[2], 0, new int[4], 0, 4)).hasMessageContaining("16 bytes");
  }

  private static int[] state(byte[] key, byte[] nonce) {
    return ChaCha20Keystream.initialState(key, nonce);
  }

  private static int le(byte[] b, int off) {
    return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16
        | (b[off + 3] & 0xff) << 24;
  }

  private static int[] filled(int n, int value) {
    int[] a = new int[n];
    java.util.Arrays.fill(a, value);
    return a;
  }

  private static int[] words(byte[] bytes) {
    int[] w = new int[bytes.length / 4];
    for (int i = 0; i < w.length; i++) {
      w[i] = le(bytes, 4 * i);
    }
    return w;
  }
}
