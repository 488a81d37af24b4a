package dev.rampart.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rampart.audit.AuditEvents;
import dev.rampart.cli.RunFiles;
import dev.rampart.cli.data.Dataset;
import dev.rampart.cli.data.Datasets;
import dev.rampart.cli.data.TrainLoss;
import dev.rampart.client.ClientConfig;
import dev.rampart.client.FederatedClient;
import dev.rampart.client.SoftmaxRegression;
import dev.rampart.client.UpdateTransform;
import dev.rampart.coordinator.CodedMode;
import dev.rampart.coordinator.Coordinator;
import dev.rampart.coordinator.CoordinatorConfig;
import dev.rampart.coordinator.JobSummary;
import dev.rampart.coordinator.RoundListener;
import dev.rampart.coordinator.RoundSummary;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.DataShard;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.TopicNames;
import dev.rampart.testkit.EmbeddedKafkaBroker;
import dev.rampart.testkit.KafkaBroker;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link CodedScenario} end to end on a real broker (embedded unless one is given): the
 * coordinator publishes the digits shards on the job's shards topic, plans LAD tasks each round
 * and aggregates the (possibly compressed) coded vectors; one thread per client reads and verifies
 * its shards from Kafka, encodes, compresses and signs. Prints one line per round, then the bytes
 * the updates topic carried against their dense size, and writes the run folder ({@code
 * summary.json}, the audit trail, the model store, the coordinator key) like the demo.
 *
 * <p>Not thread-safe; one run per instance.
 */
public final class CodedSimulation {
  private final CodedScenario scenario;
  private final long seed;
  private final String bootstrap;
  private final Path runsDirectory;
  private final Duration roundTimeout;
  private final PrintStream out;
  private final boolean secureAggregation;

  CodedSimulation(CodedScenario scenario, SimulationSettings settings, PrintStream out) {
    this(scenario, settings, out, false);
  }

  /** With {@code secureAggregation}, clients mask their coded vectors in stride groups ({@link SecureCodedScenario}). */
  CodedSimulation(CodedScenario scenario, SimulationSettings settings, PrintStream out, boolean secureAggregation) {
    this.secureAggregation = secureAggregation;
    this.scenario = scenario;
    this.seed = settings.seed();
    this.bootstrap = settings.bootstrapServers();
    this.runsDirectory = settings.runsDirectory();
    this.roundTimeout = settings.roundTimeout();
    this.out = out;
  }

  /** Runs the scenario and returns its summary (also written to the run folder). */
  CodedRunSummary run() {
    Path runDir = runsDirectory.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
        + "-" + scenario.name());
    try {
      Files.createDirectories(runDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create run directory " + runDir, e);
    }
    out.printf("scenario %s: %d clients = %d shards, redundancy d=%d, %d Byzantine (%s), aggregation '%s' (f=%d), "
        + "compression %s, %d rounds; results in %s%n", scenario.name(), scenario.clients(), scenario.clients(),
        scenario.redundancy(), scenario.byzantine(), scenario.attack(), scenario.aggregation(), scenario.maxByzantine(),
        scenario.compression(), scenario.rounds(), runDir);
    if (secureAggregation) {
      out.printf("secure aggregation: %d stride groups of %d clients, each covering every shard once; the coordinator"
          + " sees only group sums%n", scenario.redundancy(), SecureCodedScenario.groupSize(scenario));
    }
    try (KafkaBroker broker = bootstrap != null ? new External(bootstrap) : EmbeddedKafkaBroker.start()) {
      out.printf("broker: %s%n", broker.description());
      CodedRunSummary summary = runJob(runDir, broker.bootstrapServers());
      write(runDir.resolve("summary.json"), summary);
      return summary;
    }
  }

