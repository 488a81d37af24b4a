package dev.rampart.client;

import dev.rampart.client.internal.AnchorTracker;
import dev.rampart.client.internal.ClientChannels;
import dev.rampart.client.internal.CoordinatorFeed;
import dev.rampart.client.internal.RoundWork;
import dev.rampart.client.internal.UpdatePayloads;
import dev.rampart.crypto.ChunkSigning;
import dev.rampart.crypto.Envelopes;
import dev.rampart.crypto.secagg.ClientPhase;
import dev.rampart.protocol.Framing;
import dev.rampart.protocol.ModelLayout;
import dev.rampart.protocol.RampartException;
import dev.rampart.protocol.RecordFaults;
import dev.rampart.protocol.wire.ClientUpdate;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.MessageType;
import dev.rampart.protocol.wire.ModelDescriptor;
import dev.rampart.protocol.wire.RoundPlan;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One participant of a federated job. It reads the coordinator's signed plans and models from
 * Kafka, runs its {@link LocalTrainer} on its own data when a plan names it, and publishes the
 * signed (and, when large, chunked) update. Raw data never leaves the client.
 *
 * <pre>{@code
 * try (FederatedClient client = FederatedClient.create(config, trainer)) {
 *   ClientRunSummary summary = client.run();   // returns after the job's final round
 * }
 * }</pre>
 *
 * <p>Each client owns its producer, consumer and identity. {@link #run()} blocks and is called
 * once, from one thread; {@link #close()} may be called from any thread to stop it.
 */
public final class FederatedClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FederatedClient.class);
  private static final Duration POLL = Duration.ofMillis(50);

  private final ClientConfig config;
  private final LocalTrainer trainer;
  private final UpdateTransform transform;
  private final InstantSource clock;
  private final ClientChannels channels;
  private final CoordinatorFeed feed;
  private final RoundWork work;
  private final UpdatePayloads payloads;
  private final SecureUpdates secure;
  private final WorkerMomentum momentum;
  private final AnchorTracker anchors;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean started = new AtomicBoolean();
  private ModelDescriptor checkedDescriptor;
  private long lastHandledRound;
  private long lastHandledDeadline;
  private boolean lastHandledAnswered;
  private long answered;
  private long skipped;

  private FederatedClient(ClientConfig config, LocalTrainer trainer, UpdateTransform transform, InstantSource clock) {
    this.config = config;
    this.trainer = trainer;
    this.transform = transform;
    this.clock = clock;
    this.channels = new ClientChannels(config.kafkaSettings(), config.topics(), config.identity().id());
    this.feed = new CoordinatorFeed(config.job(), config.coordinatorKey(), config.reassemblyLimits(), clock);
    this.work = new RoundWork(config.identity().id(), trainer, feed.shards(), clock);
    this.payloads = new UpdatePayloads(config.compressionSeed());
    this.secure = new SecureUpdates(config, clock);
    this.momentum = WorkerMomentum.of(config.momentumBeta());
    this.anchors = new AnchorTracker(config.identity().id());
  }

  /** An honest client on the system clock. */
  public static FederatedClient create(ClientConfig config, LocalTrainer trainer) {
    return create(config, trainer, UpdateTransform.identity(), Clock.systemUTC());
  }

  /**
   * A client whose updates pass through {@code transform} before signing (used to simulate
   * Byzantine behaviour through the real transport).
   */
  public static FederatedClient create(ClientConfig config, LocalTrainer trainer, UpdateTransform transform,
      InstantSource clock) {
    return new FederatedClient(Objects.requireNonNull(config, "config"), Objects.requireNonNull(trainer, "trainer"),
        Objects.requireNonNull(transform, "transform"), Objects.requireNonNull(clock, "clock"));
  }

  /** Takes part in the job until its final round is handled or {@link #close()} is called. */
  public ClientRunSummary run() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("run() may be called only once per client");
    }
    try {
      channels.open();
      boolean finished = false;
      while (!finished && !closed.get()) {
        for (byte[] value : channels.poll(POLL)) {
          feed.accept(value);
        }
        feed.latestPlan().ifPresent(this::requireMatchingLayout);
        finished = channels.caughtUp() && handleLatestPlanGuarded();
      }
      return new ClientRunSummary(answered, skipped, feed.ignored(), finished, anchors.latest());
    } finally {
      try {
        secure.close();
      } finally {
        channels.close();
      }
    }
  }

  /**
   * Ends the run when the job's plan describes a model layout that differs from the trainer's;
   * each distinct descriptor is compared once.
   *
   * @throws ModelMismatchException naming the first differing layer
   */
  private void requireMatchingLayout(RoundPlan plan) {
    if (!plan.hasModelDescriptor() || plan.getModelDescriptor().equals(checkedDescriptor)) {
      return;
    }
    Optional<ModelLayout> mine = trainer.modelLayout();
    if (mine.isPresent()) {
      ModelLayout job;
      try {
        job = ModelLayout.fromWire(plan.getModelDescriptor());
      } catch (RampartException e) {
        throw new ModelMismatchException("client " + config.identity().id() + " refuses job " + config.job()
            + ": round " + plan.getRound() + " carries a " + e.getMessage());
      }
      Optional<String> difference = job.firstDifference(mine.get());
      if (difference.isPresent()) {
        throw new ModelMismatchException("client " + config.identity().id() + " refuses job " + config.job()
            + ": its network does not match the job's model (" + job + "): " + difference.get());
      }
      if (!job.configurationSha256Hex().equals(mine.get().configurationSha256Hex())) {
        LOG.info("client {}: the job's network configuration (SHA-256 {}) differs from this client's ({}) in settings"
            + " outside the layers' shapes, e.g. the updater or the seed; its layers match", config.identity().id(),
            job.configurationSha256Hex(), mine.get().configurationSha256Hex());
      }
    }
    checkedDescriptor = plan.getModelDescriptor();
  }

  /**
   * The fault boundary around one plan: whatever handling it throws (a plan from a faulty or
   * malicious coordinator, Errors included) skips that round, and the client goes on reading.
   */
  private boolean handleLatestPlanGuarded() {
    try {
      return handleLatestPlan();
    } catch (Throwable t) {
      RecordFaults.rethrowIfFatal(t);
      RoundPlan plan = feed.latestPlan().orElseThrow();
      secure.abandon();
      String why = RecordFaults.describe(t, "handling the plan");
      LOG.warn("client {} cannot handle round {}: {}", config.identity().id(), plan.getRound(), why);
      return skip(plan, why);
    }
  }

  /** Answers the newest plan when possible; true once the final round has been handled. */
  private boolean handleLatestPlan() {
    Optional<RoundPlan> latest = feed.latestPlan();
    latest.flatMap(anchors::observe).ifPresent(config.auditAnchorListener());
    if (latest.isEmpty() || !isNew(latest.get())) {
      return false;
    }
    RoundPlan plan = latest.get();
    if (feed.isClosed(plan)) {
      return skip(plan, "round already closed");
    }
    String me = config.identity().id();
    if (!plan.getParticipantsList().contains(me)) {
      return skip(plan, "not a participant");
    }
    if (clock.millis() > plan.getDeadlineMs()) {
      return skip(plan, "deadline passed before the plan was read");
    }
    Optional<String> refused = secure.refusal(plan);
    if (refused.isPresent()) {
      return refuse(plan, refused.get());
    }
    if (plan.hasSecureAggregation()) {
      Optional<String> out = secure.retryRefusal(plan);
      if (out.isPresent()) {
        LOG.warn("client {} stays out of round {}: {}", me, plan.getRound(), out.get());
        return skip(plan, out.get());
      }
    }
    if (plan.hasSecureAggregation()) {
      // P0, P1 and the mask expansion need only keys and the plan: they run while the client
      // fetches the model and trains.
      secure.begin(plan, closed::get);
    }
    Optional<float[]> model = feed.model(plan.getModelDigest().toByteArray());
    if (model.isEmpty()) {
      return false;
    }
    Optional<LocalUpdate> computed = work.compute(plan, model.get());
    if (computed.isEmpty()) {
      return false;
    }
    LocalUpdate local = computed.get();
    float[] sent = config.momentumBeta() > 0 ? momentum.apply(local.vector()) : local.vector();
    float[] vector = transform.apply(sent, plan.getRound());
    boolean done = true;
    if (plan.hasSecureAggregation()) {
      // A session that revealed nothing (it ended before P4) may be run again when a restarted
      // coordinator plans the round again; the coordinator cannot re-read masked inputs.
      done = secure.take(plan, vector, () -> closed.get() || superseded(plan))
          .filter(p -> p == ClientPhase.UNMASK_SENT).isPresent();
    } else {
      publish(plan, vector, local);
    }
    answered++;
    handled(plan, done);
    return plan.getFinalRound() && config.stopAfterFinalRound();
  }

  /**
   * Whether a newer plan (a later round, or the same round with a later deadline: a restarted
   * coordinator) has arrived while a secure session of {@code plan} runs; reads the plans topic.
   */
  private boolean superseded(RoundPlan plan) {
    for (byte[] value : channels.poll(Duration.ZERO)) {
      feed.accept(value);
    }
    return feed.latestPlan().filter(p -> p.getRound() > plan.getRound()
        || p.getRound() == plan.getRound() && p.getDeadlineMs() > plan.getDeadlineMs()).isPresent();
  }

  /**
   * A later round, or a restarted coordinator's new attempt (later deadline) at a round this client
   * skipped or whose secure session ended before revealing anything; an answered plain round is not
   * answered again, since the coordinator re-reads that update.
   */
  private boolean isNew(RoundPlan plan) {
    return plan.getRound() > lastHandledRound || plan.getRound() == lastHandledRound && !lastHandledAnswered
        && plan.getDeadlineMs() > lastHandledDeadline;
  }

  private void handled(RoundPlan plan, boolean answeredIt) {
    lastHandledRound = plan.getRound();
    lastHandledDeadline = plan.getDeadlineMs();
    lastHandledAnswered = answeredIt;
  }

  private boolean skip(RoundPlan plan, String why) {
    LOG.info("client {} skips round {}: {}", config.identity().id(), plan.getRound(), why);
    skipped++;
    handled(plan, false);
    return plan.getFinalRound() && config.stopAfterFinalRound();
  }

  /** Skips a plan that breaks this client's secure-aggregation policy; nothing is sent. */
  private boolean refuse(RoundPlan plan, String why) {
    LOG.warn("client {} refuses round {}: the plan breaks its secure-aggregation policy: {}",
        config.identity().id(), plan.getRound(), why);
    skipped++;
    handled(plan, false);
    return plan.getFinalRound() && config.stopAfterFinalRound();
  }

  private void publish(RoundPlan plan, float[] vector, LocalUpdate local) {
    ClientUpdate update = payloads.attach(ClientUpdate.newBuilder()
        .setJobId(plan.getJobId())
        .setRound(plan.getRound())
        .setBaseModelDigest(plan.getModelDigest())
        .setSampleCount(local.sampleCount())
        .setTrainLoss(local.trainLoss()), plan, vector)
        .build();
    Envelope envelope = Envelopes.seal(config.identity(), MessageType.CLIENT_UPDATE, plan.getJobId(),
        plan.getRound(), update.toByteArray(), clock.millis());
    channels.sendUpdate(config.identity().id(), Framing.frames(envelope, config.maxFrameBytes(), plan.getDeadlineMs(),
        ChunkSigning.signer(config.identity())));
  }

  /**
   * The highest audit chain head this client has taken from a plan signed by the pinned
   * coordinator key, if any; safe to call from any thread.
   */
  public Optional<AuditAnchor> auditHead() {
    return anchors.latest();
  }

  /** Stops {@link #run()} at its next poll, or releases the Kafka clients if it never ran; idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      if (started.get()) {
        secure.wakeup();
        channels.wakeup();
      } else {
        channels.close();
      }
    }
  }

}
