package dev.rampart.cli.deploy;

import dev.rampart.audit.AuditEvents;
import dev.rampart.cli.data.Dataset;
import dev.rampart.cli.data.TrainLoss;
import dev.rampart.coordinator.Coordinator;
import dev.rampart.coordinator.CoordinatorConfig;
import dev.rampart.coordinator.JobSummary;
import dev.rampart.coordinator.ModelEvaluator;
import dev.rampart.coordinator.RoundSummary;
import dev.rampart.coordinator.SecureAggregation;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.TopicNames;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The coordinator as a process of its own: builds a {@link CoordinatorConfig} from a checked
 * {@code coordinator.yaml}, waits (bounded) for the Kafka cluster, and runs the job, resuming
 * from the run directory when it has history. It refuses to start when its private key file lies
 * inside the run directory, next to the audit log it signs. Not thread-safe; one job per instance.
 */
public final class CoordinatorProcess {
  private final ConfigValues values;
  private final PrintStream out;

  private CoordinatorProcess(ConfigValues values, PrintStream out) {
    this.values = values;
    this.out = out;
  }

  /** Reads and checks {@code file}; throws {@link ConfigException} naming the key on a bad file. */
  public static CoordinatorProcess fromFile(Path file, PrintStream out) {
    return new CoordinatorProcess(DeploySchemas.COORDINATOR.bind(file), out);
  }