  private CodedRunSummary runJob(Path runDir, String servers) {
    Dataset[] split = Datasets.digits().trainTestSplit(0.2, seed);
    Dataset test = split[1];
    List<DataShard> shards = shards(split[0].iidSplit(scenario.clients(), seed + 1));
    Identity coordinatorIdentity = Identity.generate("coordinator", new SecureRandom());
    RunFiles.saveCoordinatorKey(runDir, coordinatorIdentity);
    JobId job = JobId.of("digits-" + scenario.name() + "-" + runDir.getFileName().toString().substring(0, 15));
    RunFiles.saveJob(runDir, job);
    Enrolled enrolled = Enrolled.clients(scenario.clients(), new SecureRandom());
    List<Identity> clients = enrolled.clients();
    ClientRegistry registry = enrolled.registry();
    float[][] testX = test.features();
    int[] testY = test.labels();
    CoordinatorConfig config = CoordinatorConfig.builder()
        .job(job).bootstrapServers(servers).identity(coordinatorIdentity).registry(registry)
        .initialModel(new float[SoftmaxRegression.parameterCount(test.featureCount(), test.classes())])
        .rounds(scenario.rounds()).roundTimeout(roundTimeout).serverLearningRate(scenario.serverLearningRate())
        .aggregation(scenario.aggregation()).maxByzantine(scenario.maxByzantine())
        .codedMode(CodedMode.lad(shards, scenario.redundancy()).withOrder(scenario.order(), seed + 2))
        .compression(scenario.compression()).compressionSeed(seed + 3)
        .secureAggregation(secureAggregation ? SecureCodedScenario.settings(scenario) : null)
        .runDirectory(runDir)
        .evaluator(model -> Map.of(AuditEvents.METRIC_TEST_ACCURACY,
            SoftmaxRegression.accuracy(model, testX, testY, test.classes())))
        .build();
    if (scenario.byzantine() > 0) {
      out.printf("byzantine clients: %s run '%s'%n", clients.subList(scenario.clients() - scenario.byzantine(),
          scenario.clients()).stream().map(Identity::id).toList(), scenario.attack());
    }
    try (ClientThreads threads = new ClientThreads("client", scenario.clients(), Duration.ZERO);
        Coordinator coordinator = Coordinator.create(config)) {
      for (int i = 0; i < scenario.clients(); i++) {
        threads.start(client(clients.get(i), i, coordinatorIdentity, job, servers, shards.get(i)));
      }
      Printer printer = new Printer(out, scenario.rounds());
      JobSummary summary = coordinator.run(printer);
      threads.await(roundTimeout).forEach(e -> out.println("warning: a client did not finish cleanly: " + e));
      UpdateTraffic traffic = UpdateTraffic.read(servers, new TopicNames(TopicNames.DEFAULT_PREFIX, job).updates(),
          config.registry());
      return summarize(runDir, summary, printer.lines, traffic);
    }
  }

  private FederatedClient client(Identity identity, int index, Identity coordinator, JobId job, String servers,
      DataShard own) {
    ClientConfig cc = ClientConfig.builder().identity(identity).coordinatorKey(coordinator.publicKey()).job(job)
        .bootstrapServers(servers).compressionSeed(seed * 31 + index).build();
    // The trainer's own data is never used in coded mode (tasks name the shards to load), but the
    // constructor needs some; the client's first window shard is a natural choice.
    SoftmaxRegression trainer = new SoftmaxRegression(own.features(), own.labels(), own.classes(), seed + index);
    UpdateTransform behaviour = index >= scenario.clients() - scenario.byzantine()
        ? Attacks.parse(scenario.attack(), seed + index) : UpdateTransform.identity();
    return FederatedClient.create(cc, trainer, behaviour, Clock.systemUTC());
  }

  static List<DataShard> shards(Dataset[] parts) {
    List<DataShard> out = new ArrayList<>(parts.length);
    for (int k = 0; k < parts.length; k++) {
      out.add(new DataShard(k, parts.length, parts[k].features(), parts[k].labels(), parts[k].classes()));
    }
    return out;
  }

