package dev.rampart.crypto.secagg;

import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Digests;
import dev.rampart.crypto.Identity;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * An in-memory group for protocol tests: identities, registry, one server and its clients, with a
 * byte-level "router" (every hop is encoded and decoded) and a record of every message.
 */
final class TestGroup {
  static final Identity COORDINATOR = identity("coordinator");
  static final Octets MODEL =
      Octets.of(Digests.sha256("model v1".getBytes(StandardCharsets.UTF_8)));

  final SessionContext ctx;
  final TrustAnchors trust;
  final ClientRegistry registry;
  final SecAggServer server;
  final Map<String, SecAggClient> clients = new TreeMap<>();
  final Map<String, ClientStateStore> stores = new TreeMap<>();
  final Map<String, int[]> inputs = new TreeMap<>();
  final Map<String, float[]> floats = new TreeMap<>();
  /** Coordinator broadcasts in order. */
  final List<SecAggMessage> broadcasts = new ArrayList<>();
  /** Client messages by phase 0-4, then sender. */
  final List<Map<String, SecAggMessage>> sent = new ArrayList<>();

  private TestGroup(SessionContext ctx, ClientRegistry registry, Map<String, ClientStateStore> s,
      long dataSeed) {
    this.ctx = ctx;
    this.registry = registry;
    this.trust = new TrustAnchors(COORDINATOR.id(), COORDINATOR.publicKey(), registry);
    this.server = SecAggServer.create(ctx, COORDINATOR, registry);
    SplittableRandom data = new SplittableRandom(dataSeed);
    for (int i = 0; i < 5; i++) {
      sent.add(new LinkedHashMap<>());
    }
    for (String id : ctx.members()) {
      float[] x = new float[ctx.dimension()];
      double c = ctx.parameters().clip();
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) data.nextDouble(-1.5 * c, 1.5 * c);
      }
      floats.put(id, x);
      inputs.put(id, ctx.parameters().codec().encode(x, data));
      stores.put(id, s.getOrDefault(id, ClientStateStore.inMemory()));
      clients.put(id, SecAggClient.open(setup(id), inputs.get(id)));
    }
  }

  static TestGroup create(GroupRef group, List<String> members, SecAggParameters p, int dim) {
    return create(group, members, p, dim, registryOf(members), Map.of());
  }

  static TestGroup create(GroupRef group, List<String> members, SecAggParameters p, int dim,
      ClientRegistry registry, Map<String, ClientStateStore> stores) {
    SessionContext ctx = new SessionContext(group, members, p, dim, MODEL);
    return new TestGroup(ctx, registry, stores, group.round() * 1000 + group.groupId());
  }

  /** Four members c1..c4, t = 3, s_min = 3, C = 1, d = 64. */
  static TestGroup ofFour(GroupRef group) {
    return create(group, List.of("c1", "c2", "c3", "c4"), SecAggParameters.of(4, 3, 3, 1.0), 64);
  }

  static Identity identity(String id) {
    return Identity.fromPrivateKey(id, Digests.sha256(("test identity " + id)
        .getBytes(StandardCharsets.UTF_8)));
  }

  static ClientRegistry registryOf(Collection<String> ids) {
    ClientRegistry r = ClientRegistry.empty();
    for (String id : ids) {
      r = r.withClient(id, identity(id).publicKey());
    }
    return r;
  }

  ClientSetup setup(String id) {
    return ClientSetup.builder().context(ctx).identity(identity(id)).trust(trust)
        .store(stores.get(id)).random(new SecureRandom()).build();
  }

  /** A new client instance for {@code id} loaded from its store, as after a crash. */
  SecAggClient restart(String id, int[] input) {
    SecAggClient c = SecAggClient.open(setup(id), input);
    clients.put(id, c);
    return c;
  }

  /** Replaces {@code id}'s client by a brand-new session (fresh store) with {@code input}. */
  SecAggClient restartFresh(String id, int[] input) {
    stores.put(id, ClientStateStore.inMemory());
    inputs.put(id, input.clone());
    SecAggClient c = SecAggClient.open(setup(id), input);
    clients.put(id, c);
    return c;
  }

  SessionRef session() {
    return new SessionRef(ctx.group(), server.sessionId().orElseThrow());
  }

  /** Clients in {@code from} send their advertisement to the server. */
  void advertise(Collection<String> from) {
    for (String id : from) {
      AdvertiseKeys a = clients.get(id).advertisement();
      sent.get(0).put(id, a);
      server.accept(a.encode());
    }
  }

  /** Closes the server's open phase; records and returns the broadcast. */
  SecAggMessage close() {
    ServerStep step = server.advance();
    if (step.isDone()) {
      throw new AssertionError("session ended: " + step.outcome().orElseThrow());
    }
    broadcasts.add(step.broadcast().orElseThrow());
    return step.broadcast().orElseThrow();
  }

  /** Delivers {@code m} (as bytes) to {@code to}; returns each client's step. */
  Map<String, ClientStep> deliver(SecAggMessage m, Collection<String> to) {
    Map<String, ClientStep> steps = new TreeMap<>();
    byte[] wire = m.encode();
    for (String id : to) {
      steps.put(id, clients.get(id).receive(wire));
    }
    return steps;
  }

  /**
   * Forwards the messages of {@code steps} whose sender is in {@code from} to the server, as the
   * coordinator's router does once the sender's envelope verified
   * ({@link SecAggServer#acceptAuthenticated}).
   */
  List<ServerReceipt> forward(Map<String, ClientStep> steps, Collection<String> from) {
    List<ServerReceipt> receipts = new ArrayList<>();
    for (String id : from) {
      ClientStep step = steps.get(id);
      if (step != null && step.sends()) {
        SecAggMessage m = step.message().orElseThrow();
        sent.get(m.kind().phase()).put(id, m);
        receipts.add(server.acceptAuthenticated(SecAggMessage.decode(m.encode())));
      }
    }
    return receipts;
  }

  /** One full phase: close, deliver to the recipients, forward the replies of {@code senders}. */
  Map<String, ClientStep> round(Collection<String> senders) {
    ServerStep step = server.advance();
    if (step.isDone()) {
      throw new AssertionError("session ended: " + step.outcome().orElseThrow());
    }
    SecAggMessage m = step.broadcast().orElseThrow();
    broadcasts.add(m);
    Map<String, ClientStep> steps = deliver(m, step.recipients());
    forward(steps, senders);
    return steps;
  }

  /**
   * Runs the whole session; members in {@code afterP1} stop after sending shares, members in
   * {@code afterP2} stop after sending y_u.
   */
  GroupOutcome run(Set<String> afterP1, Set<String> afterP2) {
    driveTo(ServerPhase.COLLECTING_UNMASK, afterP1, afterP2);
    return server.advance().outcome().orElseThrow();
  }

  /**
   * Advertises (once) and runs honest phases until the server is collecting {@code target};
   * members in {@code afterP1} / {@code afterP2} go silent after their shares / masked input.
   */
  void driveTo(ServerPhase target, Set<String> afterP1, Set<String> afterP2) {
    List<String> all = ctx.members();
    if (sent.get(0).isEmpty()) {
      advertise(all);
    }
    while (server.phase().ordinal() < target.ordinal()) {
      Set<String> silent = switch (server.phase()) {
        case COLLECTING_KEYS -> Set.of();
        case COLLECTING_SHARES -> afterP1;
        default -> union(afterP1, afterP2);
      };
      round(without(all, silent));
    }
  }

  /** Σ q(x_u) mod 2^32 over {@code ids}. */
  int[] plainSum(Collection<String> ids) {
    int[] sum = new int[ctx.dimension()];
    for (String id : ids) {
      int[] q = inputs.get(id);
      for (int i = 0; i < sum.length; i++) {
        sum[i] += q[i];
      }
    }
    return sum;
  }

  static List<String> without(Collection<String> all, Set<String> removed) {
    return all.stream().filter(id -> !removed.contains(id)).toList();
  }

  static Set<String> union(Set<String> a, Set<String> b) {
    java.util.HashSet<String> u = new java.util.HashSet<>(a);
    u.addAll(b);
    return u;
  }
}