  /** The coordinator settings the file describes (identity and registry are read from disk). */
  public CoordinatorConfig config() {
    KafkaSettings kafka = KafkaSettings.from(values);
    Path registryFile = values.path("registry");
    if (!Files.isRegularFile(registryFile)) {
      throw new ConfigException("registry file " + registryFile + " (key 'registry' in " + values.file()
          + ") does not exist; create it with `rampart registry add`");
    }
    Identity identity = loadIdentity(values.path("identity"), "identity");
    KeyPlacement.requireOutsideRunDirectory(values.path("identity"), values.path("run-directory"), values.file());
    JobModel model = model();
    CoordinatorConfig.Builder b = CoordinatorConfig.builder()
        .job(JobId.of(values.string("job")))
        .topicPrefix(values.string("topic-prefix"))
        .identity(identity)
        .registry(ClientRegistry.load(registryFile))
        .runDirectory(values.path("run-directory"))
        .initialModel(model.initialModel())
        .rounds(values.integer("rounds"))
        .roundTimeout(values.duration("round-timeout"))
        .minUpdates(values.integer("min-updates"))
        .aggregation(values.string("aggregation"))
        .maxByzantine(values.integer("max-byzantine"))
        .aggregationSeed(values.longValue("aggregation-seed"))
        .serverLearningRate(values.decimal("server-learning-rate"))
        .maxFrameBytes(values.integer("max-frame-bytes"))
        .reassemblyLimits(ReassemblyKeys.limits(values))
        .partitions(values.integer("kafka.partitions"))
        .replicationFactor(values.integer("kafka.replication-factor"))
        .trainingParameter("learning_rate", Double.toString(values.decimal("training.learning-rate")))
        .trainingParameter("local_epochs", Integer.toString(values.integer("training.local-epochs")))
        .trainingParameter("batch_size", Integer.toString(values.integer("training.batch-size")))
        .evaluator(evaluator(model));
    model.layout().ifPresent(b::modelLayout);
    kafka.properties().forEach(b::kafkaProperty);
    Optional<SecureAggregation> secure = SecureAggregationKeys.settings(values);
    secure.ifPresent(b::secureAggregation);
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      if (secure.isEmpty() || e.getMessage() == null || !e.getMessage().contains("secure aggregation")) {
        throw e;
      }
      throw new ConfigException("keys of 'secure-aggregation' in " + values.file() + " do not fit this job: "
          + SecureAggregationKeys.yamlNames(e.getMessage()), e);
    }
  }

  /** The job's model as {@code model.*} describes it. */
  public JobModel model() {
    return JobModel.of(values.string("model.network"), values.file(), values.integer("model.features"),
        values.integer("model.classes"), values.integer("model.hidden"), values.longValue("model.seed"));
  }

  /** The run directory the file names. */
  public Path runDirectory() {
    return values.path("run-directory");
  }

  private ModelEvaluator evaluator(JobModel model) {
    Optional<Path> testData = values.optional("evaluation.test-data", Path.class);
    if (testData.isEmpty()) {
      return ModelEvaluator.none();
    }
    Dataset test = LocalData.load(testData.get(), values.string("evaluation.format"), values.integer("model.classes"),
        values.decimal("evaluation.feature-scale"));
    return model.evaluator(test, "evaluation.test-data " + testData.get() + " in " + values.file());
  }

  static Identity loadIdentity(Path file, String key) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("key file " + file + " (key '" + key + "') does not exist; create it with "
          + "`rampart keys generate`");
    }
    return Identity.load(file);
  }

  /**
   * Why a round may close empty when a broker fails, when it may: on a cluster of several brokers,
   * a round shorter than the Kafka request timeout can end before the coordinator's reader gives
   * the failed broker up and reads the updates from the new leader (nothing is lost; the round
   * commits without them).
   *
   * @return the warning, or empty when the round timeout is at least the request timeout or the
   *     cluster has one broker (no leader to move to)
   */
  static Optional<String> failoverWarning(Duration roundTimeout, Duration requestTimeout, int brokers) {
    if (brokers < 2 || roundTimeout.compareTo(requestTimeout) >= 0) {
      return Optional.empty();
    }
    return Optional.of("round-timeout " + roundTimeout.toMillis() + " ms is shorter than the Kafka request timeout ("
        + requestTimeout.toMillis() + " ms, kafka.properties.request.timeout.ms): a round that opens as a broker fails"
        + " may close before the coordinator reads the updates from the new leader; lengthen the round or lower the"
        + " request timeout");
  }

  /**
   * Checks the cluster, then runs the job to its end, printing one line per round.
   *
   * @return an {@link ExitCodes} value
   */
  public int run(StopSignal stop) {
    CoordinatorConfig config = config();
    KafkaSettings kafka = KafkaSettings.from(values);
    int brokers = ClusterCheck.awaitCluster(kafka);
    TopicNames t = config.topics();
    ClusterCheck.checkTopicsCreatable(kafka, List.of(t.plans(), t.models(), t.shards(), t.updates(), t.secagg(), t.audit()),
        config.partitions(), config.replicationFactor());
    out.printf("coordinator: job %s, %d rounds, aggregation '%s', model %s (%d parameters%s), cluster %s (%d broker(s)),"
        + " run directory %s%n", config.job(), config.rounds(), config.aggregation(), values.string("model.network"),
        config.dimension(), config.modelLayout().map(l -> ", " + l.layers().size() + " layers").orElse(""),
        kafka.bootstrapServers(), brokers, config.runDirectory().orElseThrow());
    config.secureAggregation().ifPresent(s -> out.printf("coordinator: secure aggregation %s%n", s));
    failoverWarning(config.roundTimeout(), kafka.requestTimeout(), brokers)
        .ifPresent(w -> out.printf("coordinator: WARNING: %s%n", w));
    try (Coordinator coordinator = Coordinator.create(config)) {
      stop.onStop(coordinator::close);
      JobSummary summary = coordinator.run(this::printRound);
      out.printf("coordinator: job %s ended: %d rounds run, %d committed, %d accepted, %d rejected, model version %d (%s)%n",
          config.job(), summary.rounds(), summary.committedRounds(), summary.acceptedUpdates(),
          summary.rejectedUpdates(), summary.finalModelVersion(), summary.finalModelDigestHex());
      return stop.stopped() ? ExitCodes.STOPPED : ExitCodes.COMPLETED;
    }
  }

  private void printRound(RoundSummary s) {
    Double acc = s.metrics().get(AuditEvents.METRIC_TEST_ACCURACY);
    out.printf("round %d: accepted %d of %d, rejected %d, %s version %d, train loss %s%s, %.2f s%n", s.round(),
        s.accepted().size(), s.participants(), s.rejectedCount(), s.committed() ? "committed" : "kept",
        s.modelVersion(), TrainLoss.format(s.meanTrainLoss()), acc == null ? "" : String.format(", test acc %.4f", acc),
        s.duration().toMillis() / 1000.0);
    out.flush();
  }
}
