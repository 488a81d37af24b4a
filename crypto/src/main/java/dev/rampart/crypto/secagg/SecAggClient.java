package dev.rampart.crypto.secagg;

import dev.rampart.crypto.AgreementKeyPair;
import dev.rampart.crypto.Digests;
import dev.rampart.crypto.Identity;
import dev.rampart.crypto.MaskPrg;
import dev.rampart.crypto.ShamirShare;
import dev.rampart.crypto.ShamirSharing;
import dev.rampart.crypto.secagg.ClientState.Answered;
import dev.rampart.crypto.secagg.ClientState.Checked;
import dev.rampart.crypto.secagg.ClientState.Masked;
import dev.rampart.crypto.secagg.ClientState.Secrets;
import dev.rampart.crypto.secagg.ClientState.Shared;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The client side of one group's secure-aggregation session (SECAGG.md P0-P4; Bonawitz et al.,
 * CCS 2017, with the consistency check), as an explicit state machine over {@link ClientPhase}.
 *
 * <p>{@link #open} creates the session (fresh X25519 pairs c and s, self-mask seed b_u) or resumes
 * it from the {@link ClientStateStore}. {@link #advertisement()} is the P0 message; every
 * coordinator message then goes to {@link #receive}, which answers with the next message or
 * ignores or aborts (see {@link ClientStep}). The client:
 *
 * <ul>
 *   <li>validates U1, U2, U3 and the unmask request (aborting on cases 1-8 and 18 of SECAGG.md)
 *       and computes the session id itself ({@link SessionIds});
 *   <li>ignores messages for another job, round, group or session, or not signed by the
 *       coordinator (case 10);
 *   <li>persists its new state, including y_u, before returning any message, so that a client
 *       restarted from the store resends byte-identical messages (case 12);
 *   <li>signs at most one U3, answers at most one unmask request (a byte-identical redelivery
 *       gets the same stored answer; any other request is refused, case 13), and never reveals
 *       both shares of one peer;
 *   <li>refuses to unmask with fewer than s_min survivors (case 4).
 * </ul>
 *
 * <p>Cost per session: 2 + 2(m−1) X25519 operations, two Shamir splits of 32 bytes, and m
 * ChaCha20 streams of d words in P2 (m = |U2|), spread over {@link ClientSetup#maskThreads()}.
 *
 * <p>Thread-safe: every method is synchronized. One instance per client, group and round.
 */
public final class SecAggClient {
  private final ClientSetup setup;
  private final SessionContext ctx;
  private final String self;
  private int[] input;
  private ClientState state;

  private SecAggClient(ClientSetup setup, int[] input, ClientState state) {
    this.setup = setup;
    this.ctx = setup.context();
    this.self = setup.identity().id();
    this.input = input;
    this.state = state;
  }

  /**
   * Opens this client's session: resumes the stored state if there is one, otherwise creates
   * fresh session keys, persists them and prepares the P0 message.
   *
   * @param setup the client's setup
   * @param encodedInput q(x_u), the fixed-point encoding of the update
   *     ({@link SecAggParameters#codec()}); {@code dimension} values in [0, 2^b − 1]; copied. A
   *     resumed client that already sent P2 ignores it and resends its stored y_u.
   * @throws SecAggException if the input has the wrong length or range, or the stored state
   *     belongs to another session or is corrupt
   */
  public static SecAggClient open(ClientSetup setup, int[] encodedInput) {
    Objects.requireNonNull(setup, "setup");
    MaskPrg.prepare();
    int[] input = checkInput(setup, encodedInput);
    GroupRef group = setup.context().group();
    String id = setup.identity().id();
    Optional<byte[]> stored = setup.store().load(group, id);
    if (stored.isPresent()) {
      ClientState s = ClientStateCodec.decode(stored.get());
      if (!s.group().equals(group) || !s.clientId().equals(id)) {
        throw new SecAggException("stored state is for " + s.group() + "/" + s.clientId()
            + ", not " + group + "/" + id);
      }
      return new SecAggClient(setup, input, s);
    }
    SecAggClient client = new SecAggClient(setup, input, null);
    client.start();
    return client;
  }

  private static int[] checkInput(ClientSetup setup, int[] encodedInput) {
    Objects.requireNonNull(encodedInput, "encodedInput");
    SessionContext ctx = setup.context();
    if (encodedInput.length != ctx.dimension()) {
      throw new SecAggException("encodedInput has " + encodedInput.length
          + " coordinates, the session's dimension is " + ctx.dimension());
    }
    long max = ctx.parameters().maxEncodedValue();
    for (int i = 0; i < encodedInput.length; i++) {
      if (Integer.toUnsignedLong(encodedInput[i]) > max) {
        throw new SecAggException("encodedInput[" + i + "] = "
            + Integer.toUnsignedString(encodedInput[i]) + " exceeds 2^bits - 1 = " + max);
      }
    }
    return encodedInput.clone();
  }

  private void start() {
    AgreementKeyPair c = AgreementKeyPair.generate(setup.random());
    AgreementKeyPair s = AgreementKeyPair.generate(setup.random());
    byte[] seed = new byte[SessionCrypto.SECRET_BYTES];
    setup.random().nextBytes(seed);
    AdvertiseKeys p0 = AdvertiseKeys.sign(setup.identity(), ctx.group(), c.publicKey(),
        s.publicKey(), ctx.modelDigest());
    Secrets secrets = new Secrets(Octets.wrap(c.privateKey()), Octets.wrap(s.privateKey()),
        Octets.wrap(seed));
    ClientState fresh = ClientState.advertised(ctx.group(), self, secrets,
        Octets.wrap(p0.encode()));
    setup.store().save(ctx.group(), self, ClientStateCodec.encode(fresh));
    state = fresh;
  }

  /**
   * The P0 message (AdvertiseKeys); the same bytes on every call and after a restart.
   *
   * @throws SecAggException if the session is aborted
   */
  public synchronized AdvertiseKeys advertisement() {
    if (state.phase() == ClientPhase.ABORTED) {
      throw new SecAggException("session " + ctx.group() + " of '" + self + "' is aborted: "
          + state.abortReason());
    }
    return (AdvertiseKeys) SecAggMessage.decode(state.advertise().raw());
  }

  /** Decodes {@code wire} and handles it as {@link #receive(SecAggMessage)}; malformed: IGNORE. */
  public ClientStep receive(byte[] wire) {
    SecAggMessage m;
    try {
      m = SecAggMessage.decode(wire);
    } catch (SecAggException e) {
      return ClientStep.ignore(e.getMessage());
    }
    return receive(m);
  }

  /**
   * Handles one coordinator message (see the class comment and {@link ClientStep}).
   *
   * @throws dev.rampart.protocol.RampartException only if the store fails to save; the in-memory
   *     state is then unchanged and nothing is to be sent
   */
  public synchronized ClientStep receive(SecAggMessage message) {
    Objects.requireNonNull(message, "message");
    if (state.phase() == ClientPhase.ABORTED) {
      return ClientStep.abort("session already aborted: " + state.abortReason());
    }
    try {
      checkBinding(message);
      return dispatch(message);
    } catch (Refusal r) {
      if (!r.fatal()) {
        return ClientStep.ignore(r.getMessage());
      }
      persist(state.aborted(r.getMessage()));
      return ClientStep.abort(r.getMessage());
    }
  }

  private void checkBinding(SecAggMessage m) {
    MessageHeader h = m.header();
    if (!m.kind().fromCoordinator()) {
      throw Refusal.ignore(m.kind() + " is not a coordinator message");
    }
    if (!h.group().equals(ctx.group())) {
      throw Refusal.ignore("message for " + h.group() + ", this session is " + ctx.group());
    }
    if (!h.sender().equals(setup.trust().coordinatorId())) {
      throw Refusal.ignore("message from '" + h.sender() + "', not the coordinator");
    }
    if (m.kind().hasSessionId() && !h.sessionId().equals(state.sessionId())) {
      throw Refusal.ignore(m.kind() + " of another session");
    }
    if (!m.verify(setup.trust().coordinatorKey())) {
      throw Refusal.ignore(m.kind() + " is unsigned or not signed by the coordinator");
    }
  }

  private ClientStep dispatch(SecAggMessage m) {
    int expected = state.phase().ordinal();
    int phase = m.kind().phase();
    Octets digest = Octets.wrap(Digests.sha256(m.encode()));
    if (phase < expected) {
      return redelivered(m.kind(), digest);
    }
    if (phase > expected) {
      throw Refusal.abort(m.kind() + " arrived while the client is in " + state.phase());
    }
    return switch (m.kind()) {
      case KEY_LIST -> onKeyList((KeyList) m, digest);
      case SHARE_KEYS_LIST -> onShareKeysList((ShareKeysList) m, digest);
      case SURVIVOR_LIST -> onSurvivorList((SurvivorList) m, digest);
      case UNMASK_REQUEST -> onUnmaskRequest((UnmaskRequest) m, digest);
      default -> throw new AssertionError(m.kind());
    };
  }

  private ClientStep redelivered(MessageKind kind, Octets digest) {
    Octets seen;
    Octets reply;
    switch (kind) {
      case KEY_LIST -> {
        seen = state.shared().keyListDigest();
        reply = state.shared().shareKeys();
      }
      case SHARE_KEYS_LIST -> {
        seen = state.masked().shareListDigest();
        reply = state.masked().maskedInput();
      }
      case SURVIVOR_LIST -> {
        seen = state.checked().survivorListDigest();
        reply = state.checked().check();
      }
      default -> {
        seen = state.answered().requestDigest();
        reply = state.answered().response();
      }
    }
    if (!seen.equals(digest)) {
      throw Refusal.abort(kind == MessageKind.UNMASK_REQUEST
          ? "a second, different unmask request in this session is refused"
          : "a second, different " + kind + " in this session (coordinator equivocation)");
    }
    return ClientStep.resend(SecAggMessage.decode(reply.raw()),
        "redelivered " + kind + "; stored reply resent");
  }

  private ClientStep onKeyList(KeyList list, Octets digest) {
    AdvertiseKeys own = (AdvertiseKeys) SecAggMessage.decode(state.advertise().raw());
    List<Member> members = KeyListCheck.validate(list, ctx, setup.trust(), own);
    Octets sessionId = SessionIds.compute(ctx.group(), list.entries());
    Secrets secrets = state.secrets();
    int t = ctx.parameters().threshold();
    List<ShamirShare> seedShares = ShamirSharing.split(secrets.seed().raw(), t, members.size(),
        setup.random());
    List<ShamirShare> keyShares = ShamirSharing.split(secrets.mask().raw(), t, members.size(),
        setup.random());
    AgreementKeyPair c = AgreementKeyPair.fromPrivateKey(secrets.encryption().raw());
    Member me = null;
    for (Member m : members) {
      if (m.id().equals(self)) {
        me = m;
      }
    }
    List<EncryptedShare> shares = new ArrayList<>();
    for (Member v : members) {
      if (v != me) {
        ShamirShare[] pair = {seedShares.get(v.index() - 1), keyShares.get(v.index() - 1)};
        shares.add(new EncryptedShare(v.id(), SessionCrypto.seal(c, me, v, sessionId, pair)));
      }
    }
    ShareKeys p1 = ShareKeys.sign(setup.identity(), new SessionRef(ctx.group(), sessionId),
        SessionCrypto.commitment(sessionId, secrets.seed().raw()), shares);
    Shared shared = new Shared(digest, members, sessionId, Octets.wrap(p1.encode()),
        seedShares.get(me.index() - 1));
    return commit(state.withShared(shared), p1);
  }

  private ClientStep onShareKeysList(ShareKeysList list, Octets digest) {
    Shared shared = state.shared();
    Secrets secrets = state.secrets();
    AgreementKeyPair c = AgreementKeyPair.fromPrivateKey(secrets.encryption().raw());
    ShareListCheck.Result u2 = ShareListCheck.validate(list, shared, ctx, setup.trust(), c, self);
    AgreementKeyPair s = AgreementKeyPair.fromPrivateKey(secrets.mask().raw());
    SessionCrypto.Streams streams = new SessionCrypto.Streams().add(secrets.seed().toByteArray());
    for (String v : u2.u2()) {
      if (!v.equals(self)) {
        byte[] k = SessionCrypto.maskKey(s, shared.member(v).maskKey(), shared.sessionId());
        streams.pairwise(self, v, k, false);
      }
    }
    int[] y = input.clone();
    streams.applyTo(y, setup.maskThreads());
    MaskedInput p2 = MaskedInput.sign(setup.identity(),
        new SessionRef(ctx.group(), shared.sessionId()), y);
    Masked masked = new Masked(digest, u2.u2(), Collections.unmodifiableSortedMap(u2.held()),
        Octets.wrap(p2.encode()));
    ClientStep step = commit(state.withMasked(masked), p2);
    input = null;
    return step;
  }

  private ClientStep onSurvivorList(SurvivorList list, Octets digest) {
    List<String> u3 = list.survivors();
    UnmaskCheck.validateSurvivors(u3, state.masked().u2(), self, ctx.parameters());
    ConsistencyCheck p3 = ConsistencyCheck.sign(setup.identity(),
        new SessionRef(ctx.group(), state.sessionId()), u3);
    return commit(state.withChecked(new Checked(digest, u3, Octets.wrap(p3.encode()))), p3);
  }

  private ClientStep onUnmaskRequest(UnmaskRequest request, Octets digest) {
    UnmaskCheck.validate(request, state, ctx, setup.trust());
    List<RevealedShare> reveal = new ArrayList<>();
    Set<String> owners = new HashSet<>();
    for (String v : request.survivors()) {
      ShamirShare share = v.equals(self) ? state.shared().ownSeedShare()
          : state.masked().held().get(v).seedShare();
      reveal.add(revealed(owners, v, RevealedShare.Kind.SELF_MASK_SEED, share));
    }
    for (String v : request.dropped().stream().sorted().toList()) {
      reveal.add(revealed(owners, v, RevealedShare.Kind.MASK_KEY,
          state.masked().held().get(v).keyShare()));
    }
    UnmaskResponse p4 = UnmaskResponse.sign(setup.identity(),
        new SessionRef(ctx.group(), state.sessionId()), reveal);
    return commit(state.withAnswered(new Answered(digest, Octets.wrap(p4.encode()))), p4);
  }

  private static RevealedShare revealed(Set<String> owners, String owner, RevealedShare.Kind kind,
      ShamirShare share) {
    if (!owners.add(owner)) {
      // Unreachable after UnmaskCheck; kept so that no future change can reveal both shares.
      throw new IllegalStateException("refusing to reveal two shares of '" + owner + "'");
    }
    return new RevealedShare(owner, kind, Octets.wrap(share.encode()));
  }

  private ClientStep commit(ClientState next, SecAggMessage outgoing) {
    persist(next);
    return ClientStep.send(outgoing);
  }

  private void persist(ClientState next) {
    setup.store().save(ctx.group(), self, ClientStateCodec.encode(next));
    state = next;
  }

  /** The current phase. */
  public synchronized ClientPhase phase() {
    return state.phase();
  }

  /** Why the session was aborted, if it was. */
  public synchronized Optional<String> abortReason() {
    return state.phase() == ClientPhase.ABORTED ? Optional.of(state.abortReason())
        : Optional.empty();
  }

  /** The session id, once U1 has been accepted. */
  public synchronized Optional<Octets> sessionId() {
    Octets id = state.sessionId();
    return id.isEmpty() ? Optional.empty() : Optional.of(id);
  }

  /** This client's id. */
  public String clientId() {
    return self;
  }

  /** The identity this client signs with. */
  Identity identity() {
    return setup.identity();
  }

  @Override
  public synchronized String toString() {
    return "SecAggClient[" + ctx.group() + ", " + self + ", " + state.phase() + "]";
  }
}
