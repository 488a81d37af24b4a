package dev.rampart.crypto.secagg;

import dev.rampart.crypto.AgreementKeyPair;
import dev.rampart.crypto.ShamirShare;
import dev.rampart.crypto.ShamirSharing;
import dev.rampart.crypto.secagg.ClientState.Answered;
import dev.rampart.crypto.secagg.ClientState.Checked;
import dev.rampart.crypto.secagg.ClientState.Held;
import dev.rampart.crypto.secagg.ClientState.Masked;
import dev.rampart.crypto.secagg.ClientState.Secrets;
import dev.rampart.crypto.secagg.ClientState.Shared;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;

/**
 * The per-phase steps of a {@link SecAggClient}: each turns the current state and one coordinator
 * message, already bound to this session, into the next state and the message to send (P0 fresh
 * keys; U1 → ShareKeys; U2 → masked input; U3 → consistency check; unmask request → response),
 * or refuses it. A redelivered message is answered from the stored reply. Nothing is persisted
 * here: the client saves the next state before it returns the message.
 *
 * <p>Not thread-safe: the client calls it under its monitor.
 */
final class ClientSteps {
  private final ClientSetup setup;
  private final SessionContext ctx;
  private final String self;

  /** The next state, the message it was created with and that message's encoding, stored in it. */
  record Transition(ClientState next, SecAggMessage outgoing, byte[] wire) {}

  /**
   * U2 accepted and its masks expanded, before the input is known: the pairwise and self masks of
   * SECAGG.md P2 summed into {@code masks} (they depend only on keys agreed before training). Held
   * in memory until the input arrives, never persisted: a client restarted before P2 expands them
   * again from a redelivered U2.
   */
  record Prepared(Octets shareListDigest, List<String> u2, SortedMap<String, Held> held, int[] masks) {}

  ClientSteps(ClientSetup setup) {
    this.setup = setup;
    this.ctx = setup.context();
    this.self = setup.identity().id();
  }

  /** A fresh session: X25519 pairs c and s, the self-mask seed b_u and the signed P0. */
  ClientState advertise() {
    AgreementKeyPair c = AgreementKeyPair.generate(setup.random());
    AgreementKeyPair s = AgreementKeyPair.generate(setup.random());
    byte[] seed = new byte[SessionCrypto.SECRET_BYTES];
    setup.random().nextBytes(seed);
    AdvertiseKeys p0 = AdvertiseKeys.sign(setup.identity(), ctx.group(), c.publicKey(),
        s.publicKey(), ctx.modelDigest());
    Secrets secrets = new Secrets(Octets.wrap(c.privateKey()), Octets.wrap(s.privateKey()),
        Octets.wrap(seed));
    return ClientState.advertised(ctx.group(), self, secrets, Octets.wrap(p0.encode()));
  }

  /**
   * The stored reply to an earlier phase's message, if {@code digest} is that message's.
   *
   * @throws Refusal (fatal) when it is a different message for a phase already answered
   */
  ClientStep redelivered(ClientState state, MessageKind kind, Octets digest) {
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
    return ClientStep.resend(SecAggMessage.decode(reply.raw()), reply.raw(),
        "redelivered " + kind + "; stored reply resent");
  }

  /** U1 → P1: validates the key list, splits b_u and s^SK and seals a share pair per peer. */
  Transition onKeyList(ClientState state, KeyList list, Octets digest) {
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
    byte[] wire = p1.encode();
    Shared shared = new Shared(digest, members, sessionId, Octets.wrap(wire),
        seedShares.get(me.index() - 1));
    return new Transition(state.withShared(shared), p1, wire);
  }

  /**
   * U2 → the masks of P2: validates the share list, agrees a mask key with every other U2 member
   * and expands b_u's stream and the pairwise streams into one vector.
   */
  Prepared onShareKeysList(ClientState state, ShareKeysList list, Octets digest) {
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
    int[] masks = new int[ctx.dimension()];
    streams.applyTo(masks, setup.maskThreads());
    return new Prepared(digest, u2.u2(), Collections.unmodifiableSortedMap(u2.held()), masks);
  }

  /**
   * P2: y_u = q(x_u) + the prepared masks, mod 2^32, added into {@code prepared}'s array (which is
   * used up). The message carries no signature of its own: it reaches the coordinator only inside
   * an envelope the client signs over type, job, round, sender and exactly these bytes (which bind
   * kind, group and session id), and unlike P0, P1 and P3 it is never forwarded to a peer, so that
   * envelope signature is its one signature ({@link SecAggServer#acceptAuthenticated}).
   */
  Transition masked(ClientState state, Prepared prepared, int[] input) {
    int[] y = prepared.masks();
    for (int i = 0; i < y.length; i++) {
      y[i] += input[i];
    }
    MaskedInput p2 = new MaskedInput(new MessageHeader(new SessionRef(ctx.group(),
        state.shared().sessionId()), self), y, Octets.EMPTY);
    byte[] wire = p2.encode();
    Masked masked = new Masked(prepared.shareListDigest(), prepared.u2(), prepared.held(),
        Octets.wrap(wire));
    return new Transition(state.withMasked(masked), p2, wire);
  }

  /** U3 → P3: validates the survivors and signs them. */
  Transition onSurvivorList(ClientState state, SurvivorList list, Octets digest) {
    List<String> u3 = list.survivors();
    UnmaskCheck.validateSurvivors(u3, state.masked().u2(), self, ctx.parameters());
    ConsistencyCheck p3 = ConsistencyCheck.sign(setup.identity(),
        new SessionRef(ctx.group(), state.sessionId()), u3);
    byte[] wire = p3.encode();
    return new Transition(state.withChecked(new Checked(digest, u3, Octets.wrap(wire))), p3, wire);
  }

  /** Unmask request → P4: reveals a b share per survivor and an s^SK share per dropout. */
  Transition onUnmaskRequest(ClientState state, UnmaskRequest request, Octets digest) {
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
    byte[] wire = p4.encode();
    return new Transition(state.withAnswered(new Answered(digest, Octets.wrap(wire))), p4, wire);
  }

  private static RevealedShare revealed(Set<String> owners, String owner, RevealedShare.Kind kind,
      ShamirShare share) {
    if (!owners.add(owner)) {
      // Unreachable after UnmaskCheck; kept so that no future change can reveal both shares.
      throw new IllegalStateException("refusing to reveal two shares of '" + owner + "'");
    }
    return new RevealedShare(owner, kind, Octets.wrap(share.encode()));
  }
}
