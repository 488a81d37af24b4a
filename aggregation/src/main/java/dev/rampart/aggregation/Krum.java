package dev.rampart.aggregation;

import dev.rampart.aggregation.internal.Inputs;
import dev.rampart.aggregation.internal.PairwiseDistances;
import dev.rampart.aggregation.internal.VectorMath;
import java.util.List;

/**
 * Krum and Multi-Krum (Blanchard, El Mhamdi, Guerraoui and Stainer, "Machine learning with
 * adversaries: Byzantine tolerant gradient descent", NeurIPS 2017).
 *
 * <p>Score of input i: the sum of the squared Euclidean distances from x_i to its k nearest other
 * inputs, with {@code k = n - f - 1} in the {@link KrumVariant#BYZFL} variant (ByzFL's
 * {@code Krum}/{@code MultiKrum}, which averages those distances; the mean and the sum rank
 * identically) or {@code k = n - f - 2} in the {@link KrumVariant#BLANCHARD} variant of the paper.
 * Krum returns the input with the lowest score. Multi-Krum returns the mean of the m inputs with the
 * lowest scores, {@code m = n - f} by default as in ByzFL. Ties go to the lower input index, as
 * {@code argmin} does; with ties, permutation invariance therefore holds only up to which of the
 * tied inputs is returned.
 *
 * <p>Requires {@code 2f < n}; the Blanchard variant also requires {@code n >= 2f + 3} so that
 * {@code k >= 1}. Non-finite inputs are rejected with an {@link IllegalArgumentException}.
 * Translation equivariant; n copies of x give x. Evidence: score as above, weight 1 (Krum) or 1/m
 * (Multi-Krum) for selected inputs, the rest excluded. Cost: the shared pairwise distance matrix,
 * {@code n(n-1)/2 * d} multiply-adds, plus O(n^2) selection and one pass to form the output
 * (Multi-Krum). Distance evidence costs no extra pass: Krum reads it from the matrix, Multi-Krum
 * measures it while forming the mean.
 */
final class Krum extends Rule {

  private final int maxByzantine;
  private final KrumVariant variant;
  private final boolean multi;
  private final int selectCount;

  Krum(int maxByzantine, KrumVariant variant, boolean multi, int selectCount) {
    this.maxByzantine = maxByzantine;
    this.variant = variant;
    this.multi = multi;
    this.selectCount = selectCount;
  }

  static int neighbourCount(int n, int f, KrumVariant variant, String rule) {
    Inputs.requireHonestMajority(n, f, rule);
    int k = variant == KrumVariant.BYZFL ? n - f - 1 : n - f - 2;
    if (variant == KrumVariant.BLANCHARD && n < 2 * f + 3) {
      throw new IllegalArgumentException(rule + " with variant=blanchard requires inputCount >= 2*maxByzantine + 3,"
          + " but maxByzantine=" + f + " and inputCount=" + n);
    }
    return Math.max(0, k);
  }

  @Override
  Outcome compute(List<float[]> inputs, int d, AggregationContext context) {
    int n = inputs.size();
    int f = maxByzantine;
    int k = neighbourCount(n, f, variant, name());
    int m = !multi ? 1 : selectCount == 0 ? n - f : selectCount;
    if (m > n) {
      throw new IllegalArgumentException(name() + " selects m=" + m + " inputs, but inputCount=" + n);
    }
    double[][] dist = PairwiseDistances.squaredOfFinite(inputs, d, name());
    double[] scores = Neighbours.krumScores(dist, k);
    boolean[] selected = Neighbours.smallest(scores, m);
    double[] w = Outcome.uniform(n, selected);
    boolean evidence = context.distanceEvidence();
    double[] squared = null;
    float[] out;
    if (m == 1) {
      int winner = 0;
      while (!selected[winner]) {
        winner++;
      }
      out = inputs.get(winner).clone();
      if (evidence) {
        // The output is an input: its distances are already in the matrix, accumulated in double.
        squared = new double[n];
        for (int i = 0; i < n; i++) {
          squared[i] = dist[i][winner];
        }
      }
    } else if (evidence) {
      VectorMath.Combination c = VectorMath.combineWithDistances(inputs, w, d, n);
      out = c.vector();
      squared = c.squaredDistances();
    } else {
      out = VectorMath.combine(inputs, w, d);
    }
    return Outcome.weighted(out, w).scores(scores).squaredDistances(squared);
  }

  @Override
  public String name() {
    String v = "variant=" + variant.specName();
    if (!multi) {
      return "krum(" + v + ")";
    }
    return selectCount == 0 ? "multikrum(" + v + ")" : "multikrum(" + v + ", m=" + selectCount + ")";
  }
}
