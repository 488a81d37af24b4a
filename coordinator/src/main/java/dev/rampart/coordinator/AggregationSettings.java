package dev.rampart.coordinator;

import dev.rampart.aggregation.Pipeline;
import java.util.Objects;

/**
 * The robust-aggregation part of a {@link CoordinatorConfig}: the pipeline spec, the number of
 * Byzantine clients it must tolerate (f) and the seed of randomized rules. Each {@code with}
 * method validates its value; {@link #requireFeasible(int)} checks the part against the number of
 * active clients. Messages name the bad value. Immutable and thread-safe.
 */
public final class AggregationSettings {
  /** Default aggregation pipeline: the plain mean. */
  public static final String DEFAULT_SPEC = "average";
  /** Default seed of randomized aggregation rules. */
  public static final long DEFAULT_SEED = 0x5eed;
  private static final AggregationSettings DEFAULTS = new AggregationSettings(DEFAULT_SPEC, 0, DEFAULT_SEED);

  private final String spec;
  private final int maxByzantine;
  private final long seed;

  private AggregationSettings(String spec, int maxByzantine, long seed) {
    this.spec = spec;
    this.maxByzantine = maxByzantine;
    this.seed = seed;
  }

  /** The plain mean, tolerating no Byzantine client, with the default seed. */
  public static AggregationSettings defaults() {
    return DEFAULTS;
  }

  /** A copy with the pipeline spec {@code pipelineSpec}, e.g. {@code "nnm | trmean"}; not blank. */
  public AggregationSettings withSpec(String pipelineSpec) {
    if (pipelineSpec == null || pipelineSpec.isBlank()) {
      throw new IllegalArgumentException("aggregation must not be blank, but aggregation="
          + (pipelineSpec == null ? "null" : "'" + pipelineSpec + "'"));
    }
    return new AggregationSettings(pipelineSpec, maxByzantine, seed);
  }

  /** A copy tolerating {@code f} Byzantine clients; at least 0. */
  public AggregationSettings withMaxByzantine(int f) {
    if (f < 0) {
      throw new IllegalArgumentException("maxByzantine must be at least 0, but maxByzantine=" + f);
    }
    return new AggregationSettings(spec, f, seed);
  }

  /** A copy whose randomized rules (bucketing) draw from {@code randomSeed}. */
  public AggregationSettings withSeed(long randomSeed) {
    return new AggregationSettings(spec, maxByzantine, randomSeed);
  }

  /** The aggregation pipeline spec, e.g. {@code "nnm | trmean"}. */
  public String spec() {
    return spec;
  }

  /** The number of Byzantine clients the aggregation is configured to tolerate (f). */
  public int maxByzantine() {
    return maxByzantine;
  }

  /** Seed of randomized aggregation rules (bucketing); recorded so a run can be replayed. */
  public long seed() {
    return seed;
  }

  /**
   * Checks that f Byzantine clients can be tolerated among {@code activeClients}: 2f below their
   * number.
   *
   * @throws IllegalArgumentException naming maxByzantine and the active count
   */
  public void requireTolerable(int activeClients) {
    if (2 * maxByzantine >= Math.max(activeClients, 1)) {
      throw new IllegalArgumentException("maxByzantine=" + maxByzantine + " requires more than "
          + (2 * maxByzantine) + " active clients, but the registry has " + activeClients);
    }
  }

  /**
   * Checks that the spec parses as a pipeline for f.
   *
   * @throws IllegalArgumentException naming the spec and what is wrong with it
   */
  public void requireParsable() {
    try {
      Pipeline.parse(spec, maxByzantine);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("aggregation '" + spec + "' is invalid: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "AggregationSettings[spec=" + spec + ", maxByzantine=" + maxByzantine + ", seed=" + seed + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AggregationSettings a && spec.equals(a.spec) && maxByzantine == a.maxByzantine
        && seed == a.seed;
  }

  @Override
  public int hashCode() {
    return Objects.hash(spec, maxByzantine, seed);
  }
}
