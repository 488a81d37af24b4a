package dev.rampart.coordinator;

import com.google.protobuf.ByteString;
import dev.rampart.audit.AuditEvents;
import dev.rampart.audit.AuditRecord;
import dev.rampart.audit.ModelRef;
import dev.rampart.coordinator.internal.AcceptedUpdate;
import dev.rampart.coordinator.internal.AggregationStep;
import dev.rampart.coordinator.internal.AuditTrail;
import dev.rampart.coordinator.internal.CodedPlanner;
import dev.rampart.coordinator.internal.CodedRounds;
import dev.rampart.coordinator.internal.HeapCheck;
import dev.rampart.coordinator.internal.JobRecords;
import dev.rampart.coordinator.internal.KafkaChannels;
import dev.rampart.coordinator.internal.OpenRound;
import dev.rampart.coordinator.internal.Publisher;
import dev.rampart.coordinator.internal.RejectionLedger;
import dev.rampart.coordinator.internal.ResumePoint;
import dev.rampart.coordinator.internal.RoundCollector;
import dev.rampart.coordinator.internal.SecureRound;
import dev.rampart.coordinator.internal.UpdateVerifier;
import dev.rampart.crypto.ChunkSigning;
import dev.rampart.crypto.Enrollment;
import dev.rampart.protocol.ClientId;
import dev.rampart.protocol.FloatVectors;
import dev.rampart.protocol.Hex;
import dev.rampart.protocol.Reassembler;
import dev.rampart.protocol.RejectionReason;
import dev.rampart.protocol.wire.ModelVersion;
import dev.rampart.protocol.wire.RoundPlan;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one training job: each round it publishes a signed plan, collects and verifies the
 * clients' signed updates from Kafka until all participants answered or the deadline passed,
 * aggregates them with the robust pipeline, takes the server step {@code w ← w − η·aggregate}
 * and publishes the new model version.
 *
 * <p>With a run directory, every setting, round, update, rejection, anomaly and commit goes to the
 * hash-chained signed audit log (mirrored to the job's audit topic) and every model version to
 * the content-addressed store. A coordinator started on a run directory with history resumes: it
 * continues the chain, republishes the head model (the last commit, or the target of a later
 * rollback) and runs the rounds after the last committed one, so a round cut short by a crash is
 * run again from its start.
 *
 * <pre>{@code
 * try (Coordinator coordinator = Coordinator.create(config)) {
 *   JobSummary summary = coordinator.run(round -> System.out.println(round.round()));
 * }
 * }</pre>
 *
 * <p>Not thread-safe: {@link #run} is called once, from one thread. {@link #close()} may be called
 * from any thread and is idempotent.
 */
public final class Coordinator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);

  private final CoordinatorConfig config;
  private final InstantSource clock;
  private final KafkaChannels channels;
  private final Publisher publisher;
  private final RoundCollector collector;
  private final AggregationStep aggregation;
  private final AuditTrail trail;
  private final CodedRounds coded;
  private final SecureRound secure;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean started = new AtomicBoolean();
  private final Map<RejectionReason, Long> rejectionCounts = new EnumMap<>(RejectionReason.class);

  private float[] model;
  private byte[] modelDigest;
  private long modelVersion;

  private Coordinator(CoordinatorConfig config, InstantSource clock) {
    this.config = config;
    this.clock = clock;
    this.channels = new KafkaChannels(config.kafkaSettings(), config.topics());
    this.publisher = new Publisher(channels, config.topics(), config.identity(), config.maxFrameBytes(), clock);
    this.coded = CodedRounds.of(config);
    this.collector = new RoundCollector(channels,
        new UpdateVerifier(config.job(), config.registry(), config.dimension(), coded.compression()),
        Reassembler.decodingDense(config.reassemblyLimits(), ChunkSigning.registry(config.registry()), clock), clock);
    this.aggregation = new AggregationStep(config.aggregation(), config.maxByzantine(), config.aggregationSeed(),
        config.secureAggregation().isPresent());
    this.trail = config.runDirectory()
        .map(dir -> AuditTrail.open(dir, config.identity(), config.auditFsync(),
            bytes -> channels.mirrorAudit(AuditRecord.parse(bytes).sequence(), bytes)))
        .orElseGet(AuditTrail::disabled);
    this.model = config.initialModel();
    this.modelDigest = FloatVectors.digest(model);
    this.secure = config.secureAggregation()
        .map(s -> new SecureRound(config, channels, clock)).orElse(null);
  }

  /** A coordinator on the system clock. Nothing is sent before {@link #run}. */
  public static Coordinator create(CoordinatorConfig config) {
    return create(config, Clock.systemUTC());
  }

  /** A coordinator on the given clock (deadlines and timestamps). */
  public static Coordinator create(CoordinatorConfig config, InstantSource clock) {
    return new Coordinator(Objects.requireNonNull(config, "config"), Objects.requireNonNull(clock, "clock"));
  }

  /**
   * Runs the job's remaining rounds and returns their totals.
   *
   * @param listener told about each round right after it commits
   */
  public JobSummary run(RoundListener listener) {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("run() may be called only once per coordinator");
    }
    try {
      return runJob(listener);
    } finally {
      try {
        trail.close();
      } finally {
        closeChannels();
      }
    }
  }

  private void closeChannels() {
    try {
      if (secure != null) {
        secure.close();
      }
    } finally {
      try {
        collector.close();
      } finally {
        channels.close();
      }
    }
  }

  private JobSummary runJob(RoundListener listener) {
    long start = clock.millis();
    // Dense updates are decoded as their chunks arrive; compressed ones are read whole, two per intake thread.
    int wholeMessages = coded.compression().dense() ? 0 : 2 * Runtime.getRuntime().availableProcessors();
    for (String warning : HeapCheck.warnings(participants().size(), config.dimension(), config.reassemblyLimits(),
        Runtime.getRuntime().maxMemory(), wholeMessages)) {
      LOG.warn("job {}: {}", config.job(), warning);
    }
    channels.ensureTopics(config.partitions(), config.replicationFactor());
    channels.openUpdates();
    coded.publishShards(publisher, config.job().value());
    ResumePoint resume = trail.resumePoint();
    catchUpAuditMirror();
    trail.jobStarted(config.job().value(), JobRecords.CODE_VERSION, JobRecords.threatModel(config, participants().size()),
        coded.seeds(Map.of("aggregation", config.aggregationSeed())), coded.settings(JobRecords.settings(config, aggregation.spec(), resume)));
    long firstRound = startFrom(resume);
    long accepted = 0;
    long rejected = 0;
    long committed = 0;
    long ran = 0;
    for (long round = firstRound; round <= config.rounds() && !closed.get(); round++) {
      RoundSummary summary = runRound(round);
      accepted += summary.accepted().size();
      rejected += summary.rejectedCount();
      committed += summary.committed() ? 1 : 0;
      ran++;
      listener.onRound(summary);
    }
    String status = closed.get() ? "STOPPED" : "COMPLETED";
    trail.jobEnded(status, ran, modelVersion, modelDigest, ran + " rounds from round " + firstRound);
    channels.flushAudit();
    return new JobSummary(ran, committed, accepted, rejected, rejectionCounts, modelVersion,
        Hex.of(modelDigest), Duration.ofMillis(clock.millis() - start));
  }

  /**
   * Publishes audit records the topic lacks (written while no coordinator ran, e.g. a rollback,
   * or lost in a crash between the local write and the mirror).
   */
  private void catchUpAuditMirror() {
    if (config.runDirectory().isEmpty()) {
      return;
    }
    List<AuditRecord> missing = trail.recordsAfter(channels.lastMirroredAuditSequence(config.identity().publicKey()));
    missing.forEach(r -> channels.mirrorAudit(r.sequence(), r.bytes()));
    if (!missing.isEmpty()) {
      LOG.info("published {} audit records missing from {}", missing.size(), config.topics().audit());
    }
  }

  /** Sets the starting model and publishes it; returns the first round to run. */
  private long startFrom(ResumePoint resume) {
    if (resume.resuming()) {
      ModelRef head = resume.head().orElseThrow();
      model = trail.load(head);
      // the store checked the file against this digest while loading it
      modelDigest = HexFormat.of().parseHex(head.digest());
      modelVersion = head.version();
      LOG.info("resuming job {} from model version {}{} after round {}", config.job(), modelVersion,
          resume.rolledBack() ? " (rollback)" : "", resume.lastCommittedRound());
      publishModel(head.round(), head.parentDigest().map(HexFormat.of()::parseHex).orElse(new byte[0]));
      return resume.lastCommittedRound() + 1;
    }
    AuditTrail.Committed initial = trail.commit(0, "initial", List.of(), model, null, evaluate());
    modelVersion = initial.version();
    modelDigest = initial.digest();
    publishModel(0, new byte[0]);
    return 1;
  }

  private RoundSummary runRound(long round) {
    long start = clock.millis();
    Set<ClientId> participants = participants();
    long deadline = start + config.roundTimeout().toMillis();
    List<List<String>> groups = secure == null ? List.of() : secure.partition(round, participants);
    RoundPlan plan = plan(round, participants, deadline);
    plan = secure == null ? plan : secure.withGroups(plan);
    trail.roundPlanned(round, modelVersion, participants.stream().map(ClientId::value).toList(),
        CodedPlanner.auditView(plan), groups,
        secure == null ? Map.of() : secure.grouping());
    plan = trail.anchor(plan);
    publisher.publishPlan(plan);
    OpenRound open = new OpenRound(round, deadline, modelDigest, participants);
    RejectionLedger rejections = new RejectionLedger(round);
    if (secure == null) {
      collector.collect(open, rejections);
    } else {
      secure.collect(plan, open, rejections);
    }
    // the round's intake is decided now: record it before anything waits on the broker, so that
    // the audit log shows the round closed on its deadline even while a broker is frozen
    List<AcceptedUpdate> updates = open.accepted();
    trail.roundClosed(round, deadline, clock.millis() < deadline ? AuditEvents.ClosedBy.ALL_ANSWERED
        : AuditEvents.ClosedBy.DEADLINE, updates.size(), rejections.total());
    recordRejections(rejections);
    updates.forEach(u -> trail.accepted(round, u, modelVersion));
    publisher.publishPlanWithoutWaiting(plan.toBuilder().setClosed(true).build());
    List<ClientId> clients = updates.stream().map(AcceptedUpdate::client).toList();
    double loss = meanLoss(updates);
    Committing result = aggregateAndCommit(round, updates);
    // Only now may the accepted vectors go: neither this frame nor the open round holds them while
    // the new model is sealed and published (one set of the round's copies at a time).
    open.clear();
    updates = null;
    if (result.aggregated()) {
      publishModel(round, result.parent());
    }
    channels.flushAudit();
    channels.commitUpdates();
    return new RoundSummary(round, modelVersion, Hex.of(modelDigest), participants.size(),
        clients, rejections.retained(), rejections.counts(), loss, result.evidence(),
        result.aggregated(), Duration.ofMillis(clock.millis() - start), model, result.metrics());
  }

  /** What aggregating a round left: whether a model was committed, its parent and its records. */
  private record Committing(boolean aggregated, byte[] parent, List<ClientEvidence> evidence,
      Map<String, Double> metrics) {}

  /** Aggregates, steps the model and commits it to the audit trail; the caller publishes it. */
  private Committing aggregateAndCommit(long round, List<AcceptedUpdate> updates) {
    AggregationStep.Outcome outcome = aggregate(round, updates);
    if (outcome == null) {
      return new Committing(false, modelDigest, List.of(), Map.of());
    }
    List<ClientEvidence> evidence = outcome.evidence();
    trail.anomaly(round, aggregation.spec(), evidence);
    byte[] parent = modelDigest;
    step(outcome.aggregate());
    Map<String, Double> metrics = metrics(updates);
    AuditTrail.Committed committed = trail.commit(round, aggregation.spec(),
        updates.stream().map(u -> u.client().value()).toList(), model, parent, metrics);
    modelVersion = committed.version();
    modelDigest = committed.digest();
    return new Committing(true, parent, evidence, metrics);
  }

  /**
   * Adds the round's rejections to the job's counts and writes them to the audit trail: the
   * authenticated ones one by one, the rest as one bounded summary record.
   */
  private void recordRejections(RejectionLedger rejections) {
    rejections.counts().forEach((reason, n) -> rejectionCounts.merge(reason, n, Long::sum));
    rejections.individual().forEach(trail::rejected);
    trail.rejectionsSummarized(rejections.summary());
  }

  /** Runs the pipeline, or returns null (model unchanged) when the round cannot be aggregated. */
  private AggregationStep.Outcome aggregate(long round, List<AcceptedUpdate> updates) {
    if (updates.size() < config.minUpdates()) {
      LOG.warn("round {}: {} accepted updates, fewer than minUpdates={}; model stays at version {}",
          round, updates.size(), config.minUpdates(), modelVersion);
      return null;
    }
    try {
      return aggregation.aggregate(updates);
    } catch (IllegalArgumentException e) {
      LOG.warn("round {}: aggregation '{}' cannot run on {} updates: {}; model stays at version {}",
          round, aggregation.spec(), updates.size(), e.getMessage(), modelVersion);
      return null;
    }
  }

  private Set<ClientId> participants() {
    Set<ClientId> ids = new TreeSet<>();
    for (Enrollment e : config.registry().enrollments()) {
      if (e.status() == Enrollment.Status.ACTIVE) {
        ids.add(ClientId.of(e.clientId()));
      }
    }
    return ids;
  }

  private RoundPlan plan(long round, Set<ClientId> participants, long deadline) {
    RoundPlan.Builder b = RoundPlan.newBuilder();
    config.modelLayout().ifPresent(layout -> b.setModelDescriptor(layout.toWire()));
    return coded.addTo(b, round, participants)
        .setJobId(config.job().value())
        .setRound(round)
        .setModelVersion(modelVersion)
        .setModelDigest(ByteString.copyFrom(modelDigest))
        .addAllParticipants(participants.stream().map(ClientId::value).toList())
        .setDeadlineMs(deadline)
        .setDimension(config.dimension())
        .putAllTraining(config.training())
        .setFinalRound(round == config.rounds())
        .build();
  }

  /**
   * Steps the model by the aggregate, in the aggregate's array: it is this round's own (see
   * {@link AggregationStep.Outcome}), so the step needs no third model-sized array.
   */
  private void step(float[] aggregate) {
    float eta = (float) config.serverLearningRate();
    float[] current = model;
    for (int j = 0; j < aggregate.length; j++) {
      aggregate[j] = current[j] - eta * aggregate[j];
    }
    model = aggregate;
  }

  private void publishModel(long round, byte[] parentDigest) {
    publisher.publishModel(ModelVersion.newBuilder()
        .setJobId(config.job().value())
        .setVersion(modelVersion)
        .setRound(round)
        .setDigest(ByteString.copyFrom(modelDigest))
        .setParentDigest(ByteString.copyFrom(parentDigest))
        .setParameters(FloatVectors.toWire(model))
        .build());
  }

  /**
   * The evaluator's metrics of the current model, given a copy of it; none, and no copy, for
   * {@link ModelEvaluator#NONE}.
   */
  private Map<String, Double> evaluate() {
    ModelEvaluator evaluator = config.evaluator();
    return evaluator == ModelEvaluator.NONE ? Map.of() : evaluator.evaluate(model.clone());
  }

  /** The evaluator's metrics of the new model plus the clients' mean training loss this round. */
  private Map<String, Double> metrics(List<AcceptedUpdate> updates) {
    Map<String, Double> m = new LinkedHashMap<>(evaluate());
    m.putIfAbsent(AuditEvents.METRIC_TRAIN_LOSS, meanLoss(updates));
    return m;
  }

  private static double meanLoss(List<AcceptedUpdate> updates) {
    double sum = 0;
    long samples = 0;
    for (AcceptedUpdate u : updates) {
      if (Float.isFinite(u.trainLoss()) && u.sampleCount() > 0) {
        sum += (double) u.trainLoss() * u.sampleCount();
        samples += u.sampleCount();
      }
    }
    return samples == 0 ? Double.NaN : sum / samples;
  }

  /** The current model version (0 before the first commit). */
  public long modelVersion() {
    return modelVersion;
  }

  /**
   * Asks a running job to stop after the current round (its Kafka clients and audit log are
   * released when {@link #run} returns), or releases them now when the job never started;
   * idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && !started.get()) {
      try {
        trail.close();
      } finally {
        closeChannels();
      }
    }
  }
}
