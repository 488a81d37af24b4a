package dev.rampart.coordinator;

import dev.rampart.audit.FsyncPolicy;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.ModelLayout;
import dev.rampart.protocol.ReassemblyLimits;
import dev.rampart.transport.JobConnection;
import dev.rampart.transport.JobConnectionBuilder;
import dev.rampart.transport.JobConnectionConfig;
import dev.rampart.transport.KafkaSettings;
import dev.rampart.transport.TopicSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a {@link Coordinator} needs to run one job. Immutable and thread-safe; build it with
 * {@link #builder()}. Every setter validates its value and {@link Builder#build()} checks the
 * settings against each other; messages name the offending values.
 *
 * <p>The config reads as parts, each validated where it is defined: the job's connection
 * ({@link JobConnectionConfig}, with the transport's {@link KafkaSettings}), robust aggregation
 * ({@link AggregationSettings}), compression ({@link CompressionSettings}), the audit trail
 * ({@link AuditSettings}), coded mode ({@link CodedMode}) and secure aggregation
 * ({@link SecureAggregation}); the builder's setters for them delegate.
 */
public final class CoordinatorConfig extends JobConnectionConfig {
  /** Default time a round stays open for updates. */
  public static final Duration DEFAULT_ROUND_TIMEOUT = Duration.ofSeconds(60);
  /** Default step size of the server's SGD step {@code w ← w − η·aggregate}. */
  public static final double DEFAULT_SERVER_LEARNING_RATE = 1.0;
  /** Default aggregation pipeline: the plain mean. */
  public static final String DEFAULT_AGGREGATION = AggregationSettings.DEFAULT_SPEC;
  /** Default seed of randomized aggregation rules. */
  public static final long DEFAULT_AGGREGATION_SEED = AggregationSettings.DEFAULT_SEED;
  /** Default partitions per topic. */
  public static final int DEFAULT_PARTITIONS = 1;
  /** Default replication factor of created topics (1 suits a single development broker). */
  public static final short DEFAULT_REPLICATION_FACTOR = 1;
  /** Default compression: none, clients send dense float32 vectors. */
  public static final String DEFAULT_COMPRESSION = CompressionSettings.DEFAULT_SPEC;
  /** Default seed of the per-round compression seeds. */
  public static final long DEFAULT_COMPRESSION_SEED = CompressionSettings.DEFAULT_SEED;

  private final Identity identity;
  private final ClientRegistry registry;
  private final float[] initialModel;
  private final ModelLayout modelLayout;
  private final int rounds;
  private final Duration roundTimeout;
  private final int minUpdates;
  private final double serverLearningRate;
  private final AggregationSettings aggregation;
  private final ReassemblyLimits reassemblyLimits;
  private final Map<String, String> training;
  private final int partitions;
  private final short replicationFactor;
  private final AuditSettings audit;
  private final CodedMode codedMode;
  private final CompressionSettings compression;
  private final SecureAggregation secureAggregation;

  private CoordinatorConfig(Builder b, JobConnection connection) {
    super(connection);
    this.identity = b.identity;
    this.registry = b.registry;
    this.initialModel = b.initialModel.clone();
    this.modelLayout = b.modelLayout;
    this.rounds = b.rounds;
    this.roundTimeout = b.roundTimeout;
    this.minUpdates = b.minUpdates;
    this.serverLearningRate = b.serverLearningRate;
    this.aggregation = b.aggregation;
    this.reassemblyLimits = b.reassemblyLimits;
    this.training = Map.copyOf(b.training);
    this.partitions = b.partitions;
    this.replicationFactor = b.replicationFactor;
    this.audit = b.audit;
    this.codedMode = b.codedMode;
    this.compression = b.compression;
    this.secureAggregation = b.secureAggregation;
  }

  /** Grouped secure aggregation, when the job runs it (default: off). */
  public Optional<SecureAggregation> secureAggregation() {
    return Optional.ofNullable(secureAggregation);
  }

  /** A builder with the defaults above. */
  public static Builder builder() {
    return new Builder();
  }

  /** The coordinator's signing identity. */
  public Identity identity() {
    return identity;
  }

  /** The allow-list of clients. */
  public ClientRegistry registry() {
    return registry;
  }

  /** A copy of the initial model parameters. */
  public float[] initialModel() {
    return initialModel.clone();
  }

  /**
   * The layout of the model vector that every round plan carries, when the model is a described
   * network (default: none, only the dimension is published).
   */
  public Optional<ModelLayout> modelLayout() {
    return Optional.ofNullable(modelLayout);
  }

  /** Model dimension. */
  public int dimension() {
    return initialModel.length;
  }

  /** Rounds the job runs in total (a resumed job continues up to this round). */
  public int rounds() {
    return rounds;
  }

  /** How long a round waits for updates. */
  public Duration roundTimeout() {
    return roundTimeout;
  }

  /** Fewest accepted updates for a round to commit; below it the model stays as it was. */
  public int minUpdates() {
    return minUpdates;
  }

  /** Server step size η. */
  public double serverLearningRate() {
    return serverLearningRate;
  }

  /** The aggregation pipeline spec, e.g. {@code "nnm | trmean"}. */
  public String aggregation() {
    return aggregation.spec();
  }

  /** The number of Byzantine clients the aggregation is configured to tolerate (f). */
  public int maxByzantine() {
    return aggregation.maxByzantine();
  }

  /** Seed of randomized aggregation rules (bucketing); recorded so a run can be replayed. */
  public long aggregationSeed() {
    return aggregation.seed();
  }

  /** The robust-aggregation part: pipeline spec, f and seed. */
  public AggregationSettings aggregationSettings() {
    return aggregation;
  }

  /** Bounds on reassembling the clients' chunked updates and secure-aggregation messages. */
  public ReassemblyLimits reassemblyLimits() {
    return reassemblyLimits;
  }

  /** Local-training hyper-parameters written into every round plan. */
  public Map<String, String> training() {
    return training;
  }

  /** Partitions of topics the coordinator creates. */
  public int partitions() {
    return partitions;
  }

  /** Replication factor of topics the coordinator creates. */
  public short replicationFactor() {
    return replicationFactor;
  }

  /**
   * Where the audit trail ({@code audit/}) and the model store ({@code models/}) live; empty when
   * the job keeps no records. A coordinator started on a directory with history resumes from it.
   */
  public Optional<Path> runDirectory() {
    return audit.runDirectory();
  }

  /** Metrics of each committed model, written to the audit trail. */
  public ModelEvaluator evaluator() {
    return audit.evaluator();
  }

  /** When the audit log forces its writes to disk. */
  public FsyncPolicy auditFsync() {
    return audit.fsync();
  }

  /** The audit part: run directory, fsync policy and model metrics. */
  public AuditSettings audit() {
    return audit;
  }

  /** Coded mode (LAD shards and tasks), when enabled; empty for federated mode. */
  public Optional<CodedMode> codedMode() {
    return Optional.ofNullable(codedMode);
  }

  /** The compression spec clients must use (see {@code Compressors.parse}); "identity" sends dense vectors. */
  public String compression() {
    return compression.spec();
  }

  /** Seed from which each round's compression round seed is derived; recorded in the audit trail. */
  public long compressionSeed() {
    return compression.seed();
  }

  /** Builder for {@link CoordinatorConfig}. Not thread-safe. */
  public static final class Builder extends JobConnectionBuilder<Builder> {
    private Identity identity;
    private ClientRegistry registry;
    private float[] initialModel;
    private ModelLayout modelLayout;
    private int rounds = 1;
    private Duration roundTimeout = DEFAULT_ROUND_TIMEOUT;
    private int minUpdates = 1;
    private double serverLearningRate = DEFAULT_SERVER_LEARNING_RATE;
    private AggregationSettings aggregation = AggregationSettings.defaults();
    private ReassemblyLimits reassemblyLimits = ReassemblyLimits.defaults();
    private final Map<String, String> training = new LinkedHashMap<>();
    private int partitions = DEFAULT_PARTITIONS;
    private short replicationFactor = DEFAULT_REPLICATION_FACTOR;
    private AuditSettings audit = AuditSettings.none();
    private CodedMode codedMode;
    private CompressionSettings compression = CompressionSettings.defaults();
    private SecureAggregation secureAggregation;

    /**
     * Turns grouped secure aggregation on with these settings ({@code null}: off, the default).
     * {@link #build()} refuses a group size above {@code activeClients / (2·maxByzantine + 1)};
     * with {@link #codedMode} the group size must be activeClients / redundancy (stride groups).
     */
    public Builder secureAggregation(SecureAggregation settings) {
      this.secureAggregation = settings;
      return this;
    }

    private Builder() {}

    /** This builder, for the shared setters of {@link JobConnectionBuilder}. */
    @Override
    protected Builder self() {
      return this;
    }

    /**
     * Runs the job in coded mode: the shards are published on the shards topic and every plan
     * carries LAD tasks. The active clients must tile the shards uniformly (n a multiple of K).
     * Together with {@link #secureAggregation} the groups are stride groups, one per residue of
     * the task window mod d, so n must also be a multiple of d, the group size must be n/d and
     * maxByzantine &lt; d/2; {@link #build()} names the values when not.
     */
    public Builder codedMode(CodedMode mode) {
      this.codedMode = Objects.requireNonNull(mode, "codedMode");
      return this;
    }

    /**
     * What clients send: a {@code Compressors.parse} spec such as {@code randk(ratio=0.1,seed=shared)};
     * default {@value #DEFAULT_COMPRESSION} (dense vectors).
     */
    public Builder compression(String spec) {
      compression = compression.withSpec(spec);
      return this;
    }

    /** Seed of the per-round compression round seeds (shared rand-k coordinates). */
    public Builder compressionSeed(long seed) {
      compression = compression.withSeed(seed);
      return this;
    }

    /** Folder for the audit trail and model store; resumes from it when it has history. */
    public Builder runDirectory(Path directory) {
      audit = audit.withRunDirectory(directory);
      return this;
    }

    /** Computes metrics of each committed model for the audit trail. */
    public Builder evaluator(ModelEvaluator evaluator) {
      audit = audit.withEvaluator(evaluator);
      return this;
    }

    /** When the audit log forces writes to disk; default every record. */
    public Builder auditFsync(FsyncPolicy policy) {
      audit = audit.withFsync(policy);
      return this;
    }

    /** The coordinator's signing identity; clients pin its public key. */
    public Builder identity(Identity identity) {
      this.identity = Objects.requireNonNull(identity, "identity");
      return this;
    }

    /** The allow-list of clients; every active client takes part in every round. */
    public Builder registry(ClientRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** Initial model parameters (copied); their length is the model dimension. */
    public Builder initialModel(float[] parameters) {
      Objects.requireNonNull(parameters, "initialModel");
      if (parameters.length == 0) {
        throw new IllegalArgumentException("initialModel must have at least one parameter");
      }
      this.initialModel = parameters.clone();
      return this;
    }

    /**
     * The layout of the model vector, published with every plan so that a client whose network is
     * laid out otherwise refuses to take part; its parameter count must equal the initial model's
     * length (checked in {@link #build}).
     */
    public Builder modelLayout(ModelLayout layout) {
      this.modelLayout = Objects.requireNonNull(layout, "modelLayout");
      return this;
    }

    /** Number of rounds, at least 1. */
    public Builder rounds(int rounds) {
      if (rounds < 1) {
        throw new IllegalArgumentException("rounds must be at least 1, but rounds=" + rounds);
      }
      this.rounds = rounds;
      return this;
    }

    /** How long a round waits for updates; positive. */
    public Builder roundTimeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("roundTimeout must be positive, but roundTimeout=" + timeout);
      }
      this.roundTimeout = timeout;
      return this;
    }

    /** Fewest accepted updates to commit a round; at least 1. */
    public Builder minUpdates(int minUpdates) {
      if (minUpdates < 1) {
        throw new IllegalArgumentException("minUpdates must be at least 1, but minUpdates=" + minUpdates);
      }
      this.minUpdates = minUpdates;
      return this;
    }

    /** Server step size η in {@code w ← w − η·aggregate}; finite and positive. */
    public Builder serverLearningRate(double rate) {
      if (!(rate > 0) || Double.isInfinite(rate)) {
        throw new IllegalArgumentException("serverLearningRate must be finite and positive, but serverLearningRate=" + rate);
      }
      this.serverLearningRate = rate;
      return this;
    }

    /** Aggregation pipeline spec, e.g. {@code "average"} or {@code "nnm | trmean"}. */
    public Builder aggregation(String spec) {
      aggregation = aggregation.withSpec(spec);
      return this;
    }

    /** Number of Byzantine clients to tolerate (f); at least 0. */
    public Builder maxByzantine(int maxByzantine) {
      aggregation = aggregation.withMaxByzantine(maxByzantine);
      return this;
    }

    /** Seed of randomized aggregation rules such as bucketing. */
    public Builder aggregationSeed(long seed) {
      aggregation = aggregation.withSeed(seed);
      return this;
    }

    /**
     * Bounds on reassembling the clients' chunked updates and secure-aggregation messages; default
     * {@link ReassemblyLimits#defaults()} (bytes held, message size, incomplete sets per client,
     * expiry, record size). Only chunks signed by an active enrolled client are ever stored.
     */
    public Builder reassemblyLimits(ReassemblyLimits limits) {
      this.reassemblyLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** A local-training hyper-parameter for the plans, e.g. {@code learning_rate=0.1}. */
    public Builder trainingParameter(String key, String value) {
      training.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Partitions of topics the coordinator creates; at least 1. */
    public Builder partitions(int partitions) {
      this.partitions = TopicSpec.requirePartitions(partitions);
      return this;
    }

    /** Replication factor of topics the coordinator creates; at least 1. */
    public Builder replicationFactor(int factor) {
      this.replicationFactor = TopicSpec.requireReplicationFactor(factor);
      return this;
    }

    /** Checks that required settings are present and consistent. */
    public CoordinatorConfig build() {
      require(jobOrNull() != null, "job is required");
      require(hasBootstrapServers(), "bootstrapServers is required");
      require(identity != null, "identity is required");
      require(registry != null, "registry is required");
      require(initialModel != null, "initialModel is required");
      require(modelLayout == null || modelLayout.parameterCount() == initialModel.length, "modelLayout has "
          + (modelLayout == null ? 0 : modelLayout.parameterCount()) + " parameters, but initialModel has "
          + initialModel.length);
      int active = registry.activeCount();
      require(active >= minUpdates, "minUpdates=" + minUpdates + " exceeds the " + active
          + " active clients in the registry");
      aggregation.requireTolerable(active);
      if (codedMode != null) {
        codedMode.requireUniformCover(active);
      }
      aggregation.requireParsable();
      if (secureAggregation != null) {
        secureAggregation.requireFeasible(codedMode, active, aggregation.maxByzantine(), compression.spec());
        secureAggregation = secureAggregation.forRoundTimeout(roundTimeout);
      }
      return new CoordinatorConfig(this, connection());
    }

    private static void require(boolean condition, String message) {
      if (!condition) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
