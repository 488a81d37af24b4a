package dev.rampart.experiments.lad;

import java.util.Locale;

/**
 * One training method of the LAD experiment. Every method is "each worker computes a task, the
 * coordinator combines the n received vectors":
 *
 * <ul>
 *   <li>{@link Kind#LAD} with redundancy d: worker i sends (1/d)·Σ_{k∈S_i} g_k (cyclic windows,
 *       permuted per round), optionally compressed, and the coordinator applies a robust
 *       aggregation pipeline. d = 1 is the uncoded baseline: every worker sends the gradient of its
 *       own subset, so "average", "CWTM" and "CWTM+NNM" are LAD schemes with d = 1;
 *   <li>{@link Kind#DRACO}: repetition groups of r = 2f + 1 and majority vote (exact decoding).
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param label name used in tables and plots
 * @param kind LAD-style aggregation or DRACO decoding
 * @param redundancy d for LAD (1 ≤ d ≤ K); ignored for DRACO
 * @param aggregator pipeline spec such as {@code "trmean"} or {@code "nnm | trmean"}; unused for DRACO
 * @param compressor compressor spec such as {@code "randk(ratio=0.1,seed=shared)"}, or null for dense
 */
public record Scheme(String label, Kind kind, int redundancy, String aggregator, String compressor) {

  /** How the coordinator combines the vectors. */
  public enum Kind {
    /** Robust aggregation of coded vectors. */
    LAD,
    /** DRACO majority vote. */
    DRACO
  }

  /** Validates. */
  public Scheme {
    if (label == null || label.isBlank() || kind == null) {
      throw new IllegalArgumentException("label and kind are required");
    }
    if (kind == Kind.LAD && (redundancy < 1 || aggregator == null)) {
      throw new IllegalArgumentException("a LAD scheme needs redundancy ≥ 1 and an aggregator, but had redundancy="
          + redundancy + " and aggregator=" + aggregator);
    }
  }

  /** Plain averaging of uncoded gradients (d = 1). */
  public static Scheme average() {
    return new Scheme("Average", Kind.LAD, 1, "average", null);
  }

  /** Coordinate-wise trimmed mean of uncoded gradients (d = 1). */
  public static Scheme cwtm() {
    return new Scheme("CWTM", Kind.LAD, 1, "trmean", null);
  }

  /** NNM followed by CWTM on uncoded gradients (d = 1). */
  public static Scheme cwtmNnm() {
    return new Scheme("CWTM+NNM", Kind.LAD, 1, "nnm | trmean", null);
  }

  /** LAD with redundancy d and CWTM. */
  public static Scheme lad(int d) {
    return new Scheme("LAD", Kind.LAD, d, "trmean", null);
  }

  /** LAD with redundancy d and NNM + CWTM. */
  public static Scheme ladNnm(int d) {
    return new Scheme("LAD+NNM", Kind.LAD, d, "nnm | trmean", null);
  }

  /** Com-LAD: LAD with CWTM whose coded vectors are compressed by {@code compressor}. */
  public static Scheme comLad(String label, int d, String compressor) {
    return new Scheme(label, Kind.LAD, d, "trmean", compressor);
  }

  /** DRACO with groups of 2f + 1. */
  public static Scheme draco() {
    return new Scheme("DRACO", Kind.DRACO, 0, null, null);
  }

  /** A file-name friendly form of the label. */
  public String slug() {
    return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }
}
