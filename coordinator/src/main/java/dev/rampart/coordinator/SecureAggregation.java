package dev.rampart.coordinator;

import dev.rampart.coordinator.internal.SecureRound;
import dev.rampart.coordinator.internal.StrideGrouping;
import dev.rampart.crypto.FixedPointCodec;
import dev.rampart.crypto.secagg.ClientSetup;
import dev.rampart.crypto.secagg.SecAggException;
import dev.rampart.crypto.secagg.SecAggParameters;
import java.time.Duration;
import java.util.Objects;

/**
 * Grouped secure-aggregation settings of a job (SECAGG.md, DESIGN.md section 3): each round the
 * participants are partitioned into groups of at most {@code groupSize}; inside every group the
 * clients run the Bonawitz protocol over the job's secagg topic, the coordinator learns only the
 * group sums, and the robust pipeline runs over the group means.
 *
 * <p>Validation: {@link #builder()} setters check ranges, {@link Builder#build()} checks the
 * protocol rules (t &gt; s/2, t ≥ 2, t ≤ s_min ≤ s, s·2^b ≤ 2^32) with messages naming the values;
 * {@link CoordinatorConfig.Builder#build()} checks s ≤ n/(2f+1) against the registry.
 *
 * <p>Immutable and thread-safe (the listener must be thread-safe if shared).
 */
public final class SecureAggregation {
  /**
   * Default longest time a phase of one group's session stays open, when a fifth of the round
   * timeout is not shorter (see {@link Builder#phaseTimeout}).
   */
  public static final Duration DEFAULT_PHASE_TIMEOUT = Duration.ofSeconds(10);
  /** Phases of a session that each may run to the phase timeout inside one round: P0 to P4. */
  public static final int PHASES = 5;
  /** Default clipping bound C of every coordinate. */
  public static final double DEFAULT_CLIP = 1.0;
  /** Default seed of the per-round random partitions. */
  public static final long DEFAULT_GROUPING_SEED = 0x6709;

  private final SecAggParameters parameters;
  private final Duration phaseTimeout;
  private final boolean phaseTimeoutGiven;
  private final long groupingSeed;
  private final int maskThreads;
  private final SecureGroupListener listener;

  private SecureAggregation(Builder b, SecAggParameters parameters) {
    this.parameters = parameters;
    this.phaseTimeout = b.phaseTimeout;
    this.phaseTimeoutGiven = b.phaseTimeoutGiven;
    this.groupingSeed = b.groupingSeed;
    this.maskThreads = b.maskThreads;
    this.listener = b.listener;
  }

  /** A builder; {@code groupSize} is required, t defaults to ⌊s/2⌋+1 and s_min to t. */
  public static Builder builder() {
    return new Builder();
  }

  /** The protocol parameters s, t, s_min, C and b. */
  public SecAggParameters parameters() {
    return parameters;
  }

  /** Largest group size s. */
  public int groupSize() {
    return parameters.groupSize();
  }

  /** Longest time one phase of a group's session stays open before it closes without the missing members. */
  public Duration phaseTimeout() {
    return phaseTimeout;
  }

  /**
   * These settings for a job whose rounds last at most {@code roundTimeout}: all {@value #PHASES}
   * phases of a session must be able to run to their timeout inside the round, or the round's
   * deadline, not the phase timeout, would decide which members a slow group keeps. A phase
   * timeout set on the builder is checked; the default one becomes the shorter of
   * {@link #DEFAULT_PHASE_TIMEOUT} and a fifth of the round timeout.
   *
   * @throws IllegalArgumentException naming both values when {@value #PHASES} × the given phase
   *     timeout exceeds the round timeout
   */
  public SecureAggregation forRoundTimeout(Duration roundTimeout) {
    Duration fifth = roundTimeout.dividedBy(PHASES);
    if (phaseTimeoutGiven) {
      if (phaseTimeout.compareTo(fifth) > 0) {
        throw new IllegalArgumentException("secure aggregation's " + PHASES + " phases of phaseTimeout=" + phaseTimeout
            + " need up to " + phaseTimeout.multipliedBy(PHASES) + ", more than roundTimeout=" + roundTimeout
            + "; set phaseTimeout to at most " + fifth + " or roundTimeout to at least "
            + phaseTimeout.multipliedBy(PHASES));
      }
      return this;
    }
    Duration derived = DEFAULT_PHASE_TIMEOUT.compareTo(fifth) <= 0 ? DEFAULT_PHASE_TIMEOUT : fifth;
    if (derived.equals(phaseTimeout)) {
      return this;
    }
    Builder b = toBuilder();
    b.phaseTimeout = derived;
    return new SecureAggregation(b, parameters);
  }

  private Builder toBuilder() {
    Builder b = new Builder();
    b.phaseTimeout = phaseTimeout;
    b.groupingSeed = groupingSeed;
    b.maskThreads = maskThreads;
    b.listener = listener;
    return b;
  }

  /** Seed of the per-round partitions; round r uses a seed derived from it and r. */
  public long groupingSeed() {
    return groupingSeed;
  }

  /** Threads the coordinator uses to remove masks, 1 to {@value ClientSetup#MAX_MASK_THREADS}. */
  public int maskThreads() {
    return maskThreads;
  }

  /** Told about every group's outcome, on the coordinator's thread. */
  public SecureGroupListener listener() {
    return listener;
  }

  /**
   * The largest tolerated number of spoiled groups, ⌈g/2⌉ − 1 for g groups (f &lt; g/2).
   *
   * @param groupCount g, at least 1
   */
  public static int toleratedGroups(int groupCount) {
    return (groupCount - 1) / 2;
  }

