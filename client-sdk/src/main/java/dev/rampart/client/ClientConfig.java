package dev.rampart.client;

import dev.rampart.crypto.Identity;
import dev.rampart.crypto.PublicKey;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.ReassemblyLimits;
import dev.rampart.transport.JobConnection;
import dev.rampart.transport.JobConnectionBuilder;
import dev.rampart.transport.JobConnectionConfig;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a {@link FederatedClient} needs: its identity, the coordinator key it trusts, the job and
 * the Kafka cluster. Immutable and thread-safe; build with {@link #builder()}.
 */
public final class ClientConfig extends JobConnectionConfig {
  private final Identity identity;
  private final PublicKey coordinatorKey;
  private final ReassemblyLimits reassemblyLimits;
  private final boolean stopAfterFinalRound;
  private final long compressionSeed;
  private final Path secureStateDirectory;
  private final SecureSessionHook secureSessionHook;
  private final Consumer<AuditAnchor> auditAnchorListener;
  private final double momentumBeta;
  private final SecureAggregationPolicy secureAggregationPolicy;

  private ClientConfig(Builder b, JobConnection connection) {
    super(connection);
    this.identity = b.identity;
    this.coordinatorKey = b.coordinatorKey;
    this.reassemblyLimits = b.reassemblyLimits;
    this.stopAfterFinalRound = b.stopAfterFinalRound;
    this.compressionSeed = b.compressionSeed;
    this.secureStateDirectory = b.secureStateDirectory;
    this.secureSessionHook = b.secureSessionHook;
    this.auditAnchorListener = b.auditAnchorListener;
    this.momentumBeta = b.momentumBeta;
    this.secureAggregationPolicy = b.secureAggregationPolicy;
  }

  /**
   * What this client demands of a round's plan before it sends anything (secure aggregation, group
   * size, threshold, peer keys from a local registry); empty (the default): the plan is trusted.
   */
  public Optional<SecureAggregationPolicy> secureAggregationPolicy() {
    return Optional.ofNullable(secureAggregationPolicy);
  }

  /**
   * Where secure-aggregation session state (keys, shares held for peers, the masked input) is
   * persisted before every send, so a restarted client resends identical bytes; empty: kept in
   * memory only.
   */
  public Optional<Path> secureStateDirectory() {
    return Optional.ofNullable(secureStateDirectory);
  }

  /** The observer of secure-aggregation sessions (default: {@link SecureSessionHook#none()}). */
  public SecureSessionHook secureSessionHook() {
    return secureSessionHook;
  }

  /**
   * Told, on the client's thread, of every audit chain head higher than the ones before (one per
   * round with an audit log); default: does nothing.
   */
  public Consumer<AuditAnchor> auditAnchorListener() {
    return auditAnchorListener;
  }

  /** A builder; identity, coordinator key, job and bootstrap servers are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** This client's signing identity; its id is the client id. */
  public Identity identity() {
    return identity;
  }

  /** The pinned coordinator key: plans and models signed by any other key are ignored. */
  public PublicKey coordinatorKey() {
    return coordinatorKey;
  }

  /** Bounds on reassembling the coordinator's chunked plans, models, shards and secure-aggregation messages. */
  public ReassemblyLimits reassemblyLimits() {
    return reassemblyLimits;
  }

  /**
   * Whether {@link FederatedClient#run()} returns once the plan marked final is handled (default
   * true). Turn it off for a client that should outlive a job that may be resumed or extended;
   * it then runs until closed.
   */
  public boolean stopAfterFinalRound() {
    return stopAfterFinalRound;
  }

  /** Seed of this client's stochastic compression (per-client rand-k, QSGD); record it to replay a run. */
  public long compressionSeed() {
    return compressionSeed;
  }

  /**
   * RESAM worker momentum β in [0, 1) applied to each local update before it is sent (see
   * {@link WorkerMomentum}); default {@value #DEFAULT_MOMENTUM_BETA} (off).
   */
  public double momentumBeta() {
    return momentumBeta;
  }

  /** Default worker momentum β: 0, so updates are sent as trained. */
  public static final double DEFAULT_MOMENTUM_BETA = 0.0;

  /** Builder for {@link ClientConfig}. Not thread-safe. */
  public static final class Builder extends JobConnectionBuilder<Builder> {
    private Identity identity;
    private PublicKey coordinatorKey;
    private ReassemblyLimits reassemblyLimits = ReassemblyLimits.defaults();
    private boolean stopAfterFinalRound = true;
    private long compressionSeed;
    private Path secureStateDirectory;
    private SecureSessionHook secureSessionHook = SecureSessionHook.none();
    private Consumer<AuditAnchor> auditAnchorListener = anchor -> { };
    private double momentumBeta = DEFAULT_MOMENTUM_BETA;
    private SecureAggregationPolicy secureAggregationPolicy;

    private Builder() {}

    /** This builder, for the shared setters of {@link JobConnectionBuilder}. */
    @Override
    protected Builder self() {
      return this;
    }

    /** This client's own secure-aggregation policy (default: none, the plan is trusted). */
    public Builder secureAggregationPolicy(SecureAggregationPolicy policy) {
      this.secureAggregationPolicy = Objects.requireNonNull(policy, "secureAggregationPolicy");
      return this;
    }

    /** Seed of the client's stochastic compression (default 0). */
    public Builder compressionSeed(long seed) {
      this.compressionSeed = seed;
      return this;
    }

    /** Directory (created if missing) for persisted secure-aggregation state; default: in memory. */
    public Builder secureStateDirectory(Path directory) {
      this.secureStateDirectory = Objects.requireNonNull(directory, "secureStateDirectory");
      return this;
    }

    /** Observer of secure-aggregation sessions, for tests and simulations (default: none). */
    public Builder secureSessionHook(SecureSessionHook hook) {
      this.secureSessionHook = Objects.requireNonNull(hook, "secureSessionHook");
      return this;
    }

    /**
     * Receives each new audit chain head taken from a verified plan, e.g. to store it where an
     * auditor collects anchors (default: none). Called on the client's thread; an exception
     * stops the client.
     */
    public Builder auditAnchorListener(Consumer<AuditAnchor> listener) {
      this.auditAnchorListener = Objects.requireNonNull(listener, "auditAnchorListener");
      return this;
    }

    /** Worker momentum β in [0, 1) (default 0 = off); the message names a bad value. */
    public Builder momentumBeta(double beta) {
      this.momentumBeta = WorkerMomentum.requireValidBeta(beta);
      return this;
    }

    /** Whether the client stops after the job's final round (default true). */
    public Builder stopAfterFinalRound(boolean stop) {
      this.stopAfterFinalRound = stop;
      return this;
    }

    /** This client's identity (its id must be enrolled in the coordinator's registry). */
    public Builder identity(Identity identity) {
      this.identity = Objects.requireNonNull(identity, "identity");
      return this;
    }

    /** The coordinator's public key, distributed out of band. */
    public Builder coordinatorKey(PublicKey key) {
      this.coordinatorKey = Objects.requireNonNull(key, "coordinatorKey");
      return this;
    }

    /**
     * Bounds on reassembling what the coordinator publishes in chunks. Default
     * {@link ReassemblyLimits#defaults()}: at most min(2 GiB, max heap / 4) bytes held for
     * incomplete sets, messages up to min(256 MiB, half of that), 10,000 incomplete sets (64 per
     * sender), each kept at most 10 minutes, records up to 1 MiB. Only chunks signed by the pinned
     * coordinator key are ever stored.
     */
    public Builder reassemblyLimits(ReassemblyLimits limits) {
      this.reassemblyLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Checks that the required settings are present. */
    public ClientConfig build() {
      JobId job = jobOrNull();
      if (identity == null || coordinatorKey == null || job == null || !hasBootstrapServers()) {
        throw new IllegalArgumentException("identity, coordinatorKey, job and bootstrapServers are required; missing: "
            + (identity == null ? "identity " : "") + (coordinatorKey == null ? "coordinatorKey " : "")
            + (job == null ? "job " : "") + (hasBootstrapServers() ? "" : "bootstrapServers"));
      }
      return new ClientConfig(this, connection());
    }
  }
}
