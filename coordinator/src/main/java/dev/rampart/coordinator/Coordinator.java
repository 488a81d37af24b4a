package dev.rampart.coordinator;

import com.google.protobuf.ByteString;
import dev.rampart.coordinator.internal.AcceptedUpdate;
import dev.rampart.coordinator.internal.AggregationStep;
import dev.rampart.coordinator.internal.KafkaChannels;
import dev.rampart.coordinator.internal.OpenRound;
import dev.rampart.coordinator.internal.Publisher;
import dev.rampart.coordinator.internal.RoundCollector;
import dev.rampart.coordinator.internal.UpdateVerifier;
import dev.rampart.crypto.Enrollment;
import dev.rampart.protocol.ClientId;
import dev.rampart.protocol.FloatVectors;
import dev.rampart.protocol.Hex;
import dev.rampart.protocol.RejectionReason;
import dev.rampart.protocol.wire.ModelVersion;
import dev.rampart.protocol.wire.RoundPlan;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.EnumMap;
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
 * aggregates them, takes the server step {@code w ← w − η·aggregate} and publishes the new model
 * version.
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
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean started = new AtomicBoolean();
  private final Map<RejectionReason, Long> rejectionCounts = new EnumMap<>(RejectionReason.class);

  private float[] model;
  private byte[] modelDigest;
  private long modelVersion;

  private Coordinator(CoordinatorConfig config, InstantSource clock) {
    this.config = config;
    this.clock = clock;
    this.channels = new KafkaChannels(config.kafka(), config.topics());
    this.publisher = new Publisher(channels, config.topics(), config.identity(), config.maxFrameBytes(), clock);
    this.collector = new RoundCollector(channels,
        new UpdateVerifier(config.job(), config.registry(), config.dimension()), clock);
    this.aggregation = new AggregationStep(config.aggregation(), config.maxByzantine(), config.aggregationSeed());
    this.model = config.initialModel();
    this.modelDigest = FloatVectors.digest(model);
  }

  /** A coordinator on the system clock. Connects lazily: nothing is sent before {@link #run}. */
  public static Coordinator create(CoordinatorConfig config) {
    return create(config, Clock.systemUTC());
  }

  /** A coordinator on the given clock (deadlines and timestamps). */
  public static Coordinator create(CoordinatorConfig config, InstantSource clock) {
    return new Coordinator(Objects.requireNonNull(config, "config"), Objects.requireNonNull(clock, "clock"));
  }

  /**
   * Runs every round of the job and returns its totals.
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
      channels.close();
    }
  }

  private JobSummary runJob(RoundListener listener) {
    long start = clock.millis();
    channels.ensureTopics(config.partitions(), config.replicationFactor());
    channels.openUpdates();
    publishModel(0, new byte[0]);
    long accepted = 0;
    long rejected = 0;
    long committed = 0;
    for (long round = 1; round <= config.rounds() && !closed.get(); round++) {
      RoundSummary summary = runRound(round);
      accepted += summary.accepted().size();
      rejected += summary.rejections().size();
      committed += summary.committed() ? 1 : 0;
      listener.onRound(summary);
    }
    return new JobSummary(config.rounds(), committed, accepted, rejected, rejectionCounts, modelVersion,
        Hex.of(modelDigest), Duration.ofMillis(clock.millis() - start));
  }

  private RoundSummary runRound(long round) {
    long start = clock.millis();
    Set<ClientId> participants = participants();
    long deadline = start + config.roundTimeout().toMillis();
    publisher.publishPlan(plan(round, participants, deadline));
    OpenRound open = new OpenRound(round, deadline, modelDigest, participants);
    List<Rejection> rejections = collector.collect(open);
    rejections.forEach(r -> rejectionCounts.merge(r.reason(), 1L, Long::sum));
    List<AcceptedUpdate> updates = open.accepted();
    List<ClientEvidence> evidence = List.of();
    boolean commit = updates.size() >= config.minUpdates();
    AggregationStep.Outcome outcome = null;
    if (commit) {
      try {
        outcome = aggregation.aggregate(updates);
      } catch (IllegalArgumentException e) {
        LOG.warn("round {}: aggregation '{}' cannot run on {} updates: {}; model stays at version {}",
            round, aggregation.spec(), updates.size(), e.getMessage(), modelVersion);
        commit = false;
      }
    }
    if (outcome != null) {
      evidence = outcome.evidence();
      step(outcome.aggregate());
      publishModel(round, modelDigest);
    } else if (updates.size() < config.minUpdates()) {
      LOG.warn("round {}: {} accepted updates, fewer than minUpdates={}; model stays at version {}",
          round, updates.size(), config.minUpdates(), modelVersion);
    }
    return new RoundSummary(round, modelVersion, Hex.of(modelDigest), participants.size(),
        updates.stream().map(AcceptedUpdate::client).toList(), rejections, meanLoss(updates), evidence,
        commit, Duration.ofMillis(clock.millis() - start), model);
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
    return RoundPlan.newBuilder()
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

  private void step(float[] aggregate) {
    float eta = (float) config.serverLearningRate();
    float[] next = new float[model.length];
    for (int j = 0; j < next.length; j++) {
      next[j] = model[j] - eta * aggregate[j];
    }
    model = next;
  }

  private void publishModel(long round, byte[] parentDigest) {
    if (round > 0) {
      modelVersion++;
    }
    modelDigest = FloatVectors.digest(model);
    publisher.publishModel(ModelVersion.newBuilder()
        .setJobId(config.job().value())
        .setVersion(modelVersion)
        .setRound(round)
        .setDigest(ByteString.copyFrom(modelDigest))
        .setParentDigest(ByteString.copyFrom(parentDigest))
        .setParameters(FloatVectors.toWire(model))
        .build());
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
   * Asks a running job to stop after the current round (its Kafka clients are released when
   * {@link #run} returns), or releases them now when the job never started; idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && !started.get()) {
      channels.close();
    }
  }
}