  /**
   * Refuses a compression spec whose clients would send different coordinates (top-k, rand-k
   * without a shared seed), which masks cannot sum (SECAGG.md case 20).
   *
   * @return the spec
   * @throws IllegalArgumentException naming the spec and the compatible alternatives
   */
  public static String requireCompatibleCompression(String compressionSpec) {
    try {
      return SecAggParameters.requireCompatible(compressionSpec);
    } catch (SecAggException e) {
      throw new IllegalArgumentException("secure aggregation: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "SecureAggregation[s=" + parameters.groupSize() + ", t=" + parameters.threshold()
        + ", minSurvivors=" + parameters.minSurvivors() + ", clip=" + parameters.clip() + ", bits="
        + parameters.bits() + ", phaseTimeout=" + phaseTimeout + "]";
  }

  /** Builds {@link SecureAggregation}; setters validate their value. Not thread-safe. */
  public static final class Builder {
    private int groupSize;
    private int threshold;
    private int minSurvivors;
    private double clip = DEFAULT_CLIP;
    private int bits;
    private Duration phaseTimeout = DEFAULT_PHASE_TIMEOUT;
    private boolean phaseTimeoutGiven;
    private long groupingSeed = DEFAULT_GROUPING_SEED;
    private int maskThreads = Math.max(1, Math.min(ClientSetup.MAX_MASK_THREADS,
        Runtime.getRuntime().availableProcessors()));
    private SecureGroupListener listener = SecureGroupListener.none();

    private Builder() {}

    /** Largest group size s, 2 to 255 (required). */
    public Builder groupSize(int s) {
      if (s < 2 || s > 255) {
        throw new IllegalArgumentException("groupSize must be 2-255, but groupSize=" + s);
      }
      this.groupSize = s;
      return this;
    }

    /** Shamir threshold t; default ⌊s/2⌋ + 1. Checked against s in {@link #build()}. */
    public Builder threshold(int t) {
      this.threshold = t;
      return this;
    }

    /** Fewest survivors a group unmasks with; default t. Checked in {@link #build()}. */
    public Builder minSurvivors(int value) {
      this.minSurvivors = value;
      return this;
    }

    /** Clipping bound C per coordinate, finite and positive; default {@link SecureAggregation#DEFAULT_CLIP}. */
    public Builder clip(double c) {
      if (!(c > 0) || !Double.isFinite(c)) {
        throw new IllegalArgumentException("clip must be finite and > 0, but clip=" + c);
      }
      this.clip = c;
      return this;
    }

    /** Fixed-point bits b; default 32 − ⌈log2 s⌉. Checked (s·2^b ≤ 2^32) in {@link #build()}. */
    public Builder bits(int b) {
      this.bits = b;
      return this;
    }

    /**
     * Longest time one phase stays open, positive. Unset, it is the shorter of
     * {@link SecureAggregation#DEFAULT_PHASE_TIMEOUT} and a fifth of the job's round timeout; set,
     * the coordinator's configuration refuses it when {@value SecureAggregation#PHASES} phases of
     * it exceed the round timeout ({@link SecureAggregation#forRoundTimeout}).
     */
    public Builder phaseTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "phaseTimeout");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("phaseTimeout must be positive, but phaseTimeout=" + timeout);
      }
      this.phaseTimeout = timeout;
      this.phaseTimeoutGiven = true;
      return this;
    }

    /** Seed of the per-round partitions (recorded in every plan and the audit log). */
    public Builder groupingSeed(long seed) {
      this.groupingSeed = seed;
      return this;
    }

    /** Threads for mask removal, 1 to {@value ClientSetup#MAX_MASK_THREADS}. */
    public Builder maskThreads(int threads) {
      if (threads < 1 || threads > ClientSetup.MAX_MASK_THREADS) {
        throw new IllegalArgumentException("maskThreads must be 1-" + ClientSetup.MAX_MASK_THREADS
            + ", but maskThreads=" + threads);
      }
      this.maskThreads = threads;
      return this;
    }

    /** Receives every group's outcome (default: none). */
    public Builder listener(SecureGroupListener value) {
      this.listener = Objects.requireNonNull(value, "listener");
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException naming the values when groupSize is missing or a protocol
     *     rule is broken (t ≤ s/2, t &lt; 2, s_min outside [t, s], s·2^b &gt; 2^32)
     */
    public SecureAggregation build() {
      if (groupSize == 0) {
        throw new IllegalArgumentException("groupSize is required for secure aggregation");
      }
      int t = threshold == 0 ? groupSize / 2 + 1 : threshold;
      int min = minSurvivors == 0 ? t : minSurvivors;
      int b = bits == 0 ? FixedPointCodec.bitsFor(groupSize) : bits;
      try {
        return new SecureAggregation(this, new SecAggParameters(groupSize, t, min, clip, b));
      } catch (SecAggException e) {
        throw new IllegalArgumentException("secure aggregation: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Checks that these settings can run with {@code activeClients} clients of whom
   * {@code maxByzantine} may lie, with the job's coded mode (null: federated) and compression; the
   * message names the value that does not fit.
   */
  void requireFeasible(CodedMode codedMode, int activeClients, int maxByzantine, String compression) {
    if (codedMode != null) {
      StrideGrouping.requireCompatible(codedMode, this, activeClients, maxByzantine);
    }
    SecureRound.requireFeasible(this, activeClients, maxByzantine);
    requireCompatibleCompression(compression);
    if (!CoordinatorConfig.DEFAULT_COMPRESSION.equals(compression)) {
      throw new IllegalArgumentException("compression '" + compression
          + "' with secure aggregation is not supported yet: clients mask dense vectors; use compression 'identity'");
    }
  }
}
