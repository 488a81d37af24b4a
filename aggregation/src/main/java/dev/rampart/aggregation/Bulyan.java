package dev.rampart.aggregation;

import dev.rampart.aggregation.internal.CoordinateWise;
import dev.rampart.aggregation.internal.Inputs;
import dev.rampart.aggregation.internal.ColumnStatistic;
import dev.rampart.aggregation.internal.PairwiseDistances;
import java.util.ArrayList;
import java.util.List;

/**
 * Bulyan (El Mhamdi, Guerraoui and Rouault, "The hidden vulnerability of distributed learning in
 * Byzantium", ICML 2018). ByzFL has no Bulyan; this follows the paper.
 *
 * <p>Selection: {@code theta = n - 2f} inputs are chosen one at a time, each time the input of
 * lowest Krum score within the inputs not yet chosen, the score summing the squared distances to
 * its {@code r - f - 2} nearest other remaining inputs (r = remaining count; at least 0). Late
 * rounds tie often (with one neighbour, mutual nearest neighbours score the same), so ties go to the
 * lower Krum score within the full set, then to the lower index; this keeps the rule permutation
 * invariant unless full-set scores tie too. Aggregation: at each coordinate, the mean of the {@code beta = theta - 2f}
 * selected values closest to the selected values' median (Meamed with 2f dropped). Requires
 * {@code n >= 4f + 3}; rejects non-finite inputs.
 *
 * <p>Permutation invariant up to score ties; translation equivariant; n copies of x give x.
 * Evidence: inputs not selected are excluded with trimmed share 1; selected inputs carry the
 * trimmed share of the coordinate step; score is the Krum score within the full set
 * ({@code n - f - 2} neighbours); no weights. Cost: the shared distance matrix, {@code O(theta n^2)}
 * selection, then a coordinate-wise pass over the theta selected inputs.
 */
final class Bulyan extends Rule {

  private final int maxByzantine;

  Bulyan(int maxByzantine) {
    this.maxByzantine = maxByzantine;
  }

  @Override
  Outcome compute(List<float[]> inputs, int d, AggregationContext context) {
    int n = inputs.size();
    int f = maxByzantine;
    if (n < 4 * f + 3) {
      throw new IllegalArgumentException(name() + " requires inputCount >= 4*maxByzantine + 3, but maxByzantine="
          + f + " and inputCount=" + n);
    }
    double[][] dist = PairwiseDistances.squaredOfFinite(inputs, d, name());
    double[] tmp = new double[n];
    double[] firstScores = Neighbours.krumScores(dist, Math.max(0, n - f - 2));
    boolean[] remaining = Neighbours.all(n);
    int theta = n - 2 * f;
    List<float[]> selected = new ArrayList<>(theta);
    int[] selectedIndex = new int[theta];
    for (int s = 0; s < theta; s++) {
      int k = Math.max(0, (n - s) - f - 2);
      int best = -1;
      double bestScore = Double.POSITIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        if (remaining[i]) {
          double score = Neighbours.krumScore(dist, i, k, remaining, tmp);
          if (best < 0 || score < bestScore
              || (score == bestScore && firstScores[i] < firstScores[best])) {
            best = i;
            bestScore = score;
          }
        }
      }
      remaining[best] = false;
      selectedIndex[s] = best;
      selected.add(inputs.get(best));
    }
    CoordinateWise.Result r = CoordinateWise.apply(selected, d, ColumnStatistic.meanAroundMedian(2 * f));
    long[] counts = new long[n];
    java.util.Arrays.fill(counts, d);
    for (int s = 0; s < theta; s++) {
      counts[selectedIndex[s]] = r.trimmedCounts()[s];
    }
    Outcome o = Outcome.trimmed(r.vector(), counts, d).scores(firstScores);
    for (int i = 0; i < n; i++) {
      o.excluded[i] |= remaining[i];
    }
    return o;
  }

  @Override
  public String name() {
    return "bulyan";
  }
}
