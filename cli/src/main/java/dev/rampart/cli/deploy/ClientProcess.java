package dev.rampart.cli.deploy;

import dev.rampart.cli.data.Dataset;
import dev.rampart.client.AuditAnchor;
import dev.rampart.client.ClientConfig;
import dev.rampart.client.ClientRunSummary;
import dev.rampart.client.FederatedClient;
import dev.rampart.client.LocalTrainer;
import dev.rampart.client.LocalUpdate;
import dev.rampart.client.SecureSessionHook;
import dev.rampart.client.UpdateTransform;
import dev.rampart.crypto.Identity;
import dev.rampart.crypto.PublicKey;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.ModelLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A client as a process of its own: its identity, the pinned coordinator key and its local data
 * come from a checked {@code client.yaml}; it waits (bounded) for the cluster and the job's
 * topics, then takes part until the job's final round. Each new audit chain head the coordinator
 * signs into a plan is written to {@link #anchorFile} for auditors. Not thread-safe; one run per
 * instance.
 */
public final class ClientProcess {
  private final ConfigValues values;
  private final PrintStream out;

  private ClientProcess(ConfigValues values, PrintStream out) {
    this.values = values;
    this.out = out;
  }

  /** Reads and checks {@code file}; throws {@link ConfigException} naming the key on a bad file. */
  public static ClientProcess fromFile(Path file, PrintStream out) {
    return new ClientProcess(DeploySchemas.CLIENT.bind(file), out);
  }

  /** The client settings the file describes (keys are read from disk). */
  public ClientConfig config() {
    return builder().build();
  }

  private ClientConfig.Builder builder() {
    Identity identity = CoordinatorProcess.loadIdentity(values.path("identity"), "identity");
    ClientConfig.Builder b = ClientConfig.builder()
        .identity(identity)
        .secureStateDirectory(SecureAggregationKeys.secureStateDirectory(values, identity.id()))
        .coordinatorKey(readPublicKey(values.path("coordinator-key")))
        .job(JobId.of(values.string("job")))
        .topicPrefix(values.string("topic-prefix"))
        .maxFrameBytes(values.integer("max-frame-bytes"))
        .reassemblyLimits(ReassemblyKeys.limits(values))
        .stopAfterFinalRound(values.bool("stop-after-final-round"));
    KafkaSettings.from(values).properties().forEach(b::kafkaProperty);
    SecureAggregationKeys.clientPolicy(values).ifPresent(b::secureAggregationPolicy);
    return b;
  }

  /**
   * The file where this client keeps the latest audit head it received:
   * {@code <state-directory>/<client id>/audit-anchor-<job>.txt}.
   */
  AnchorFile anchorFile(String clientId) {
    return AnchorFile.of(values.path(SecureAggregationKeys.STATE_DIRECTORY), clientId, values.string("job"));
  }

  /** The local data named by {@code data.path}. */
  public Dataset data() {
    return LocalData.load(values.path("data.path"), values.string("data.format"), values.integer("data.classes"),
        values.decimal("data.feature-scale"));
  }

  /** Reads a public key file written by {@code rampart keys generate}: comment lines, then one base64 line. */
  static PublicKey readPublicKey(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("coordinator-key file " + file + " does not exist");
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("#")) {
          return PublicKey.fromBase64(t);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read public key file " + file, e);
    }
    throw new ConfigException("public key file " + file + " holds no key");
  }

  /**
   * Checks the cluster and the job's topics, then trains until the job's final round.
   *
   * @return an {@link ExitCodes} value
   */
  public int run(StopSignal stop) {
    return run(stop, SecureSessionHook.none());
  }

  /**
   * As {@link #run(StopSignal)}, with an observer of the secure-aggregation sessions (fault
   * injection: a test process that goes silent after a given phase).
   *
   * @return an {@link ExitCodes} value
   */
  public int run(StopSignal stop, SecureSessionHook hook) {
    Identity identity = CoordinatorProcess.loadIdentity(values.path("identity"), "identity");
    AnchorFile anchorFile = anchorFile(identity.id());
    ClientConfig config = builder().secureSessionHook(hook)
        .auditAnchorListener(new AnchorRecorder(identity.id(), anchorFile, out)::record).build();
    Dataset data = data();
    KafkaSettings kafka = KafkaSettings.from(values);
    ClusterCheck.awaitCluster(kafka);
    String id = config.identity().id();
    JobModel model = JobModel.of(values.string("model.network"), values.file(), data.featureCount(), data.classes(),
        values.integer("model.hidden"), 0);
    LocalTrainer trainer = new ProgressTrainer(model.trainer(data, values.longValue("data.seed")), id, out);
    out.printf("client %s: job %s, model %s (%d parameters), %d local samples, cluster %s, secure-aggregation state"
        + " in %s; waiting for the job's topics%n", id, config.job(), model.spec(), model.initialModel().length,
        data.size(), kafka.bootstrapServers(),
        config.secureStateDirectory().orElseThrow());
    out.flush();
    ClusterCheck.awaitTopics(kafka, List.of(config.topics().plans(), config.topics().models(), config.topics().updates()),
        values.duration("topic-wait"), "is the coordinator for job " + config.job() + " running?");
    try (FederatedClient client = FederatedClient.create(config, trainer, UpdateTransform.identity(), Clock.systemUTC())) {
      stop.onStop(client::close);
      ClientRunSummary summary = client.run();
      out.printf("client %s: %s: %d rounds answered, %d skipped, %d coordinator messages ignored, audit head %s%n", id,
          summary.finished() ? "job ended" : "stopped", summary.roundsAnswered(), summary.roundsSkipped(),
          summary.ignoredMessages(), summary.auditHead().map(AuditAnchor::text).orElse("none"));
      if (summary.finished()) {
        int removed = SecureStateFiles.forgetJob(config.secureStateDirectory().orElseThrow(), config.job().value(), id);
        if (removed > 0) {
          out.printf("client %s: deleted %d secure-aggregation state file(s) of the ended job%n", id, removed);
        }
        return ExitCodes.COMPLETED;
      }
      return stop.stopped() ? ExitCodes.STOPPED : ExitCodes.FAILED;
    }
  }

  /** Prints one line per round this client trains for. */
  private record ProgressTrainer(LocalTrainer inner, String id, PrintStream out) implements LocalTrainer {
    @Override
    public Optional<ModelLayout> modelLayout() {
      return inner.modelLayout();
    }

    @Override
    public LocalUpdate train(float[] globalModel, Map<String, String> parameters, long round) {
      LocalUpdate update = inner.train(globalModel, parameters, round);
      out.printf("client %s: round %d: trained on %d samples, loss %.4f%n", id, round, update.sampleCount(),
          update.trainLoss());
      out.flush();
      return update;
    }
  }
}
