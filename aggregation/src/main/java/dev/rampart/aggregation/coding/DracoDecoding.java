package dev.rampart.aggregation.coding;

import java.util.Arrays;

/**
 * The result of {@link DracoDecoder#decode}: the recovered full gradient and who was outvoted.
 *
 * @param gradient Σ_j (|P_j|/K)·v_j, the mean shard gradient; copied in and out
 * @param outvoted workers whose vector differed from their group's decoded value in at least one
 *     coordinate (including absent workers), increasing; copied in and out
 *
 * <p>Immutable and thread-safe.
 */
public record DracoDecoding(float[] gradient, int[] outvoted) {

  /** Copies. */
  public DracoDecoding {
    if (gradient == null || outvoted == null) {
      throw new IllegalArgumentException("gradient and outvoted must not be null");
    }
    gradient = gradient.clone();
    outvoted = outvoted.clone();
  }

  /** A copy of the decoded gradient. */
  @Override
  public float[] gradient() {
    return gradient.clone();
  }

  /** A copy of the outvoted worker indices. */
  @Override
  public int[] outvoted() {
    return outvoted.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DracoDecoding d && Arrays.equals(gradient, d.gradient) && Arrays.equals(outvoted, d.outvoted);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(gradient) + Arrays.hashCode(outvoted);
  }

  @Override
  public String toString() {
    return "DracoDecoding[dimension=" + gradient.length + ", outvoted=" + Arrays.toString(outvoted) + "]";
  }
}
