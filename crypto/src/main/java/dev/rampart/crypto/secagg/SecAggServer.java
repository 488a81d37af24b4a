package dev.rampart.crypto.secagg;

import dev.rampart.crypto.AgreementPublicKey;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Digests;
import dev.rampart.crypto.Identity;
import dev.rampart.crypto.MaskPrg;
import dev.rampart.crypto.PublicKey;
import dev.rampart.protocol.RejectionReason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The coordinator side of one group's secure-aggregation session (SECAGG.md P0-P4), as an
 * explicit state machine over {@link ServerPhase}.
 *
 * <p>{@link #accept} collects client messages for the open phase, idempotently on (session,
 * phase, sender); {@link #advance} closes the phase (at a deadline, or once {@link #awaited()} is
 * empty) and returns the signed list to broadcast: U1 (KeyList), U2 (ShareKeysList), U3
 * (SurvivorList), then the unmask request with the consistency signatures; after P4 it
 * reconstructs b_u for the survivors and s_v^SK for the dropouts, verifies them against the
 * commitments and advertised keys, removes the masks and returns the {@link GroupOutcome}.
 *
 * <p>A group that falls below s_min at any phase, collects fewer than t consistency signatures
 * or unmask responses, or whose secrets fail verification (a member sent wrong shares, case 17),
 * ends as {@link GroupOutcome#failed}; no client behaviour makes {@link #accept} or
 * {@link #advance} throw. The server only ever holds masked inputs and, at the end, their unmasked
 * sum; it releases the masked inputs once the sum is computed.
 *
 * <p>Cost of the last step: |U3| + |U3|·|U2 \ U3| ChaCha20 streams of d words, t-of-m Shamir
 * reconstructions of 32 bytes, spread over {@code maskThreads}.
 *
 * <p>Thread-safe: every method is synchronized. One instance per group and round.
 */
public final class SecAggServer {
  private final SessionContext ctx;
  private final Identity coordinator;
  private final ClientRegistry registry;
  private final int maskThreads;
  private final List<PhaseInbox<SecAggMessage>> inboxes = new ArrayList<>();
  private ServerPhase phase = ServerPhase.COLLECTING_KEYS;
  private Octets sessionId = Octets.EMPTY;
  private final Map<String, Member> members = new LinkedHashMap<>();
  private List<String> u2 = List.of();
  private List<String> u3 = List.of();
  private GroupOutcome outcome;

  private SecAggServer(SessionContext ctx, Identity coordinator, ClientRegistry registry,
      int maskThreads) {
    this.ctx = ctx;
    this.coordinator = coordinator;
    this.registry = registry;
    this.maskThreads = maskThreads;
    for (int i = 0; i < 5; i++) {
      inboxes.add(new PhaseInbox<>());
    }
  }

  /** A server for one group, unmasking on one thread. */
  public static SecAggServer create(SessionContext context, Identity coordinator,
      ClientRegistry registry) {
    return create(context, coordinator, registry, 1);
  }

  /**
   * A server for one group.
   *
   * @param context the group's session context
   * @param coordinator the identity that signs the broadcast lists
   * @param registry the enrolled clients (only active ones are accepted)
   * @param maskThreads threads for mask removal, 1 to {@value ClientSetup#MAX_MASK_THREADS}
   * @throws SecAggException naming the value if maskThreads is out of range
   */
  public static SecAggServer create(SessionContext context, Identity coordinator,
      ClientRegistry registry, int maskThreads) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(coordinator, "coordinator");
    MaskPrg.prepare();
    Objects.requireNonNull(registry, "registry");
    if (maskThreads < 1 || maskThreads > ClientSetup.MAX_MASK_THREADS) {
      throw new SecAggException("maskThreads must be 1-" + ClientSetup.MAX_MASK_THREADS
          + ", but was " + maskThreads);
    }
    return new SecAggServer(context, coordinator, registry, maskThreads);
  }

  /** Decodes {@code wire} and handles it as {@link #accept(SecAggMessage)}. */
  public ServerReceipt accept(byte[] wire) {
    try {
      return accept(SecAggMessage.decode(wire));
    } catch (SecAggException e) {
      return ServerReceipt.rejected("", RejectionReason.MALFORMED, e.getMessage());
    }
  }

  /**
   * Checks and stores one client message for the open phase; never throws for its content. Every
   * message must carry its sender's own signature; a masked input (P2) without one is rejected
   * {@code UNSIGNED} here and is accepted only by {@link #acceptAuthenticated}.
   */
  public ServerReceipt accept(SecAggMessage m) {
    return accept(m, false);
  }

  /**
   * As {@link #accept(SecAggMessage)}, for a message whose sender the caller has authenticated: it
   * arrived as the body of an envelope of type {@code SECAGG} for this job and round, signed by the
   * active enrolled key of {@code m.header().sender()}, and the body is exactly {@code m}'s
   * canonical encoding (which binds kind, group and session id). The masked input (P2) may then
   * carry no signature of its own: the envelope signature is its one signature, since P2 goes to
   * the coordinator alone. Every other kind still needs its own signature, because peers check it
   * after the coordinator forwards it (P0 in U1, P1 in U2, P3 in the unmask request); a P2 that
   * does carry one must verify.
   */
  public ServerReceipt acceptAuthenticated(SecAggMessage m) {
    return accept(m, true);
  }

  private synchronized ServerReceipt accept(SecAggMessage m, boolean authenticated) {
    Objects.requireNonNull(m, "message");
    String sender = m.header().sender();
    Optional<ServerReceipt> refused = ServerBinding.check(m, ctx, registry, sessionId, authenticated);
    if (refused.isPresent()) {
      return refused.get();
    }
    PhaseInbox<SecAggMessage> inbox = inboxes.get(m.kind().phase());
    Octets digest = Octets.wrap(Digests.sha256(m.encode()));
    Octets seen = inbox.digestOf(sender);
    if (seen != null) {
      return seen.equals(digest) ? ServerReceipt.duplicate(sender) : ServerReceipt.rejected(
          sender, RejectionReason.DUPLICATE, "a second, different " + m.kind() + " from '"
              + sender + "' in this session");
    }
    if (m.kind().phase() != phase.ordinal()) {
      return ServerReceipt.rejected(sender, m.kind().phase() < phase.ordinal()
          ? RejectionReason.LATE : RejectionReason.WRONG_TYPE,
          m.kind() + " while the server is " + phase);
    }
    Optional<ServerReceipt> invalid = checkContent(m);
    if (invalid.isPresent()) {
      return invalid.get();
    }
    inbox.put(sender, m, digest);
    return ServerReceipt.accepted(sender);
  }

  private Optional<ServerReceipt> checkContent(SecAggMessage m) {
    if (m instanceof AdvertiseKeys a) {
      List<AdvertiseKeys> accepted = new ArrayList<>();
      inboxes.get(0).messages().forEach(o -> accepted.add((AdvertiseKeys) o));
      return ServerChecks.advertise(a, ctx, accepted);
    } else if (m instanceof ShareKeys s) {
      return ServerChecks.shares(s, members.keySet());
    } else if (m instanceof MaskedInput y) {
      return ServerChecks.masked(y, u2, ctx.dimension());
    } else if (m instanceof ConsistencyCheck c) {
      return ServerChecks.consistency(c, u3);
    }
    return ServerChecks.response((UnmaskResponse) m, members, u3, dropped());
  }

  /**
   * Closes the open phase with what has been collected and opens the next one, or finishes.
   * After {@link ServerPhase#DONE} it returns the same outcome again.
   */
  public synchronized ServerStep advance() {
    if (phase == ServerPhase.DONE) {
      return ServerStep.done(outcome);
    }
    try {
      return switch (phase) {
        case COLLECTING_KEYS -> closeKeys();
        case COLLECTING_SHARES -> closeShares();
        case COLLECTING_INPUTS -> closeInputs();
        case COLLECTING_CHECKS -> closeChecks();
        default -> finish(GroupOutcome.succeeded(ctx.group(), u3, Unmasking.unmask(
            unmaskingInputs(), ctx.parameters().threshold(), ctx.dimension(), maskThreads),
            ctx.parameters().codec()));
      };
    } catch (Refusal r) {
      return finish(GroupOutcome.failed(ctx.group(), phase + ": " + r.getMessage()));
    } catch (RuntimeException e) {
      return finish(GroupOutcome.failed(ctx.group(), phase + ": unexpected " + e));
    }
  }

  private ServerStep closeKeys() {
    List<String> u1 = requireAtLeast(inboxes.get(0), ctx.parameters().requiredSurvivors(),
        "members advertised keys");
    List<AdvertiseKeys> entries = new ArrayList<>();
    for (SecAggMessage m : inboxes.get(0).messages()) {
      AdvertiseKeys a = (AdvertiseKeys) m;
      entries.add(a);
      members.put(a.header().sender(), new Member(a.header().sender(), members.size() + 1,
          AgreementPublicKey.of(a.encryptionKey().raw()),
          AgreementPublicKey.of(a.maskKey().raw())));
    }
    sessionId = SessionIds.compute(ctx.group(), entries);
    phase = ServerPhase.COLLECTING_SHARES;
    return ServerStep.broadcast(KeyList.sign(coordinator, ctx.group(), entries), u1);
  }

  private ServerStep closeShares() {
    u2 = requireAtLeast(inboxes.get(1), ctx.parameters().requiredSurvivors(),
        "U1 members sent shares");
    List<ShareKeys> entries = new ArrayList<>();
    inboxes.get(1).messages().forEach(m -> entries.add((ShareKeys) m));
    phase = ServerPhase.COLLECTING_INPUTS;
    return ServerStep.broadcast(ShareKeysList.sign(coordinator, session(), entries), u2);
  }

  private ServerStep closeInputs() {
    u3 = requireAtLeast(inboxes.get(2), ctx.parameters().requiredSurvivors(),
        "U2 members sent masked inputs; refusing to unmask");
    phase = ServerPhase.COLLECTING_CHECKS;
    return ServerStep.broadcast(SurvivorList.sign(coordinator, session(), u3), u3);
  }

  private ServerStep closeChecks() {
    requireAtLeast(inboxes.get(3), ctx.parameters().threshold(),
        "consistency signatures (threshold)");
    List<ConsistencyCheck> checks = new ArrayList<>();
    inboxes.get(3).messages().forEach(m -> checks.add((ConsistencyCheck) m));
    phase = ServerPhase.COLLECTING_UNMASK;
    return ServerStep.broadcast(
        UnmaskRequest.sign(coordinator, session(), u3, dropped(), checks), u3);
  }

  private Unmasking.Inputs unmaskingInputs() {
    requireAtLeast(inboxes.get(4), ctx.parameters().threshold(), "unmask responses (threshold)");
    Map<String, ShareKeys> shares = new LinkedHashMap<>();
    for (String u : u2) {
      shares.put(u, (ShareKeys) inboxes.get(1).get(u));
    }
    List<MaskedInput> inputs = new ArrayList<>();
    for (String u : u3) {
      inputs.add((MaskedInput) inboxes.get(2).get(u));
    }
    List<UnmaskResponse> responses = new ArrayList<>();
    inboxes.get(4).messages().forEach(m -> responses.add((UnmaskResponse) m));
    return new Unmasking.Inputs(sessionId, members, u3, dropped(), shares, inputs, responses);
  }

  private List<String> requireAtLeast(PhaseInbox<?> inbox, int needed, String what) {
    if (inbox.size() < needed) {
      throw Refusal.abort("only " + inbox.size() + " " + what + ", need " + needed);
    }
    return inbox.senders();
  }

  private ServerStep finish(GroupOutcome result) {
    outcome = result;
    phase = ServerPhase.DONE;
    inboxes.forEach(PhaseInbox::release);
    return ServerStep.done(outcome);
  }

  private SessionRef session() {
    return new SessionRef(ctx.group(), sessionId);
  }

  private List<String> dropped() {
    List<String> out = new ArrayList<>(u2);
    out.removeAll(u3);
    return List.copyOf(out);
  }

  /** The open phase. */
  public synchronized ServerPhase phase() {
    return phase;
  }

  /**
   * Who is expected to send in the open phase and has not yet (sorted); when empty the caller may
   * {@link #advance()} without waiting for a deadline.
   */
  public synchronized List<String> awaited() {
    List<String> expected = switch (phase) {
      case COLLECTING_KEYS -> ctx.members();
      case COLLECTING_SHARES -> List.copyOf(members.keySet());
      case COLLECTING_INPUTS -> u2;
      case COLLECTING_CHECKS, COLLECTING_UNMASK -> u3;
      case DONE -> List.of();
    };
    PhaseInbox<?> inbox = phase == ServerPhase.DONE ? null : inboxes.get(phase.ordinal());
    List<String> out = new ArrayList<>();
    for (String id : expected) {
      if (inbox != null && !inbox.contains(id)) {
        out.add(id);
      }
    }
    return List.copyOf(out);
  }

  /** The outcome once {@link ServerPhase#DONE}. */
  public synchronized Optional<GroupOutcome> outcome() {
    return Optional.ofNullable(outcome);
  }

  /** The session id once U1 is closed. */
  public synchronized Optional<Octets> sessionId() {
    return sessionId.isEmpty() ? Optional.empty() : Optional.of(sessionId);
  }

  /** The group this server runs. */
  public SessionContext context() {
    return ctx;
  }

  /** The coordinator's public key, for clients' {@link TrustAnchors}. */
  public PublicKey coordinatorKey() {
    return coordinator.publicKey();
  }

  @Override
  public synchronized String toString() {
    return "SecAggServer[" + ctx.group() + ", " + phase + "]";
  }
}
