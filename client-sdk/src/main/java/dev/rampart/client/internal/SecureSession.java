package dev.rampart.client.internal;

import dev.rampart.client.SecureSessionHook;
import dev.rampart.crypto.ChunkSigning;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Envelopes;
import dev.rampart.crypto.Identity;
import dev.rampart.crypto.PublicKey;
import dev.rampart.crypto.secagg.ClientPhase;
import dev.rampart.crypto.secagg.ClientSetup;
import dev.rampart.crypto.secagg.ClientStateStore;
import dev.rampart.crypto.secagg.ClientStep;
import dev.rampart.crypto.secagg.GroupRef;
import dev.rampart.crypto.secagg.Octets;
import dev.rampart.crypto.secagg.SecAggClient;
import dev.rampart.crypto.secagg.SecAggParameters;
import dev.rampart.crypto.secagg.SessionContext;
import dev.rampart.crypto.secagg.TrustAnchors;
import dev.rampart.protocol.Framing;
import dev.rampart.protocol.Reassembler;
import dev.rampart.protocol.Reassembly;
import dev.rampart.protocol.ReassemblyLimits;
import dev.rampart.protocol.RecordFaults;
import dev.rampart.protocol.SecAggRecordKeys;
import dev.rampart.protocol.Untrusted;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.Group;
import dev.rampart.protocol.wire.MessageType;
import dev.rampart.protocol.wire.RoundPlan;
import dev.rampart.protocol.wire.SecAggSpec;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs this client's part of one round's grouped secure aggregation (SECAGG.md P0-P4) over the
 * secagg topic, in two calls around local training. {@link #begin} (when the plan is accepted,
 * before the model is fetched) opens (or resumes from the state store) a {@link SecAggClient}
 * without its input, sends P0 and answers the coordinator's messages on a thread of its own: P1 and, once U2 arrives, the mask expansion
 * run while the client trains. {@link #finish} (after training) encodes the update to fixed point
 * and hands it to the session, which adds it to the expanded masks and sends the masked input
 * (from the calling thread when U2 came first, otherwise as the answer to U2), then waits until the
 * session has sent its unmask response, aborted, gone silent by the hook, or the round's deadline
 * passed. Only the encoding, the final masking and the sealing and sending of P2 sit after training.
 *
 * <p>Every outgoing message is the state machine's own, persisted before it is returned, so a
 * restarted client resends identical bytes. Coordinator messages are accepted only in an envelope
 * signed by the pinned coordinator key; the state machine checks their inner signature again.
 *
 * <p>Not thread-safe: one per client thread; each started session runs on the session's own
 * thread until it ends or is {@link Started#stop() stopped}.
 */
public final class SecureSession implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SecureSession.class);
  private static final Duration POLL = Duration.ofMillis(20);

  private final Identity identity;
  private final PublicKey coordinatorKey;
  private final SecAggChannel channel;
  private final ClientStateStore store;
  private final SecureSessionHook hook;
  private final int maxFrameBytes;
  private final ReassemblyLimits limits;
  private final InstantSource clock;
  private final SecureRandom random = new SecureRandom();
  private final int maskThreads;
  private final ExecutorService conversations;
  private GroupRef lastSession;
  private PlanPolicy peerKeys;

  public SecureSession(Identity identity, PublicKey coordinatorKey, SecAggChannel channel, ClientStateStore store,
      SecureSessionHook hook, int maxFrameBytes, ReassemblyLimits limits, InstantSource clock) {
    this.identity = identity;
    this.coordinatorKey = coordinatorKey;
    this.channel = channel;
    this.store = store;
    this.hook = hook;
    this.maxFrameBytes = maxFrameBytes;
    this.limits = limits;
    this.clock = clock;
    this.maskThreads = Math.max(1, Math.min(ClientSetup.MAX_MASK_THREADS, Runtime.getRuntime().availableProcessors()));
    this.conversations = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "rampart-secagg-" + identity.id());
      t.setDaemon(true);
      return t;
    });
  }

  /** One round's session, begun before training; its conversation runs on the session's thread. */
  public final class Started {
    private final RoundPlan plan;
    private final int groupId;
    private final SecAggParameters params;
    private final SecAggClient client;
    private final BooleanSupplier closed;
    private volatile boolean stopped;
    private Future<ClientPhase> conversation;

    private Started(RoundPlan plan, int groupId, SecAggParameters params, SecAggClient client,
        BooleanSupplier closed) {
      this.plan = plan;
      this.groupId = groupId;
      this.params = params;
      this.client = client;
      this.closed = closed;
    }

    /** The plan this session answers. */
    public RoundPlan plan() {
      return plan;
    }

    /** The session's current phase. */
    public ClientPhase phase() {
      return client.phase();
    }

    /**
     * Ends the conversation (the client goes silent in its current phase, a dropout to its group)
     * and waits for its thread to let go of the channel.
     */
    public void stop() {
      stopped = true;
      channel.wakeup();
      try {
        await();
      } catch (RuntimeException e) {
        LOG.warn("client {} round {}: the stopped secure-aggregation conversation had failed: {}", identity.id(),
            plan.getRound(), RecordFaults.describe(e, "conversing"));
      }
    }

    private boolean ending() {
      return stopped || closed.getAsBoolean();
    }

    private ClientPhase await() {
      try {
        return conversation.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopped = true;
        return client.phase();
      } catch (ExecutionException e) {
        RecordFaults.rethrowIfFatal(e.getCause());
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException("secure-aggregation conversation failed", e.getCause());
      }
    }
  }

  /**
   * Opens the session of this client's group for {@code plan}, sends P0 and starts answering the
   * coordinator on the session's thread.
   *
   * @param plan a verified plan with secure aggregation
   * @param closed polled by the conversation; true ends it (client closing)
   * @return the started session, empty when the client is in no group of the plan
   */
  public Optional<Started> begin(RoundPlan plan, BooleanSupplier closed) {
    String me = identity.id();
    Optional<Group> group = plan.getGroupsList().stream().filter(g -> g.getMembersList().contains(me)).findFirst();
    if (group.isEmpty()) {
      LOG.info("client {} is in no secure-aggregation group of round {}", me, plan.getRound());
      return Optional.empty();
    }
    int groupId = group.get().getGroupId();
    SecAggSpec spec = plan.getSecureAggregation();
    SecAggParameters params = new SecAggParameters(spec.getGroupSize(), spec.getThreshold(),
        spec.getMinSurvivors(), spec.getClip(), spec.getBits());
    GroupRef ref = GroupRef.of(plan.getJobId(), plan.getRound(), groupId);
    SessionContext ctx = new SessionContext(ref, group.get().getMembersList(), params, plan.getDimension(),
        Octets.of(plan.getModelDigest().toByteArray()));
    forgetPrevious(ref);
    ClientSetup setup = ClientSetup.builder().context(ctx).identity(identity).trust(trust(spec))
        .store(store).random(random).maskThreads(maskThreads).build();
    SecAggClient client = SecAggClient.open(setup);
    send(plan, groupId, client.advertisement().encode());
    Started started = new Started(plan, groupId, params, client, closed);
    started.conversation = conversations.submit(() -> converse(started));
    return Optional.of(started);
  }

  /**
   * Gives {@code started} its update and waits for the session to end.
   *
   * @param vector the update after the update transform
   * @param stop polled while waiting; true stops the session (client closing, or a newer plan)
   * @return the phase the session ended in
   */
  public ClientPhase finish(Started started, float[] vector, BooleanSupplier stop) {
    RoundPlan plan = started.plan;
    // Stochastic rounding needs unbiased, not secret, coin flips: the masks hide q(x_u). A fast
    // generator seeded from the secure one keeps encoding off the critical path at d = 10^6.
    int[] encoded = started.params.codec().encode(vector, new SplittableRandom(random.nextLong()));
    hook.encoded(plan.getRound(), started.groupId, encoded.clone());
    if (hook.stopAfter(plan.getRound(), started.phase())) {
      started.stop();
      return started.phase();
    }
    ClientStep step = started.client.supplyInput(encoded);
    if (step.sends()) {
      send(plan, started.groupId, step.wire().orElseThrow());
    } else if (step.action() == ClientStep.Action.ABORT) {
      LOG.warn("client {} round {}: the secure-aggregation session had aborted before its input: {}", identity.id(),
          plan.getRound(), Untrusted.text(step.detail()));
    }
    while (!started.conversation.isDone()) {
      if (stop.getAsBoolean()) {
        started.stop();
        break;
      }
      try {
        started.conversation.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // Finished or still running: await() below reports a failure.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        started.stop();
        break;
      }
    }
    return started.await();
  }

  private ClientPhase converse(Started started) {
    RoundPlan plan = started.plan;
    SecAggClient client = started.client;
    String key = SecAggRecordKeys.fromCoordinator(plan.getRound(), started.groupId);
    Reassembler reassembler = Reassembler.create(limits, ChunkSigning.pinned(coordinatorKey), clock);
    while (!started.ending() && clock.millis() <= plan.getDeadlineMs()) {
      ClientPhase phase = client.phase();
      if (phase == ClientPhase.UNMASK_SENT || phase == ClientPhase.ABORTED || hook.stopAfter(plan.getRound(), phase)) {
        return phase;
      }
      for (byte[] value : channel.poll(key, POLL)) {
        guarded(identity.id(), plan.getRound(), () -> answer(key, value, reassembler, started));
      }
    }
    return client.phase();
  }

  private void answer(String key, byte[] value, Reassembler reassembler, Started started) {
    RoundPlan plan = started.plan;
    Reassembly r = reassembler.accept(key, value);
    if (r instanceof Reassembly.Complete complete && fromCoordinator(complete.envelope(), plan)) {
      ClientStep step = started.client.receive(complete.envelope().getBody().toByteArray());
      if (step.sends()) {
        send(plan, started.groupId, step.wire().orElseThrow());
      } else if (step.action() == ClientStep.Action.ABORT) {
        LOG.warn("client {} aborted secure aggregation in round {}: {}", identity.id(), plan.getRound(),
            Untrusted.text(step.detail()));
      }
    }
  }

  /**
   * The fault boundary around one secagg record: whatever handling it throws, Errors such as a
   * {@link StackOverflowError} included, drops that record only and the conversation goes on.
   *
   * @return whether {@code handling} completed
   */
  static boolean guarded(String clientId, long round, Runnable handling) {
    try {
      handling.run();
      return true;
    } catch (Throwable t) {
      RecordFaults.rethrowIfFatal(t);
      LOG.warn("client {} dropped a secagg record of round {}: {}", clientId, round,
          RecordFaults.describe(t, "reading a secagg record"));
      return false;
    }
  }

  private boolean fromCoordinator(Envelope e, RoundPlan plan) {
    return e.getType() == MessageType.SECAGG && e.getJobId().equals(plan.getJobId())
        && e.getRound() == plan.getRound() && Envelopes.verify(e, coordinatorKey);
  }

  /**
   * Takes the peer keys of later sessions from {@code policy} (its local registry when it has one)
   * instead of from the plan.
   */
  public void trustPeersFrom(PlanPolicy policy) {
    this.peerKeys = policy;
  }

  private TrustAnchors trust(SecAggSpec spec) {
    ClientRegistry registry = peerKeys == null ? PlanPolicy.planKeys(spec) : peerKeys.peers(spec);
    return new TrustAnchors(spec.getCoordinatorId(), coordinatorKey, registry);
  }

  /** Seals and sends one message's encoding; from either thread (the publisher is thread-safe). */
  private void send(RoundPlan plan, int groupId, byte[] wire) {
    Envelope envelope = Envelopes.seal(identity, MessageType.SECAGG, plan.getJobId(), plan.getRound(),
        wire, clock.millis());
    channel.send(SecAggRecordKeys.fromClient(plan.getRound(), groupId, identity.id()),
        Framing.frames(envelope, maxFrameBytes, plan.getDeadlineMs(), ChunkSigning.signer(identity)));
  }

  /** Drops the stored state of the previous round's session, which can no longer be answered. */
  private void forgetPrevious(GroupRef next) {
    if (lastSession != null && !lastSession.equals(next)) {
      store.delete(lastSession, identity.id());
    }
    lastSession = next;
  }

  /** Stops the session thread; a running conversation ends at its next poll. */
  @Override
  public void close() {
    conversations.shutdownNow();
  }
}