  private CodedRunSummary summarize(Path runDir, JobSummary job, List<RunSummary.RoundLine> lines,
      UpdateTraffic traffic) {
    UpdateTraffic.Tally total = traffic.total();
    Map<String, Long> reasons = new LinkedHashMap<>();
    job.rejectionsByReason().forEach((k, v) -> reasons.put(k.name(), v));
    double accuracy = lines.isEmpty() ? Double.NaN : lines.get(lines.size() - 1).testAccuracy();
    if (secureAggregation) {
      out.printf("updates topic: %d updates; clients sent only masked vectors, on the secagg topic%n", total.updates());
    } else {
      out.printf("updates topic: %d updates (%d compressed), payload %d bytes vs %d dense (%.1f %%), records %d bytes%n",
          total.updates(), total.compressedUpdates(), total.payloadBytes(), total.denseBytes(),
          100 * total.payloadFraction(), total.recordBytes());
    }
    out.printf("done: %d rounds, final test accuracy %.4f, %d accepted, %d rejected, %.1f s%n", job.rounds(), accuracy,
        job.acceptedUpdates(), job.rejectedUpdates(), job.duration().toMillis() / 1000.0);
    return new CodedRunSummary(runDir.getFileName().toString(), scenario, seed, job.rounds(), accuracy,
        job.acceptedUpdates(), job.rejectedUpdates(), reasons, total.payloadBytes(), total.denseBytes(),
        total.payloadFraction(), total.recordBytes(), job.duration().toMillis() / 1000.0, lines);
  }

  private static void write(Path file, CodedRunSummary summary) {
    ObjectMapper json = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(SerializationFeature.INDENT_OUTPUT);
    try {
      json.writeValue(file.toFile(), summary);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * The machine-readable result of a scenario run ({@code summary.json}). Immutable.
   *
   * @param seed the run's seed: data split {@code seed}, shard split {@code seed + 1}, window
   *     order {@code seed + 2}, compression round seeds {@code seed + 3}, client i's compression
   *     generator {@code 31·seed + i} (the aggregation seed is in the audit trail)
   * @param payloadBytes update payload bytes read back from the updates topic
   * @param denseBytes what the same updates would have cost as dense float32
   * @param payloadFraction payloadBytes / denseBytes
   * @param recordBytes Kafka record bytes of the updates (framing and signatures included)
   */
  record CodedRunSummary(String runId, CodedScenario scenario, long seed, long rounds, double finalTestAccuracy,
      long acceptedUpdates, long rejectedUpdates, Map<String, Long> rejectionsByReason, long payloadBytes,
      long denseBytes, double payloadFraction, long recordBytes,
      @com.fasterxml.jackson.annotation.JsonProperty("duration_s") double durationSeconds,
      List<RunSummary.RoundLine> perRound) {}

  /** Prints one line per round and keeps them. */
  private static final class Printer implements RoundListener {
    private final PrintStream out;
    private final int rounds;
    private final List<RunSummary.RoundLine> lines = new ArrayList<>();

    Printer(PrintStream out, int rounds) {
      this.out = out;
      this.rounds = rounds;
    }

    @Override
    public void onRound(RoundSummary s) {
      double acc = s.metrics().getOrDefault(AuditEvents.METRIC_TEST_ACCURACY, Double.NaN);
      List<String> suspected = s.suspected().stream().map(e -> e.client().value()).toList();
      double seconds = s.duration().toMillis() / 1000.0;
      lines.add(new RunSummary.RoundLine(s.round(), s.meanTrainLoss(), acc, s.accepted().size(), (int) Math.min(Integer.MAX_VALUE, s.rejectedCount()),
          seconds, s.modelDigestHex(), suspected));
      out.printf("round %3d/%d  train loss %s  test acc %.4f  accepted %2d  rejected %d  %.2f s%s%n", s.round(),
          rounds, TrainLoss.format(s.meanTrainLoss()), acc, s.accepted().size(), s.rejectedCount(), seconds,
          suspected.isEmpty() ? "" : "  suspected " + String.join(",", suspected));
    }
  }

  private record External(String bootstrapServers) implements KafkaBroker {
    @Override
    public String description() {
      return "external Kafka cluster at " + bootstrapServers;
    }

    @Override
    public void close() {}
  }
}
