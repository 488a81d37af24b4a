package dev.rampart.client;

import dev.rampart.client.internal.PlanPolicy;
import dev.rampart.client.internal.SecAggChannel;
import dev.rampart.client.internal.SecureSession;
import dev.rampart.client.internal.SessionAttempts;
import dev.rampart.crypto.secagg.ClientPhase;
import dev.rampart.crypto.secagg.ClientStateStore;
import dev.rampart.crypto.secagg.GroupRef;
import dev.rampart.crypto.secagg.SecAggClient;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.RampartException;
import dev.rampart.protocol.wire.RoundPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secure-aggregation path of a {@link FederatedClient}: instead of a dense update, the
 * transformed update goes through the client's group session ({@link SecureSession}). The Kafka
 * adapter is opened on the first secure round only.
 *
 * <p>Not thread-safe, except {@link #wakeup()} and {@link #close()}.
 */
final class SecureUpdates implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SecureUpdates.class);

  private final ClientConfig config;
  private final InstantSource clock;
  private final Optional<PlanPolicy> policy;
  private volatile SecAggChannel channel;
  private SecureSession session;
  private SecureSession.Started current;
  private RoundPlan beganWithoutGroup;
  private ClientStateStore store;
  private SessionAttempts attempts;

  SecureUpdates(ClientConfig config, InstantSource clock) {
    this.config = config;
    this.clock = clock;
    this.policy = config.secureAggregationPolicy().map(p -> new PlanPolicy(p, config.identity().id()));
  }

  /**
   * Why the client's {@link SecureAggregationPolicy} forbids answering {@code plan} at all (with a
   * secure session or a plain update); empty when it has no policy or the plan keeps it.
   */
  Optional<String> refusal(RoundPlan plan) {
    return policy.flatMap(p -> p.refusal(plan));
  }

  /**
   * Starts {@code plan}'s session as soon as the plan is accepted (P0, P1 and the mask expansion
   * then run while the client fetches the model and trains); a session already started for this
   * plan (a retried plan whose model or shard was not there yet) goes on, and one started for
   * another plan is stopped first.
   */
  void begin(RoundPlan plan, BooleanSupplier closed) {
    if (current != null && samePlan(current.plan(), plan)) {
      return;
    }
    abandon();
    if (session == null) {
      channel = new SecAggChannel(config.kafkaSettings(), config.topics(), config.identity().id());
      ensureStore();
      session = new SecureSession(config.identity(), config.coordinatorKey(), channel, store,
          config.secureSessionHook(), config.maxFrameBytes(), config.reassemblyLimits(), clock);
      policy.ifPresent(session::trustPeersFrom);
    }
    String me = config.identity().id();
    int forgotten = store.forgetRoundsBefore(JobId.of(plan.getJobId()), plan.getRound(), me)
        + attempts.forgetRoundsBefore(plan.getJobId(), plan.getRound(), me);
    if (forgotten > 0) {
      LOG.info("client {} round {}: deleted {} secure-aggregation session file(s) of earlier rounds", me,
          plan.getRound(), forgotten);
    }
    startAttempt(plan);
    current = session.begin(plan, closed).orElse(null);
    beganWithoutGroup = current == null ? plan : null;
  }

  /**
   * Gives the session begun for {@code plan} its update and waits for it to end; returns the phase
   * it ended in, empty when the client is in no group of the plan.
   */
  Optional<ClientPhase> take(RoundPlan plan, float[] vector, BooleanSupplier stop) {
    if (current == null || !samePlan(current.plan(), plan)) {
      if (beganWithoutGroup != null && samePlan(beganWithoutGroup, plan)) {
        return Optional.empty();
      }
      throw new IllegalStateException("no secure-aggregation session was begun for round " + plan.getRound());
    }
    SecureSession.Started started = current;
    current = null;
    ClientPhase end = session.finish(started, vector, stop);
    LOG.info("client {} round {}: secure aggregation ended in {}", config.identity().id(), plan.getRound(), end);
    return Optional.of(end);
  }

  private static boolean samePlan(RoundPlan a, RoundPlan b) {
    return a.getRound() == b.getRound() && a.getDeadlineMs() == b.getDeadlineMs();
  }

  /**
   * Stops the session begun before training, if one runs: training failed or the round was
   * skipped, and the client goes silent in its group (a dropout).
   */
  void abandon() {
    SecureSession.Started started = current;
    current = null;
    if (started != null) {
      started.stop();
      LOG.info("client {} round {}: secure-aggregation session stopped in {} without an update",
          config.identity().id(), started.plan().getRound(), started.phase());
    }
  }

  /**
   * Why this client must stay out of {@code plan}'s attempt at its round, if it must: a plan with a
   * later deadline than the one its stored session was opened for is a restarted coordinator
   * running the round again, and if that session already sent its unmask shares (P4), a second
   * unmasked sum of the round over other survivors could be differenced with the first.
   */
  Optional<String> retryRefusal(RoundPlan plan) {
    ensureStore();
    String me = config.identity().id();
    Optional<SessionAttempts.Mark> earlier = attempts.load(plan.getJobId(), plan.getRound(), me);
    if (earlier.isEmpty() || earlier.get().deadlineMs() == plan.getDeadlineMs()) {
      return Optional.empty();
    }
    Optional<ClientPhase> phase = SecAggClient.storedPhase(store, GroupRef.of(plan.getJobId(), plan.getRound(),
        earlier.get().groupId()), me);
    return phase.filter(p -> p == ClientPhase.UNMASK_SENT).map(p -> "the coordinator planned round " + plan.getRound()
        + " again after this client sent its unmask shares in the earlier attempt; a second unmasked sum over other"
        + " survivors could reveal its input");
  }

  /**
   * Prepares the session for {@code plan}'s attempt at its round: a session stored for an earlier
   * attempt (which {@link #retryRefusal} found unrevealed) is discarded, so the client takes part
   * again with fresh keys and masks; a session of this attempt (a restarted client) is resumed.
   */
  private void startAttempt(RoundPlan plan) {
    String me = config.identity().id();
    String job = plan.getJobId();
    Optional<SessionAttempts.Mark> earlier = attempts.load(job, plan.getRound(), me);
    if (earlier.isPresent() && earlier.get().deadlineMs() != plan.getDeadlineMs()) {
      store.delete(GroupRef.of(job, plan.getRound(), earlier.get().groupId()), me);
      LOG.info("client {} round {}: the coordinator planned the round again; the earlier attempt's session is"
          + " discarded and a fresh one opened", me, plan.getRound());
    }
    plan.getGroupsList().stream().filter(g -> g.getMembersList().contains(me)).findFirst().ifPresent(g ->
        attempts.save(job, plan.getRound(), me, new SessionAttempts.Mark(plan.getDeadlineMs(), g.getGroupId())));
  }

  private void ensureStore() {
    if (store == null) {
      store = store();
      attempts = SessionAttempts.in(config.secureStateDirectory());
    }
  }

  private ClientStateStore store() {
    if (config.secureStateDirectory().isEmpty()) {
      return ClientStateStore.inMemory();
    }
    try {
      return ClientStateStore.inDirectory(Files.createDirectories(config.secureStateDirectory().get()));
    } catch (IOException e) {
      throw new RampartException("cannot create secure-aggregation state directory "
          + config.secureStateDirectory().get() + ": " + e.getMessage(), e);
    }
  }

  /** Ends a blocking read early; safe from any thread. */
  void wakeup() {
    SecAggChannel c = channel;
    if (c != null) {
      c.wakeup();
    }
  }

  @Override
  public void close() {
    SecureSession.Started started = current;
    if (started != null) {
      started.stop();
    }
    if (session != null) {
      session.close();
    }
    SecAggChannel c = channel;
    if (c != null) {
      c.close();
    }
  }
}
