package dev.rampart.crypto.secagg;

import dev.rampart.crypto.Digests;
import dev.rampart.crypto.Identity;
import dev.rampart.crypto.MaskPrg;
import dev.rampart.crypto.secagg.ClientSteps.Transition;
import java.util.Objects;
import java.util.Optional;

/**
 * The client side of one group's secure-aggregation session (SECAGG.md P0-P4; Bonawitz et al.,
 * CCS 2017, with the consistency check), as an explicit state machine over {@link ClientPhase}.
 *
 * <p>{@link #open} creates the session (fresh X25519 pairs c and s, self-mask seed b_u) or resumes
 * it from the {@link ClientStateStore}. {@link #advertisement()} is the P0 message; every
 * coordinator message then goes to {@link #receive}, which answers with the next message or
 * ignores or aborts (see {@link ClientStep}).
 *
 * <p>The input q(x_u) may be given at {@link #open(ClientSetup, int[])} or later, with
 * {@link #supplyInput}: P0 and P1 depend only on fresh keys, and the masks of P2 only on the keys
 * of U2, so a client can open its session when the round's plan arrives, train while P0, P1 and
 * the mask expansion run, and add its input to the expanded masks afterwards. When U2 arrives
 * first, {@link #receive} validates it, expands the masks and answers {@link ClientStep.Action#WAIT};
 * {@link #supplyInput} then returns the masked input. When the input comes first, U2 is answered
 * with the masked input at once. The client:
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
  private final ClientSteps steps;
  private int[] input;
  private ClientSteps.Prepared prepared;
  private ClientState state;

  private SecAggClient(ClientSetup setup, int[] input, ClientState state) {
    this.setup = setup;
    this.ctx = setup.context();
    this.self = setup.identity().id();
    this.steps = new ClientSteps(setup);
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
    return openWith(setup, checkInput(setup, encodedInput).clone());
  }

  /**
   * Opens this client's session as {@link #open(ClientSetup, int[])} does, with the input to be
   * given later by {@link #supplyInput}.
   *
   * @throws SecAggException if the stored state belongs to another session or is corrupt
   */
  public static SecAggClient open(ClientSetup setup) {
    Objects.requireNonNull(setup, "setup");
    return openWith(setup, null);
  }

  private static SecAggClient openWith(ClientSetup setup, int[] input) {
    MaskPrg.prepare();
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
    client.persist(client.steps.advertise());
    return client;
  }

  /**
   * The phase of the session {@code store} holds for {@code clientId} in {@code group}, if it holds
   * one: whether a session of an earlier attempt at a round already revealed its unmask shares.
   *
   * @throws SecAggException when the stored state cannot be decoded
   */
  public static Optional<ClientPhase> storedPhase(ClientStateStore store, GroupRef group, String clientId) {
    return store.load(group, clientId).map(bytes -> ClientStateCodec.decode(bytes).phase());
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
    return encodedInput;
  }

  /**
   * Gives the session its input q(x_u) after {@link #open(ClientSetup)}: returns the masked input
   * to send (SEND) when U2 has been accepted and its masks expanded, otherwise WAIT, and the masked
   * input is then the answer to U2. A session that already sent its masked input (resumed from the
   * store) ignores it (IGNORE); an aborted one answers ABORT.
   *
   * @param encodedInput as for {@link #open(ClientSetup, int[])}, but not copied: the client takes
   *     the array over, and the caller must not use it afterwards
   * @throws SecAggException if the input has the wrong length or range, or was already supplied
   * @throws dev.rampart.protocol.RampartException only if the store fails to save; the masked input
   *     is then not sent, and the input is used up
   */
  public synchronized ClientStep supplyInput(int[] encodedInput) {
    int[] checked = checkInput(setup, encodedInput);
    if (state.phase() == ClientPhase.ABORTED) {
      return ClientStep.abort("session already aborted: " + state.abortReason());
    }
    if (state.phase().ordinal() > ClientPhase.SHARES_SENT.ordinal()) {
      return ClientStep.ignore("the masked input of this session was already sent; the input is not used");
    }
    if (input != null) {
      throw new SecAggException("the input of session " + ctx.group() + " was already supplied");
    }
    if (prepared == null) {
      input = checked;
      return ClientStep.waiting("input held until the coordinator's U2 arrives");
    }
    ClientSteps.Prepared ready = prepared;
    prepared = null;
    return commit(steps.masked(state, ready, checked));
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
      return steps.redelivered(state, m.kind(), digest);
    }
    if (phase > expected) {
      throw Refusal.abort(m.kind() + " arrived while the client is in " + state.phase());
    }
    return switch (m.kind()) {
      case KEY_LIST -> commit(steps.onKeyList(state, (KeyList) m, digest));
      case SHARE_KEYS_LIST -> onShareKeysList((ShareKeysList) m, digest);
      case SURVIVOR_LIST -> commit(steps.onSurvivorList(state, (SurvivorList) m, digest));
      case UNMASK_REQUEST -> commit(steps.onUnmaskRequest(state, (UnmaskRequest) m, digest));
      default -> throw new AssertionError(m.kind());
    };
  }

  private ClientStep onShareKeysList(ShareKeysList list, Octets digest) {
    if (prepared != null) {
      if (!prepared.shareListDigest().equals(digest)) {
        throw Refusal.abort("a second, different " + MessageKind.SHARE_KEYS_LIST
            + " in this session (coordinator equivocation)");
      }
      return ClientStep.waiting("redelivered " + MessageKind.SHARE_KEYS_LIST
          + "; its masks wait for the input");
    }
    ClientSteps.Prepared ready = steps.onShareKeysList(state, list, digest);
    if (input == null) {
      prepared = ready;
      return ClientStep.waiting("masks expanded; the masked input is sent once the input is supplied");
    }
    int[] x = input;
    input = null;
    return commit(steps.masked(state, ready, x));
  }

  private ClientStep commit(Transition transition) {
    persist(transition.next());
    return ClientStep.send(transition.outgoing(), transition.wire());
  }

  private void persist(ClientState next) {
    if (next.phase() == ClientPhase.ABORTED) {
      prepared = null;
      input = null;
    }
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
