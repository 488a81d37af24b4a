package dev.rampart.aggregation.coding;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Tandon et al.'s cyclic repetition gradient code for stragglers (Tandon, Lei, Dimakis and
 * Karampatziakis, "Gradient Coding: Avoiding Stragglers in Distributed Learning", ICML 2017,
 * Algorithm 2 and Theorem 3), with exact decoding from any n − s responders.
 *
 * <p>Definitions: n workers and n shards (k = n partitions), s stragglers tolerated, 0 ≤ s &lt; n.
 * Worker i computes the s + 1 cyclically consecutive shards {i, i+1, …, i+s} mod n and sends
 * c_i = Σ_j B[i][j]·g_j. Construction: draw H ∈ ℝ^{s×n} with i.i.d. standard normal entries in its
 * first n − 1 columns and set its last column so that every row sums to zero (H·1 = 0). Row i of
 * B has B[i][i] = 1 and its other s entries on the support solve H_{:,rest}·x = −H_{:,i}, so that
 * H·b_iᵀ = 0. Every row of B lies in null(H), which has dimension n − s and contains the all-ones
 * vector 1; with probability one any n − s rows of B are linearly independent and span null(H),
 * so for every responder set F with |F| ≥ n − s there is a with a·B_F = 1ᵀ. Decoding computes
 * a = argmin ‖B_Fᵀa − 1‖₂ by Householder QR (exact up to rounding), and then
 * Σ_{i∈F} a_i c_i = Σ_j g_j; {@link #decode} returns the mean (1/n)·Σ_j g_j to match the full
 * gradient convention of {@link CyclicAssignment}.
 *
 * <p>Numerics: B is built and decoded in double. Gaussian H makes B well conditioned for small n;
 * for large n (hundreds) with large s the conditioning of B_F degrades and {@link
 * #decodingVector} throws {@link DecodingException} when the residual ‖a·B_F − 1‖∞ exceeds
 * {@value #RESIDUAL_TOLERANCE}. Construction costs O(n·s³), decoding O(n·|F|²). Immutable and
 * thread-safe.
 */
public final class TandonCode {

  /** Largest accepted ‖a·B_F − 1‖∞ after decoding. */
  public static final double RESIDUAL_TOLERANCE = 1e-6;

  private final int stragglers;
  private final double[][] b;

  private TandonCode(int stragglers, double[][] b) {
    this.stragglers = stragglers;
    this.b = b;
  }

  /**
   * Constructs the code with a random H drawn from {@code random}.
   *
   * @param workerCount n ≥ 1 (also the number of shards)
   * @param stragglers s in [0, n)
   * @param random seeded by the caller and recorded, so the code can be rebuilt
   * @return the code
   */
  public static TandonCode create(int workerCount, int stragglers, RandomGenerator random) {
    if (workerCount < 1) {
      throw new IllegalArgumentException("workerCount must be ≥ 1, but was " + workerCount);
    }
    if (stragglers < 0 || stragglers >= workerCount) {
      throw new IllegalArgumentException("stragglers must be in [0, workerCount=" + workerCount + "), but was "
          + stragglers);
    }
    if (random == null) {
      throw new IllegalArgumentException("random must not be null");
    }
    int n = workerCount;
    int s = stragglers;
    double[][] h = new double[s][n];
    for (int r = 0; r < s; r++) {
      double sum = 0;
      for (int c = 0; c < n - 1; c++) {
        h[r][c] = random.nextGaussian();
        sum += h[r][c];
      }
      h[r][n - 1] = -sum;
    }
    double[][] b = new double[n][n];
    for (int i = 0; i < n; i++) {
      b[i][i] = 1.0;
      if (s == 0) {
        continue;
      }
      double[][] rest = new double[s][s];
      double[] rhs = new double[s];
      for (int r = 0; r < s; r++) {
        rhs[r] = -h[r][i];
        for (int k = 1; k <= s; k++) {
          rest[r][k - 1] = h[r][(i + k) % n];
        }
      }
      double[] x = DenseLinearAlgebra.solve(rest, rhs);
      for (int k = 1; k <= s; k++) {
        b[i][(i + k) % n] = x[k - 1];
      }
    }
    return new TandonCode(s, b);
  }

  /** n, the number of workers and of shards. */
  public int workerCount() {
    return b.length;
  }

  /** s, the number of stragglers tolerated. */
  public int stragglers() {
    return stragglers;
  }

  /** A copy of the n×n encoding matrix B (row i is worker i's coefficients over all shards). */
  public double[][] encodingMatrix() {
    double[][] copy = new double[b.length][];
    for (int i = 0; i < b.length; i++) {
      copy[i] = b[i].clone();
    }
    return copy;
  }

  /**
   * Worker i's task: shards {i, …, i+s} mod n with coefficients B[i][·] on them.
   *
   * @param worker in [0, n)
   * @param round ≥ 0; the code is the same in every round
   * @return the task
   */
  public CodingTask task(int worker, long round) {
    requireWorker(worker);
    int n = b.length;
    int[] shards = new int[stragglers + 1];
    double[] coefficients = new double[stragglers + 1];
    for (int k = 0; k <= stragglers; k++) {
      shards[k] = (worker + k) % n;
      coefficients[k] = b[worker][shards[k]];
    }
    return new CodingTask(worker, round, shards, coefficients);
  }

  /**
   * The decoding vector a with a·B_F = 1ᵀ for the responders F.
   *
   * @param responders distinct worker indices, at least n − s of them, in the order in which the
   *     coded vectors will be combined
   * @return a, one weight per responder
   * @throws IllegalArgumentException when there are fewer than n − s responders, or an index is
   *     out of range or repeated
   * @throws DecodingException when the residual exceeds {@value #RESIDUAL_TOLERANCE}
   */
  public double[] decodingVector(int[] responders) {
    int n = b.length;
    requireResponders(responders);
    // Any n − s rows of B span null(H) ∋ 1, so decode from the first n − s responders and give
    // any extra ones weight 0: with more columns than rank, QR would meet a zero pivot.
    int use = n - stragglers;
    double[][] bft = new double[n][use];
    for (int r = 0; r < use; r++) {
      for (int j = 0; j < n; j++) {
        bft[j][r] = b[responders[r]][j];
      }
    }
    double[] ones = new double[n];
    Arrays.fill(ones, 1.0);
    double[] a = Arrays.copyOf(DenseLinearAlgebra.leastSquares(bft, ones), responders.length);
    double residual = 0;
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int r = 0; r < use; r++) {
        s += a[r] * bft[j][r];
      }
      residual = Math.max(residual, Math.abs(s - 1.0));
    }
    if (!(residual <= RESIDUAL_TOLERANCE)) {
      throw new DecodingException("Tandon decoding of responders " + Arrays.toString(responders)
          + " left residual ‖a·B_F − 1‖∞ = " + residual);
    }
    return a;
  }

  /**
   * Decodes the full gradient (1/n)·Σ_j g_j from the responders' coded vectors.
   *
   * @param responders as for {@link #decodingVector}
   * @param coded coded vectors aligned with {@code responders}, one dimension
   * @return the mean shard gradient, accumulated in double
   */
  public float[] decode(int[] responders, List<float[]> coded) {
    double[] a = decodingVector(responders);
    if (coded == null || coded.size() != responders.length) {
      throw new IllegalArgumentException("expected " + responders.length + " coded vectors, but got "
          + (coded == null ? "null" : coded.size()));
    }
    double[] scaled = new double[a.length];
    for (int r = 0; r < a.length; r++) {
      scaled[r] = a[r] / b.length;
    }
    return LadEncoder.withCoefficients(scaled).encode(coded);
  }

  private void requireResponders(int[] responders) {
    int n = b.length;
    if (responders == null || responders.length < n - stragglers) {
      throw new IllegalArgumentException("decoding needs at least n − s = " + (n - stragglers)
          + " responders, but got " + (responders == null ? 0 : responders.length));
    }
    boolean[] seen = new boolean[n];
    for (int r : responders) {
      requireWorker(r);
      if (seen[r]) {
        throw new IllegalArgumentException("responder " + r + " is listed twice");
      }
      seen[r] = true;
    }
  }

  private void requireWorker(int worker) {
    if (worker < 0 || worker >= b.length) {
      throw new IllegalArgumentException("worker must be in [0, workerCount=" + b.length + "), but was " + worker);
    }
  }

  @Override
  public String toString() {
    return "TandonCode[workerCount=" + b.length + ", stragglers=" + stragglers + "]";
  }
}
