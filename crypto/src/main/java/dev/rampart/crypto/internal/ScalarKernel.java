package dev.rampart.crypto.internal;

/**
 * The portable {@link BlockKernel}: {@value #LANES} blocks side by side in plain {@code int}
 * arrays, one loop over the lanes per quarter-round step (a shape the JIT may auto-vectorize).
 * Used when the JDK's vector module or the optimizing JIT is not available. Stateless and
 * thread-safe; each {@link Worker} has its own buffers.
 */
final class ScalarKernel implements BlockKernel {
  static final ScalarKernel INSTANCE = new ScalarKernel();
  private static final int LANES = 16;
  private static final int ROUNDS = 20;
  private static final int WORDS = 16;

  private ScalarKernel() {}

  @Override
  public int lanes() {
    return LANES;
  }

  @Override
  public String description() {
    return "scalar, " + LANES + " lanes";
  }

  @Override
  public Worker worker() {
    return new Lanes();
  }

  /** One thread's lane arrays: word w of block l is {@code x[w][l]}. */
  private static final class Lanes implements Worker {
    private final int[][] x = new int[WORDS][LANES];

    @Override
    public void accumulate(int[] state, int firstCounter, boolean subtract, int[] acc) {
      for (int w = 0; w < WORDS; w++) {
        java.util.Arrays.fill(x[w], state[w]);
      }
      int[] counter = x[12];
      for (int l = 0; l < LANES; l++) {
        counter[l] = firstCounter + l;
      }
      for (int r = 0; r < ROUNDS; r += 2) {
        quarter(x[0], x[4], x[8], x[12]);
        quarter(x[1], x[5], x[9], x[13]);
        quarter(x[2], x[6], x[10], x[14]);
        quarter(x[3], x[7], x[11], x[15]);
        quarter(x[0], x[5], x[10], x[15]);
        quarter(x[1], x[6], x[11], x[12]);
        quarter(x[2], x[7], x[8], x[13]);
        quarter(x[3], x[4], x[9], x[14]);
      }
      for (int w = 0; w < WORDS; w++) {
        int[] xw = x[w];
        int base = w * LANES;
        if (w == 12) {
          for (int l = 0; l < LANES; l++) {
            xw[l] += firstCounter + l;
          }
        } else {
          int add = state[w];
          for (int l = 0; l < LANES; l++) {
            xw[l] += add;
          }
        }
        if (subtract) {
          for (int l = 0; l < LANES; l++) {
            acc[base + l] -= xw[l];
          }
        } else {
          for (int l = 0; l < LANES; l++) {
            acc[base + l] += xw[l];
          }
        }
      }
    }
  }

  private static void quarter(int[] a, int[] b, int[] c, int[] d) {
    for (int l = 0; l < LANES; l++) {
      a[l] += b[l];
      d[l] = Integer.rotateLeft(d[l] ^ a[l], 16);
    }
    for (int l = 0; l < LANES; l++) {
      c[l] += d[l];
      b[l] = Integer.rotateLeft(b[l] ^ c[l], 12);
    }
    for (int l = 0; l < LANES; l++) {
      a[l] += b[l];
      d[l] = Integer.rotateLeft(d[l] ^ a[l], 8);
    }
    for (int l = 0; l < LANES; l++) {
      c[l] += d[l];
      b[l] = Integer.rotateLeft(b[l] ^ c[l], 7);
    }
  }
}
