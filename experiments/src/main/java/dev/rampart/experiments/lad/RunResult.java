package dev.rampart.experiments.lad;

import java.util.Arrays;

/**
 * The outcome of one training run. Immutable and thread-safe.
 *
 * @param scheme the method
 * @param redundancy d for LAD schemes, the smallest group size for DRACO
 * @param attack what the Byzantine workers sent
 * @param seed the run's seed (problem, Byzantine placement, window order, compression)
 * @param errors ‖w_t − w*‖/‖w*‖ for t = 0..T (w_0 = 0, so errors[0] = 1); copied in and out
 * @param maxAggregationError max over rounds of ‖â_t − ∇F(w_t)‖ / √((1/K)·Σ_k ‖g_k(w_t)‖²), â_t the
 *     combined vector: 0 for exact decoding up to float32 rounding (about 1e-7), and for robust
 *     rules the bias relative to the spread of the subset gradients
 * @param meanEncodedBytes mean bytes per honest transmitted vector (4·D when dense)
 * @param denseBytes 4·D, the float32 size of one dense vector
 * @param load shards each honest worker computes per round
 */
public record RunResult(Scheme scheme, int redundancy, Attack attack, long seed, double[] errors,
    double maxAggregationError, double meanEncodedBytes, int denseBytes, int load) {

  /** Copies. */
  public RunResult {
    errors = errors.clone();
  }

  /** A copy of the error trajectory. */
  @Override
  public double[] errors() {
    return errors.clone();
  }

  /** The relative error after the last iteration. */
  public double finalError() {
    return errors[errors.length - 1];
  }

  /** meanEncodedBytes / denseBytes. */
  public double byteFraction() {
    return meanEncodedBytes / denseBytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RunResult r && scheme.equals(r.scheme) && redundancy == r.redundancy && attack == r.attack
        && seed == r.seed && Arrays.equals(errors, r.errors);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(errors) * 31 + scheme.hashCode();
  }

  @Override
  public String toString() {
    return "RunResult[" + scheme.label() + ", d=" + redundancy + ", " + attack + ", seed=" + seed + ", final="
        + finalError() + "]";
  }
}
