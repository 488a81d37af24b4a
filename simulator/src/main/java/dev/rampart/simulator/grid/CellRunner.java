package dev.rampart.simulator.grid;

import dev.rampart.simulator.Classifier;
import dev.rampart.aggregation.coding.WindowOrder;
import dev.rampart.audit.AuditEvents;
import dev.rampart.audit.FsyncPolicy;
import dev.rampart.cli.data.Dataset;
import dev.rampart.client.ClientConfig;
import dev.rampart.client.FederatedClient;
import dev.rampart.coordinator.CodedMode;
import dev.rampart.coordinator.Coordinator;
import dev.rampart.coordinator.CoordinatorConfig;
import dev.rampart.coordinator.JobSummary;
import dev.rampart.coordinator.SecureAggregation;
import dev.rampart.coordinator.SecureGroupListener;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.DataShard;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.TopicNames;
import dev.rampart.simulator.ClientThreads;
import dev.rampart.simulator.Enrolled;
import dev.rampart.simulator.attack.Adversary;
import dev.rampart.simulator.attack.AttackSpec;
import dev.rampart.simulator.data.Partition;
import dev.rampart.simulator.data.Poisoning;
import dev.rampart.transport.KafkaSettings;
import dev.rampart.transport.KafkaTransport;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs one {@link GridCell} as a real federated job on a shared broker: a coordinator and one
 * {@link FederatedClient} thread per client, each with its own identity, producer and consumer.
 * The job id is unique per run, and the job's topics are deleted afterwards so a long grid does
 * not pile up topics. The cell's settings and seeds are recorded as training parameters, which
 * the coordinator writes into the run's audit trail ("job started").
 *
 * <p>A cell with {@link GridCell#secureAggregation()} on runs grouped secure aggregation with that
 * group size (clip bound {@link SecureAggregation#DEFAULT_CLIP}, the cell's seed as grouping seed);
 * each client keeps its session state in {@code <run folder>/secagg/<client id>}. Simulated
 * attackers still collude in-process before masking (see {@link Adversary}), so omniscient attacks
 * see every honest vector; the coordinator sees only group means. Settings the coordinator's
 * configuration refuses give a {@link CellResult#refused} result instead of a run.
 *
 * <p>A cell with {@link GridCell#coding()} d &gt; 1 runs LAD coded mode: client i's partition is
 * published as shard i, windows are fixed (window order seed = cell seed + 2), clients send the
 * mean gradient of their d shards (worker momentum and the attack apply to it), and with secure
 * aggregation the coordinator forms stride groups of n/d. Coded mode needs the logistic model and
 * a vector attack; other cells are refused.
 *
 * <p>Thread-safe: concurrent runs share only the read-only data cache.
 */
public final class CellRunner {
  /** Metric name of the backdoor's attack success rate in the audit trail. */
  public static final String METRIC_BACKDOOR_SUCCESS = "backdoorSuccessRate";

  private final String bootstrap;
  private final TrainingData data;
  private final Duration roundTimeout;

  /**
   * @param bootstrap the shared broker
   * @param dataDirectory where Fashion-MNIST's IDX files are
   * @param roundTimeout how long a round waits for updates
   */
  public CellRunner(String bootstrap, Path dataDirectory, Duration roundTimeout) {
    this.bootstrap = bootstrap;
    this.data = new TrainingData(dataDirectory);
    this.roundTimeout = roundTimeout;
  }

  /** Runs the cell with its run folder {@code runDirectory}; failures are reported in the result. */
  public CellResult run(GridCell cell, Path runDirectory) {
    long started = System.nanoTime();
    String runId = runDirectory.getFileName().toString();
    try {
      return execute(cell, runDirectory, runId, started);
    } catch (RuntimeException e) {
      return new CellResult(cell, runId, Double.NaN, Double.NaN, 0, 0, (System.nanoTime() - started) / 1e9,
          String.valueOf(e));
    }
  }

  private CellResult execute(GridCell cell, Path runDir, String runId, long started) {
    Dataset[] sets = data.of(cell);
    Dataset train = sets[0];
    Dataset test = sets[1];
    Classifier model = new Classifier(cell.model(), test.featureCount(), test.classes(), cell.training().hidden());
    AttackSpec attack = AttackSpec.parse(cell.attack());
    int n = cell.clients();
    Adversary adversary = Adversary.of(attack, new Adversary.Setting(n, cell.byzantine(), cell.pipeline(),
        cell.byzantine(), cell.seed(), roundTimeout.dividedBy(3)));
    int[][] parts = Partition.parse(cell.split()).assign(train.labels(), train.classes(), n, cell.seed() + 1);
    int target = (int) attack.parameter("target", 0);
    Classifier.Scorer scorer = model.scorer(test.features(), test.labels());
    SecureRandom keys = new SecureRandom();
    Identity coordinatorIdentity = Identity.generate("coordinator", keys);
    Enrolled enrolled = Enrolled.clients(n, keys);
    List<Identity> ids = enrolled.clients();
    ClientRegistry registry = enrolled.registry();
    JobId job = JobId.of("grid-" + runId);
    CoordinatorConfig.Builder config = CoordinatorConfig.builder()
        .job(job).bootstrapServers(bootstrap).identity(coordinatorIdentity).registry(registry)
        .initialModel(model.initialModel(cell.seed())).rounds(cell.training().rounds()).roundTimeout(roundTimeout)
        .aggregation(cell.pipeline()).maxByzantine(cell.byzantine()).aggregationSeed(cell.seed())
        .serverLearningRate(cell.training().serverLearningRate())
        .runDirectory(runDir).auditFsync(FsyncPolicy.NONE)
        .evaluator(w -> metrics(scorer, w, test, attack, target));
    recorded(cell).forEach(config::trainingParameter);
    AtomicLong securedInputs = new AtomicLong();
    CoordinatorConfig built;
    try {
      built = build(config, cell, attack, () -> shards(train, parts),
          g -> securedInputs.addAndGet(g.survivors().size()));
    } catch (IllegalArgumentException e) {
      return CellResult.refused(cell, runId, e.getMessage(), (System.nanoTime() - started) / 1e9);
    }
    AtomicReference<Map<String, Double>> last = new AtomicReference<>(Map.of());
    try (ClientThreads threads = new ClientThreads("grid-client", n, roundTimeout);
        Coordinator coordinator = Coordinator.create(built)) {
      for (int i = 0; i < n; i++) {
        Dataset shard = adversary.isByzantine(i)
            ? poisoned(train.subset(parts[i], "client-" + i), attack, target)
            : train.subset(parts[i], "client-" + i);
        ClientConfig cc = clientConfig(cell, ids.get(i), coordinatorIdentity, job, runDir);
        threads.start(FederatedClient.create(cc, model.trainer(shard, cell.seed() * 31 + i),
            adversary.transform(i), Clock.systemUTC()));
      }
      JobSummary summary = coordinator.run(s -> last.set(s.metrics()));
      // a client that did not stop cleanly does not change the committed model
      threads.await(roundTimeout);
      requireEveryUpdate(cell, summary, securedInputs.get());
      Map<String, Double> m = last.get();
      return new CellResult(cell, runId, m.getOrDefault(AuditEvents.METRIC_TEST_ACCURACY, Double.NaN),
          m.getOrDefault(METRIC_BACKDOOR_SUCCESS, Double.NaN), summary.committedRounds(), summary.rejectedUpdates(),
          (System.nanoTime() - started) / 1e9, "");
    } finally {
      deleteTopics(job);
    }
  }

  /** A Byzantine client's training data under a data-poisoning attack; other attacks keep it. */
  private static Dataset poisoned(Dataset shard, AttackSpec attack, int target) {
    return switch (attack.name()) {
      case "label-flip" -> Poisoning.flipLabels(shard);
      case "backdoor" -> Poisoning.backdoor(shard, target);
      default -> shard;
    };
  }

  /**
   * Fails the cell when fewer updates arrived than clients × committed rounds: a client thread
   * died (a broker hiccup under load) and the cell did not run as specified. Under secure
   * aggregation the coordinator accepts group means, so the members whose masked input entered
   * a group sum are counted instead.
   */
  private static void requireEveryUpdate(GridCell cell, JobSummary summary, long securedInputs) {
    long heard = cell.secure() ? securedInputs : summary.acceptedUpdates() + summary.rejectedUpdates();
    long expected = (long) cell.clients() * summary.committedRounds();
    if (heard < expected) {
      throw new IllegalStateException("only " + heard + " of " + expected + " updates arrived; a client stopped");
    }
  }

  /**
   * Adds the cell's coded mode and secure aggregation to {@code config} and builds it.
   *
   * @param shards the coded-mode shards, asked for only when the cell is coded
   * @param groups told about every secure-aggregation group's outcome
   * @throws IllegalArgumentException naming the values when the settings are refused
   */
  private static CoordinatorConfig build(CoordinatorConfig.Builder config, GridCell cell, AttackSpec attack,
      Supplier<List<DataShard>> shards, SecureGroupListener groups) {
    if (cell.coded()) {
      requireCodable(cell, attack);
      config.codedMode(CodedMode.lad(shards.get(), cell.coding()).withOrder(WindowOrder.FIXED, cell.seed() + 2));
    }
    if (cell.secure()) {
      config.secureAggregation(SecureAggregation.builder().groupSize(cell.secureAggregation())
          .clip(SecureAggregation.DEFAULT_CLIP).groupingSeed(cell.seed()).listener(groups).build());
    }
    return config.build();
  }

  /** Client {@code id}'s settings; under secure aggregation its session state goes to {@code <run>/secagg/<id>}. */
  private ClientConfig clientConfig(GridCell cell, Identity id, Identity coordinator, JobId job, Path runDir) {
    ClientConfig.Builder b = ClientConfig.builder().identity(id).coordinatorKey(coordinator.publicKey()).job(job)
        .bootstrapServers(bootstrap).momentumBeta(cell.momentum());
    if (cell.secure()) {
      b.secureStateDirectory(runDir.resolve("secagg").resolve(id.id()));
    }
    return b.build();
  }

  /**
   * Refuses what coded mode cannot run: a model without per-shard gradients, data poisoning.
   *
   * @throws IllegalArgumentException naming the model or the attack
   */
  private static void requireCodable(GridCell cell, AttackSpec attack) {
    if (!cell.model().equals("logistic")) {
      throw new IllegalArgumentException("coded mode needs per-shard gradients, which only model logistic computes, "
          + "but model=" + cell.model() + ", coding_d=" + cell.coding());
    }
    if (attack.name().equals("label-flip") || attack.name().equals("backdoor")) {
      throw new IllegalArgumentException("coded mode: the coordinator publishes the shards, so the data-poisoning "
          + "attack=" + cell.attack() + " cannot change them; use a vector attack with coding_d=" + cell.coding());
    }
  }

  /** Client i's partition as shard i of coded mode. */
  private static List<DataShard> shards(Dataset train, int[][] parts) {
    List<DataShard> out = new ArrayList<>(parts.length);
    for (int k = 0; k < parts.length; k++) {
      Dataset part = train.subset(parts[k], "shard-" + k);
      out.add(new DataShard(k, parts.length, part.features(), part.labels(), part.classes()));
    }
    return out;
  }

  private static Map<String, Double> metrics(Classifier.Scorer scorer, float[] w, Dataset test, AttackSpec attack,
      int target) {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put(AuditEvents.METRIC_TEST_ACCURACY, scorer.accuracy(w));
    if (attack.name().equals("backdoor")) {
      out.put(METRIC_BACKDOOR_SUCCESS, Poisoning.attackSuccessRate(test, target, rows -> scorer.predict(w, rows)));
    }
    return out;
  }

  /** The cell's settings and seeds as they are written to the audit trail. */
  static Map<String, String> recorded(GridCell cell) {
    Map<String, String> p = new LinkedHashMap<>();
    GridCell.Training t = cell.training();
    p.put("learning_rate", Double.toString(t.learningRate()));
    p.put("local_epochs", Integer.toString(t.localEpochs()));
    p.put("batch_size", Integer.toString(t.batchSize()));
    p.put("grid_dataset", cell.dataset());
    p.put("grid_model", cell.model() + (cell.model().equals("mlp") ? "(hidden=" + t.hidden() + ")" : ""));
    p.put("grid_split", cell.split());
    p.put("grid_clients", Integer.toString(cell.clients()));
    p.put("grid_byzantine", Integer.toString(cell.byzantine()));
    p.put("grid_attack", cell.attack());
    p.put("grid_momentum", Double.toString(cell.momentum()));
    p.put("grid_seed", Long.toString(cell.seed()));
    p.put("grid_secure_aggregation", Integer.toString(cell.secureAggregation()));
    p.put("grid_coding_d", Integer.toString(cell.coding()));
    p.put("grid_seed_split", Long.toString(cell.seed() + 1));
    p.put("grid_seed_trainer", cell.seed() * 31 + "+client");
    p.put("grid_seed_attacker", cell.seed() + "+client");
    p.put("grid_train_samples", Integer.toString(t.trainSamples()));
    p.put("grid_test_samples", Integer.toString(t.testSamples()));
    return p;
  }

  private void deleteTopics(JobId job) {
    TopicNames topics = TopicNames.of(job);
    try {
      KafkaTransport.of(KafkaSettings.builder().bootstrapServers(bootstrap).build()).deleteTopics(
          List.of(topics.plans(), topics.models(), topics.shards(), topics.updates(), topics.secagg(), topics.audit()));
    } catch (RuntimeException e) {
      // topics that were never created or a slow broker: the grid goes on either way
    }
  }
}
