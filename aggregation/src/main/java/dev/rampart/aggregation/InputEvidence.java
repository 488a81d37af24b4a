package dev.rampart.aggregation;

/**
 * What one aggregation did to one original input, for the audit trail.
 *
 * <p>Fields, and how each rule fills them:
 * <ul>
 *   <li>{@code index}: position of the input in the list given to {@code aggregate}, from 0.
 *   <li>{@code excluded}: the input's values did not enter the output. Selection rules (Krum,
 *       Multi-Krum, MDA, MoNNA, SMEA, Bulyan's selection) set it for inputs they did not select;
 *       coordinate-wise rules set it when the input was trimmed at every coordinate; Geometric
 *       Median sets it for rows it dropped because they hold an infinity; CAF sets it when the
 *       input's weight in the returned mean is 0. Through a pipeline, an input is excluded when
 *       every pre-aggregated vector it contributes to is excluded.
 *   <li>{@code weight}: the input's coefficient when the output is a linear combination of the
 *       inputs (Average 1/n; Krum 1 for the winner; Multi-Krum, MDA, MoNNA, SMEA 1/m for the m
 *       selected; Geometric Median and CAF their final normalized weights; Centered Clipping the
 *       coefficient of the input after all iterations, the rest of the mass staying on the
 *       previous aggregate). {@code NaN} for coordinate-wise rules (Median, Trimmed Mean, Meamed,
 *       Bulyan) whose output is no fixed combination. Pipelines compose it through the
 *       pre-aggregators' mixing matrices when the final rule has weights.
 *   <li>{@code trimmedShare}: fraction in [0, 1] of coordinates at which a coordinate-wise rule
 *       discarded this input's value (value strictly outside the interval of values kept at that
 *       coordinate; ties with a kept boundary count as kept). 0 for rules that never trim per
 *       coordinate. Through a pipeline, the mixing-weighted mean over the vectors the input
 *       contributes to.
 *   <li>{@code clipScale}: factor in (0, 1] by which clipping scaled the input, 1.0 when untouched
 *       (Static Clipping, ARC, and Centered Clipping's factor in its last iteration). Through a
 *       pipeline, the smallest factor applied to any vector the input contributes to.
 *   <li>{@code score}: the rule's own per-input score, {@code NaN} when the rule has none: Krum,
 *       Multi-Krum and Bulyan the sum of squared distances to the input's nearest neighbours
 *       (lower is more central); Geometric Median its normalized Weiszfeld weight; MDA the smallest
 *       diameter of a candidate subset keeping the input; SMEA the smallest top covariance
 *       eigenvalue of a candidate subset keeping it; MoNNA the squared distance to the trusted
 *       input; CAF the input's remaining filter weight in [0, 1]. Through a pipeline, the score of
 *       the pre-aggregated vector most derived from this input (its own row for NNM and clipping,
 *       its bucket for bucketing).
 *   <li>{@code distanceToOutput}: Euclidean distance from the original input to the output,
 *       within 2e-6 relative (float lanes over runs of 256 coordinates, runs summed in double);
 *       {@code NaN} when the context disabled distance evidence.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param index position of the input, from 0
 * @param excluded true when the input's values did not enter the output
 * @param weight coefficient of the input in the output, or NaN when not a linear combination
 * @param trimmedShare fraction of coordinates where the input was trimmed, in [0, 1]
 * @param clipScale clipping factor applied, in (0, 1], 1.0 when untouched
 * @param score the rule's score for this input, or NaN
 * @param distanceToOutput Euclidean distance to the output, or NaN when not computed
 */
public record InputEvidence(int index, boolean excluded, double weight, double trimmedShare,
    double clipScale, double score, double distanceToOutput) {

  /** Validates ranges: index non-negative, trimmed share in [0, 1], clip scale in [0, 1]. */
  public InputEvidence {
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0, but index=" + index);
    }
    if (!(trimmedShare >= 0.0 && trimmedShare <= 1.0)) {
      throw new IllegalArgumentException("trimmedShare must be in [0, 1], but trimmedShare=" + trimmedShare);
    }
    if (!(clipScale >= 0.0 && clipScale <= 1.0)) {
      throw new IllegalArgumentException("clipScale must be in [0, 1], but clipScale=" + clipScale);
    }
  }

  /**
   * Tells whether the rule down-weighted or discarded this input in any way.
   *
   * @return true when excluded, trimmed somewhere, or clipped
   */
  public boolean suspected() {
    return excluded || trimmedShare > 0.0 || clipScale < 1.0;
  }
}
