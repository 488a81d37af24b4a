package dev.rampart.coordinator.internal;

import dev.rampart.aggregation.InputEvidence;
import java.util.Arrays;
import java.util.List;

/**
 * Decides which inputs of one aggregation the rule singled out, from the rule's own evidence.
 *
 * <p>Robust rules treat every input somewhat (a coordinate-wise median trims most values of every
 * input; Krum leaves out all but one), so an input counts as <em>suspected</em> only when the rule
 * treated it exceptionally compared with its peers in the same round:
 * <ul>
 *   <li>it was excluded while fewer than half of the inputs were; or
 *   <li>on one of the signals below its value is an outlier on the bad side: modified z-score
 *       {@code 0.6745·(x − median)/MAD > 3.5} (Iglewicz and Hoaglin, 1993), or, when the MAD is 0
 *       because most inputs share one value, any value strictly worse than that median.
 * </ul>
 * Signals (higher is worse): the trimmed share; {@code 1 − clipScale}; {@code −weight} where the
 * rule has weights; and the rule's score for rules whose score is a distance (Krum, Multi-Krum,
 * Bulyan, MoNNA).
 *
 * <p>Stateless and thread-safe.
 */
final class Suspicion {
  /** Modified z-score above which a value is an outlier. */
  static final double Z_THRESHOLD = 3.5;

  private Suspicion() {}

  /**
   * @param evidence one entry per input
   * @param scoreIsDistance whether a higher score means farther from the others
   * @return for each input, whether it is suspected
   */
  static boolean[] flag(List<InputEvidence> evidence, boolean scoreIsDistance) {
    return flag(evidence, scoreIsDistance, false);
  }

  /**
   * As {@link #flag(List, boolean)}, plus, when {@code distanceIsSignal}, each input's distance to
   * the aggregate as a signal. Used for secure-aggregation group means, whose honest spread is
   * small (each is a mean of several clients), so that a spoiled group stands out by its distance
   * even under rules that report no per-input weights (the coordinate-wise median).
   */
  static boolean[] flag(List<InputEvidence> evidence, boolean scoreIsDistance, boolean distanceIsSignal) {
    int n = evidence.size();
    boolean[] out = new boolean[n];
    long excluded = evidence.stream().filter(InputEvidence::excluded).count();
    for (int i = 0; i < n; i++) {
      out[i] = evidence.get(i).excluded() && 2 * excluded < n;
    }
    mark(out, evidence.stream().mapToDouble(InputEvidence::trimmedShare).toArray());
    mark(out, evidence.stream().mapToDouble(e -> 1.0 - e.clipScale()).toArray());
    mark(out, evidence.stream().mapToDouble(e -> -e.weight()).toArray());
    if (scoreIsDistance) {
      mark(out, evidence.stream().mapToDouble(InputEvidence::score).toArray());
    }
    if (distanceIsSignal) {
      mark(out, evidence.stream().mapToDouble(InputEvidence::distanceToOutput).toArray());
    }
    return out;
  }

  private static void mark(boolean[] out, double[] signal) {
    double[] finite = Arrays.stream(signal).filter(Double::isFinite).sorted().toArray();
    if (finite.length < 3) {
      return;
    }
    double median = median(finite);
    double[] deviations = Arrays.stream(finite).map(x -> Math.abs(x - median)).sorted().toArray();
    double mad = median(deviations);
    for (int i = 0; i < signal.length; i++) {
      double x = signal[i];
      if (!Double.isFinite(x)) {
        continue;
      }
      boolean outlier = mad > 0 ? 0.6745 * (x - median) / mad > Z_THRESHOLD : x > median + 1e-12;
      out[i] |= outlier;
    }
  }

  private static double median(double[] sorted) {
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : 0.5 * (sorted[m - 1] + sorted[m]);
  }
}
