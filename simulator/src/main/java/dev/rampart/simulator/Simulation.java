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
import dev.rampart.client.LocalTrainer;
import dev.rampart.simulator.data.FashionMnist;
import dev.rampart.client.UpdateTransform;
import dev.rampart.coordinator.Coordinator;
import dev.rampart.coordinator.CoordinatorConfig;
import dev.rampart.coordinator.JobSummary;
import dev.rampart.coordinator.RoundListener;
import dev.rampart.coordinator.RoundSummary;
import dev.rampart.coordinator.SecureAggregation;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.JobId;
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
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Runs a whole federated job in one process: a Kafka broker (embedded unless an external cluster
 * is given), a coordinator, and one thread per client, each with its own identity, producer and
 * consumer, training a {@link Classifier} (multinomial logistic regression unless
 * {@link #withModel} says otherwise) on its shard of the digits data, or of Fashion-MNIST after
 * {@link #withFashionMnist}.
 *
 * <p>Prints one line per round and writes {@code <runs>/<run-id>/summary.json}. Not thread-safe;
 * one simulation per instance.
 */
public final class Simulation {
  private final SimulationSettings settings;
  private final PrintStream out;
  private final Map<Integer, UpdateTransform> behaviours = new LinkedHashMap<>();
  private Path resumeFrom;
  private SecureAggregation secureAggregation;
  private String model = "logistic";
  private int hidden = 32;
  private Path fashionDirectory;
  private int trainSamples;
  private int testSamples;

  /** A simulation that reports progress on {@code out}. */
  public Simulation(SimulationSettings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  /** Makes client number {@code index} (0-based) send {@code transform(honest)} instead of its honest update. */
  public Simulation withBehaviour(int index, UpdateTransform transform) {
    if (index < 0 || index >= settings.clients()) {
      throw new IllegalArgumentException("client index must be in [0, " + settings.clients() + "), but index=" + index);
    }
    behaviours.put(index, transform);
    return this;
  }

  /**
   * Runs grouped secure aggregation with groups of at most {@code groupSize} clients (threshold
   * ⌊s/2⌋+1, clip 1.0); the coordinator refuses the job when s exceeds clients/(2f+1).
   *
   * @throws IllegalArgumentException naming the value unless 2 ≤ groupSize ≤ 255
   */
  public Simulation withSecureAggregation(int groupSize) {
    this.secureAggregation = SecureAggregation.builder().groupSize(groupSize).build();
    return this;
  }

  /**
   * Trains {@code kind} ({@link Classifier#KINDS}; {@code mlp} with {@code hidden} units) instead
   * of logistic regression.
   *
   * @throws IllegalArgumentException naming the value when the kind is unknown or hidden &lt; 1
   */
  public Simulation withModel(String kind, int hidden) {
    if (!Classifier.known(kind)) {
      throw new IllegalArgumentException("model must be " + Classifier.KINDS + ", but model=" + kind);
    }
    if (hidden < 1) {
      throw new IllegalArgumentException("hidden must be at least 1, but hidden=" + hidden);
    }
    this.model = kind;
    this.hidden = hidden;
    return this;
  }

  /**
   * Trains on Fashion-MNIST's IDX files in {@code directory} instead of the digits: its training
   * set split IID over the clients and its test set for the accuracy, each limited to a seeded
   * sample of the given size (0 = all).
   *
   * @throws IllegalArgumentException naming the value when a count is negative
   */
  public Simulation withFashionMnist(Path directory, int trainSamples, int testSamples) {
    if (trainSamples < 0 || testSamples < 0) {
      throw new IllegalArgumentException("sample counts must be at least 0 (0 = all), but train=" + trainSamples
          + ", test=" + testSamples);
    }
    this.fashionDirectory = directory;
    this.trainSamples = trainSamples;
    this.testSamples = testSamples;
    return this;
  }

  /**
   * Continues the run in {@code runDirectory} (same job id and coordinator key, fresh client
   * identities) instead of starting a new one: the coordinator resumes from the run's head model,
   * which is the target of a rollback if one was recorded, and runs up to the configured total
   * number of rounds.
   */
  public Simulation resuming(Path runDirectory) {
    if (!Files.isDirectory(runDirectory)) {
      throw new IllegalArgumentException("run directory " + runDirectory + " does not exist");
    }
    this.resumeFrom = runDirectory;
    return this;
  }

  /** Runs the job and returns its summary (also written to the run directory). */
  public RunSummary run() {
    if (model.equals("lenet") && fashionDirectory == null) {
      throw new IllegalArgumentException("model lenet takes 28 x 28 images: run it on fashion-mnist, not the 8 x 8 "
          + "digits");
    }
    Set<Integer> byzantine = new TreeSet<>(behaviours.keySet());
    for (int i = settings.clients() - settings.byzantineClients(); i < settings.clients(); i++) {
      byzantine.add(i);
    }
    Attacks.install(settings, behaviours);
    Path runDir = resumeFrom != null ? resumeFrom : settings.runsDirectory().resolve(
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
        + "-" + Long.toHexString(new SecureRandom().nextInt(1 << 16) | 0x10000L).substring(1));
    String runId = runDir.getFileName().toString();
    createDirectories(runDir);
    out.printf("run %s: %d clients, %d rounds, aggregation '%s' (f=%d), results in %s%n", runId, settings.clients(),
        settings.rounds(), settings.aggregation(), settings.maxByzantine(), runDir);
    if (secureAggregation != null) {
      out.printf("secure aggregation: %s%n", secureAggregation);
    }
    if (!byzantine.isEmpty()) {
      out.printf("byzantine clients: %s run '%s'%n", byzantine.stream()
          .map(i -> String.format("client-%02d", i)).toList(), settings.attack());
    }
    try (KafkaBroker broker = broker()) {
      out.printf("broker: %s%n", broker.description());
      RunSummary summary = runJob(runId, runDir, broker.bootstrapServers());
      writeSummary(runDir.resolve("summary.json"), summary);
      return summary;
    }
  }

  private KafkaBroker broker() {
    if (settings.bootstrapServers() != null) {
      return new ExternalBroker(settings.bootstrapServers());
    }
    out.println("starting embedded Kafka broker (KRaft) ...");
    return EmbeddedKafkaBroker.start();
  }

  private RunSummary runJob(String runId, Path runDir, String bootstrap) {
    Dataset[] split = data();
    Dataset test = split[1];
    Classifier classifier = new Classifier(model, test.featureCount(), test.classes(), hidden);
    Classifier.Scorer scorer = classifier.scorer(test.features(), test.labels());
    Dataset[] shards = split[0].iidSplit(settings.clients(), settings.seed() + 1);
    SecureRandom keys = new SecureRandom();
    Identity coordinatorIdentity;
    JobId job;
    if (resumeFrom != null) {
      coordinatorIdentity = RunFiles.coordinatorIdentity(runDir);
      job = RunFiles.job(runDir);
      out.printf("resuming run %s (job %s)%n", runId, job);
    } else {
      coordinatorIdentity = Identity.generate("coordinator", keys);
      RunFiles.saveCoordinatorKey(runDir, coordinatorIdentity);
      job = JobId.of((fashionDirectory == null ? "digits-" : "fashion-") + runId);
      RunFiles.saveJob(runDir, job);
    }
    Enrolled enrolled = Enrolled.clients(settings.clients(), keys);
    List<Identity> clients = enrolled.clients();
    ClientRegistry registry = enrolled.registry();
    CoordinatorConfig config = CoordinatorConfig.builder()
        .job(job).bootstrapServers(bootstrap).identity(coordinatorIdentity).registry(registry)
        .initialModel(classifier.initialModel(settings.seed())).rounds(settings.rounds()).roundTimeout(settings.roundTimeout())
        .aggregation(settings.aggregation()).maxByzantine(settings.maxByzantine())
        .trainingParameter("learning_rate", Double.toString(settings.learningRate()))
        .trainingParameter("local_epochs", Integer.toString(settings.localEpochs()))
        .trainingParameter("batch_size", Integer.toString(settings.batchSize()))
        .runDirectory(runDir)
        .secureAggregation(secureAggregation)
        .evaluator(w -> Map.of(AuditEvents.METRIC_TEST_ACCURACY, scorer.accuracy(w)))
        .build();
    try (ClientThreads threads = new ClientThreads("client", settings.clients(), Duration.ZERO);
        Coordinator coordinator = Coordinator.create(config)) {
      for (int i = 0; i < settings.clients(); i++) {
        ClientConfig cc = ClientConfig.builder().identity(clients.get(i)).coordinatorKey(coordinatorIdentity.publicKey())
            .job(job).bootstrapServers(bootstrap).build();
        LocalTrainer trainer = classifier.trainer(shards[i], new SplittableRandom(settings.seed()).split().nextLong() + i);
        FederatedClient client = FederatedClient.create(cc, trainer,
            behaviours.getOrDefault(i, UpdateTransform.identity()), Clock.systemUTC());
        threads.start(client);
      }
      RoundPrinter printer = new RoundPrinter(out, scorer, settings.rounds());
      JobSummary job1 = coordinator.run(printer);
      threads.await(settings.roundTimeout())
          .forEach(e -> out.println("warning: a client did not finish cleanly: " + e));
      return summarize(runId, job1, printer);
    }
  }

  /** {train, test}: the digits split by the test fraction, or Fashion-MNIST's own two sets. */
  private Dataset[] data() {
    if (fashionDirectory == null) {
      return Datasets.digits().trainTestSplit(settings.testFraction(), settings.seed());
    }
    int train = trainSamples == 0 ? Integer.MAX_VALUE : trainSamples;
    int test = testSamples == 0 ? Integer.MAX_VALUE : testSamples;
    return new Dataset[] {FashionMnist.load(fashionDirectory, "train", train, settings.seed()),
        FashionMnist.load(fashionDirectory, "t10k", test, settings.seed() + 1)};
  }

  private RunSummary summarize(String runId, JobSummary job, RoundPrinter printer) {
    Map<String, Long> reasons = new LinkedHashMap<>();
    job.rejectionsByReason().forEach((k, v) -> reasons.put(k.name(), v));
    List<RunSummary.RoundLine> lines = printer.lines();
    double accuracy = lines.isEmpty() ? Double.NaN : lines.get(lines.size() - 1).testAccuracy();
    double loss = lines.isEmpty() ? Double.NaN : lines.get(lines.size() - 1).trainLoss();
    RunSummary summary = new RunSummary(runId, job.rounds(), accuracy, loss,
        job.acceptedUpdates(), job.rejectedUpdates(), job.duration().toMillis() / 1000.0, reasons, lines);
    out.printf("done: %d rounds, final test accuracy %.4f, final train loss %s, %d accepted, %d rejected, %.1f s%n",
        summary.rounds(), summary.finalTestAccuracy(), TrainLoss.format(summary.finalTrainLoss()),
        summary.acceptedUpdates(), summary.rejectedUpdates(), summary.durationSeconds());
    return summary;
  }

  private static void writeSummary(Path file, RunSummary summary) {
    ObjectMapper json = new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(SerializationFeature.INDENT_OUTPUT);
    try {
      json.writeValue(file.toFile(), summary);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create run directory " + dir, e);
    }
  }

  /** Prints one line per round and keeps them for the summary. */
  private static final class RoundPrinter implements RoundListener {
    private final PrintStream out;
    private final Classifier.Scorer scorer;
    private final int rounds;
    private final List<RunSummary.RoundLine> lines = new ArrayList<>();

    RoundPrinter(PrintStream out, Classifier.Scorer scorer, int rounds) {
      this.out = out;
      this.scorer = scorer;
      this.rounds = rounds;
    }

    @Override
    public void onRound(RoundSummary s) {
      Double recorded = s.metrics().get(AuditEvents.METRIC_TEST_ACCURACY);
      double acc = recorded != null ? recorded : scorer.accuracy(s.model());
      if (System.getenv("RAMPART_DEBUG_EVIDENCE") != null) {
        s.aggregation().forEach(e -> out.println("   " + e));
      }
      List<String> suspected = s.suspected().stream().map(e -> e.client().value()).toList();
      double seconds = s.duration().toMillis() / 1000.0;
      lines.add(new RunSummary.RoundLine(s.round(), s.meanTrainLoss(), acc, s.accepted().size(),
          (int) Math.min(Integer.MAX_VALUE, s.rejectedCount()), seconds, s.modelDigestHex(), suspected));
      out.printf("round %3d/%d  train loss %s  test acc %.4f  accepted %2d  rejected %d  %.2f s%s%n",
          s.round(), rounds, TrainLoss.format(s.meanTrainLoss()), acc, s.accepted().size(), s.rejectedCount(),
          seconds, suspected.isEmpty() ? "" : "  suspected " + String.join(",", suspected));
    }

    List<RunSummary.RoundLine> lines() {
      return lines;
    }

  }

  /** A cluster someone else runs: nothing to start or stop. */
  private record ExternalBroker(String bootstrapServers) implements KafkaBroker {
    @Override
    public String description() {
      return "external Kafka cluster at " + bootstrapServers;
    }

    @Override
    public void close() {}
  }
}
