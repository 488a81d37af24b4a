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
import dev.rampart.crypto.secagg.SecAggMessage;
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
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs this client's part of one round's grouped secure aggregation (SECAGG.md P0-P4) over the
 * secagg topic: encodes the update to fixed point, opens (or resumes from the state store) a
 * {@link SecAggClient}, sends P0, and answers every coordinator message of its group until it
 * has sent its unmask response, aborted, gone silent by the hook, or the round's deadline passed.
 *
 * <p>Every outgoing message is the state machine's own, persisted before it is returned, so a
 * restarted client resends identical bytes. Coordinator messages are accepted only in an envelope
 * signed by the pinned coordinator key; the state machine checks their inner signature again.
 *
 * <p>Not thread-safe: one per client thread.
 */
public final class SecureSession {
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
  }

  /**
   * Takes part in the round's session of this client's group.
   *
   * @param plan a verified plan with secure aggregation
   * @param vector the update after the update transform
   * @param stop polled between reads; true ends the session early (client closing)
   * @return the phase the session ended in, empty when the client is in no group of the plan
   */
  public Optional<ClientPhase> run(RoundPlan plan, float[] vector, BooleanSupplier stop) {
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
    // Stochastic rounding needs unbiased, not secret, coin flips: the masks hide q(x_u). A fast
    // generator seeded from the secure one keeps encoding off the critical path at d = 10^6.
    int[] encoded = params.codec().encode(vector, new SplittableRandom(random.nextLong()));
    hook.encoded(plan.getRound(), groupId, encoded.clone());
    ClientSetup setup = ClientSetup.builder().context(ctx).identity(identity).trust(trust(spec))
        .store(store).random(random).maskThreads(maskThreads).build();
    SecAggClient client = SecAggClient.open(setup, encoded);
    send(plan, groupId, client.advertisement());
    return Optional.of(converse(plan, groupId, client, stop));
  }

  private ClientPhase converse(RoundPlan plan, int groupId, SecAggClient client, BooleanSupplier stop) {
    String key = SecAggRecordKeys.fromCoordinator(plan.getRound(), groupId);
    Reassembler reassembler = Reassembler.create(limits, ChunkSigning.pinned(coordinatorKey), clock);
    while (!stop.getAsBoolean() && clock.millis() <= plan.getDeadlineMs()) {
      ClientPhase phase = client.phase();
      if (phase == ClientPhase.UNMASK_SENT || phase == ClientPhase.ABORTED || hook.stopAfter(plan.getRound(), phase)) {
        return phase;
      }
      for (byte[] value : channel.poll(key, POLL)) {
        guarded(identity.id(), plan.getRound(), () -> answer(key, value, reassembler, plan, groupId, client));
      }
    }
    return client.phase();
  }

  private void answer(String key, byte[] value, Reassembler reassembler, RoundPlan plan, int groupId,
      SecAggClient client) {
    Reassembly r = reassembler.accept(key, value);
    if (r instanceof Reassembly.Complete complete && fromCoordinator(complete.envelope(), plan)) {
      ClientStep step = client.receive(complete.envelope().getBody().toByteArray());
      if (step.sends()) {
        send(plan, groupId, step.message().orElseThrow());
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

  private void send(RoundPlan plan, int groupId, SecAggMessage message) {
    Envelope envelope = Envelopes.seal(identity, MessageType.SECAGG, plan.getJobId(), plan.getRound(),
        message.encode(), clock.millis());
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
}
