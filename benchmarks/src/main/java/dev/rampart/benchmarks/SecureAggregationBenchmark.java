package dev.rampart.benchmarks;

import dev.rampart.crypto.ChunkSigning;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Digests;
import dev.rampart.crypto.Envelopes;
import dev.rampart.crypto.Identity;
import dev.rampart.crypto.MaskPrg;
import dev.rampart.crypto.secagg.ClientSetup;
import dev.rampart.crypto.secagg.ClientStateStore;
import dev.rampart.crypto.secagg.ClientStep;
import dev.rampart.crypto.secagg.GroupOutcome;
import dev.rampart.crypto.secagg.GroupRef;
import dev.rampart.crypto.secagg.Octets;
import dev.rampart.crypto.secagg.SecAggClient;
import dev.rampart.crypto.secagg.SecAggMessage;
import dev.rampart.crypto.secagg.SecAggParameters;
import dev.rampart.crypto.secagg.SecAggServer;
import dev.rampart.crypto.secagg.ServerStep;
import dev.rampart.crypto.secagg.SessionContext;
import dev.rampart.crypto.secagg.TrustAnchors;
import dev.rampart.protocol.ChunkVerifier;
import dev.rampart.protocol.FloatVectors;
import dev.rampart.protocol.Framing;
import dev.rampart.protocol.Reassembler;
import dev.rampart.protocol.Reassembly;
import dev.rampart.protocol.ReassemblyLimits;
import dev.rampart.protocol.wire.ClientUpdate;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.Frame;
import dev.rampart.protocol.wire.MessageType;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One round's cost with and without grouped secure aggregation, for one group of s clients over
 * d coordinates, including the transport work each side really does.
 *
 * <ul>
 *   <li>{@code plainClient}: what a client does today to send a dense update:
 *       {@code FloatVectors.toWire}, {@code ClientUpdate} serialization, {@code Envelopes.seal}
 *       (SHA-256 of the body and an Ed25519 signature) and {@code Framing} into 900 KiB chunks.
 *   <li>{@code secureClient}: member c00's whole session P1-P4 from its persisted P0 state:
 *       fixed-point encoding, checks of every coordinator list (envelope and inner signatures),
 *       Shamir splits and share encryption, key agreement with every peer, mask expansion (one
 *       ChaCha20 stream per U2 member, on {@code threads} threads), signing (P2 is signed by its
 *       envelope alone), state persistence
 *       (in memory) and the envelope and framing of every message it sends.
 *   <li>{@code secureSendAfterTraining}: the part of that session after local training, now that
 *       the session runs during training ({@link #beginSession} in the per-invocation setup):
 *       fixed-point encoding, adding the input to the expanded masks, encoding and saving P2 once,
 *       and its envelope and framing.
 *   <li>{@code plainCoordinator}: reassembling, verifying and decoding the group's dense updates
 *       and averaging them.
 *   <li>{@code secureCoordinator}: one group's {@link SecAggServer} fed the members' enveloped
 *       messages, with every list it sends sealed and framed, through reconstruction, verification
 *       and mask removal to the group mean.
 * </ul>
 *
 * <p>{@code dropoutPercent} of the members (never c00) go silent after P1, so the coordinator must
 * recover their pairwise masks and c00 reveals their mask-key shares. Inputs, identities and
 * session randomness are derived from fixed seeds; c00 resumes from the same persisted P0 state
 * with the same seeded randomness in every invocation, so its messages are identical each time and
 * the precomputed coordinator lists stay valid.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms3g", "-Xmx3g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class SecureAggregationBenchmark {
  private static final int MAX_FRAME = Framing.DEFAULT_MAX_FRAME_BYTES;
  private static final String JOB = "bench";

  @Param({"100000", "1000000"})
  public int d;

  @Param({"5", "10", "20"})
  public int s;

  @Param({"0", "20"})
  public int dropoutPercent;

  @Param({"2"})
  public int threads;

  private List<String> ids;
  private Map<String, Identity> identities;
  private Identity coordinator;
  private ClientRegistry registry;
  private SessionContext ctx;
  private Map<String, float[]> floats;
  private byte[] c00Advertised;
  /** Client frames by phase 0-4, then member. */
  private List<Map<String, List<byte[]>>> clientFrames;
  /** Coordinator frames of the lists of phases 1-4 (index 0 unused). */
  private List<List<byte[]>> coordinatorFrames;
  private List<List<byte[]>> plainUpdates;

  @Setup
  public void setUp(BenchmarkParams params) throws Exception {
    prepare(params.getBenchmark().endsWith("secureClient")
        || params.getBenchmark().endsWith("secureCoordinator")
        || params.getBenchmark().endsWith("secureSendAfterTraining"));
  }

  /**
   * Builds the group (identities, registry, session context, inputs, the plain updates) and, if
   * {@code withSession}, records one whole session so that {@link #secureSession} can replay c00's
   * part. Set {@link #d}, {@link #s}, {@link #dropoutPercent} and {@link #threads} first.
   */
  public void prepare(boolean withSession) throws NoSuchAlgorithmException {
    try {
      MaskPrg.prepare();
      MaskPrg.awaitPrepared(2, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the mask kernel warmed up", e);
    }
    System.out.println("mask kernel: " + MaskPrg.implementation());
    ids = IntStream.range(0, s).mapToObj(i -> String.format("c%02d", i)).toList();
    identities = new TreeMap<>();
    registry = ClientRegistry.empty();
    for (String id : ids) {
      Identity identity = identity(id);
      identities.put(id, identity);
      registry = registry.withClient(id, identity.publicKey());
    }
    coordinator = identity("coordinator");
    int t = s / 2 + 1;
    SecAggParameters p = SecAggParameters.of(s, t, t, 1.0);
    Octets model = Octets.of(Digests.sha256("model".getBytes(StandardCharsets.UTF_8)));
    ctx = new SessionContext(GroupRef.of(JOB, 1, 0), ids, p, d, model);
    SplittableRandom data = new SplittableRandom(BenchmarkData.SEED);
    floats = new TreeMap<>();
    for (String id : ids) {
      float[] x = new float[d];
      for (int i = 0; i < d; i++) {
        x[i] = (float) data.nextDouble(-1.0, 1.0);
      }
      floats.put(id, x);
    }
    plainUpdates = new ArrayList<>();
    for (String id : ids.subList(0, s - dropped())) {
      plainUpdates.add(toBytes(plainFrames(identities.get(id), floats.get(id))));
    }
    if (withSession) {
      recordSession();
    }
  }

  private int dropped() {
    return s * dropoutPercent / 100;
  }

  /** Runs the whole group once and records every enveloped message. */
  private void recordSession() throws NoSuchAlgorithmException {
    TrustAnchors trust = new TrustAnchors(coordinator.id(), coordinator.publicKey(), registry);
    Map<String, SecAggClient> clients = new TreeMap<>();
    clientFrames = new ArrayList<>();
    coordinatorFrames = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      clientFrames.add(new TreeMap<>());
      coordinatorFrames.add(List.of());
    }
    SecAggServer server = SecAggServer.create(ctx, coordinator, registry, threads);
    for (String id : ids) {
      ClientStateStore store = ClientStateStore.inMemory();
      int[] q = ctx.parameters().codec().encode(floats.get(id), new SplittableRandom(id.hashCode()));
      SecAggClient.open(setup(id, trust, store, new SecureRandom()), q);
      if (id.equals("c00")) {
        c00Advertised = store.load(ctx.group(), id).orElseThrow();
      }
      SecAggClient c = SecAggClient.open(setup(id, trust, store, seeded(id)), q);
      clients.put(id, c);
      clientFrames.get(0).put(id, toBytes(seal(identities.get(id), c.advertisement().encode())));
      server.accept(c.advertisement());
    }
    List<String> silent = ids.subList(s - dropped(), s);
    for (int k = 1; k <= 4; k++) {
      ServerStep step = server.advance();
      SecAggMessage list = step.broadcast().orElseThrow();
      coordinatorFrames.set(k, toBytes(seal(coordinator, list.encode())));
      for (String id : step.recipients()) {
        ClientStep reply = clients.get(id).receive(list.encode());
        SecAggMessage m = reply.message().orElseThrow();
        if (k == 1 || !silent.contains(id)) {
          clientFrames.get(k).put(id, toBytes(seal(identities.get(id), reply.wire().orElseThrow())));
          server.acceptAuthenticated(m);
        }
      }
    }
    GroupOutcome outcome = server.advance().outcome().orElseThrow();
    if (!outcome.isSuccess()) {
      throw new IllegalStateException("setup session failed: " + outcome);
    }
  }

  private ClientSetup setup(String id, TrustAnchors trust, ClientStateStore store, SecureRandom random) {
    return ClientSetup.builder().context(ctx).identity(identities.get(id)).trust(trust).store(store)
        .random(random).maskThreads(threads).build();
  }

  @Benchmark
  public int plainClient() {
    return plainSend(floats.get("c00"));
  }

  @Benchmark
  public int secureClient() throws NoSuchAlgorithmException {
    return secureSession(floats.get("c00"));
  }

  /** c00's plain send path for {@code update} (d floats); returns the number of frames. */
  public int plainSend(float[] update) {
    return plainFrames(identities.get("c00"), update).size();
  }

  /**
   * c00's whole secure session P1-P4 for {@code update} (d floats), replayed against the recorded
   * coordinator lists; returns the number of frames it sent.
   */
  public int secureSession(float[] update) throws NoSuchAlgorithmException {
    return finishSession(beginSession(), update);
  }

  /** c00's session up to the point where only its input is missing; see {@link #beginSession}. */
  public static final class Session {
    private final SecAggClient client;
    private final int frames;

    private Session(SecAggClient client, int frames) {
      this.client = client;
      this.frames = frames;
    }
  }

  /**
   * What a client does before and during local training: resumes c00's persisted P0 state without
   * an input, sends P0, checks U1 and sends P1, checks U2 and expands the masks.
   */
  public Session beginSession() throws NoSuchAlgorithmException {
    ClientStateStore store = ClientStateStore.inMemory();
    store.save(ctx.group(), "c00", c00Advertised);
    TrustAnchors trust = new TrustAnchors(coordinator.id(), coordinator.publicKey(), registry);
    SecAggClient client = SecAggClient.open(setup("c00", trust, store, seeded("c00")));
    int frames = seal(identities.get("c00"), client.advertisement().encode()).size();
    frames += seal(identities.get("c00"), receive(client, 1).wire().orElseThrow()).size();
    ClientStep masks = receive(client, 2);
    if (masks.action() != ClientStep.Action.WAIT) {
      throw new IllegalStateException("U2 without an input should leave the masks waiting: " + masks);
    }
    return new Session(client, frames);
  }

  /**
   * What the client does after training: encodes {@code update}, adds it to the expanded masks and
   * sends P2 ({@link #sendAfterTraining}), then answers U3 (P3) and the unmask request (P4).
   */
  public int finishSession(Session session, float[] update) {
    int frames = session.frames + sendAfterTraining(session, update);
    for (int k = 3; k <= 4; k++) {
      frames += seal(identities.get("c00"), receive(session.client, k).wire().orElseThrow()).size();
    }
    return frames;
  }

  /** The part of the session after training up to P2's frames; returns their number. */
  public int sendAfterTraining(Session session, float[] update) {
    int[] q = ctx.parameters().codec().encode(update, new SplittableRandom(7));
    ClientStep p2 = session.client.supplyInput(q);
    return seal(identities.get("c00"), p2.wire().orElseThrow()).size();
  }

  private ClientStep receive(SecAggClient client, int phase) {
    Envelope e = reassemble(coordinatorFrames.get(phase), ChunkSigning.pinned(coordinator.publicKey()));
    if (!Envelopes.verify(e, coordinator.publicKey())) {
      throw new IllegalStateException("coordinator envelope does not verify");
    }
    return client.receive(e.getBody().toByteArray());
  }

  /** c00's session, begun (P0, P1, masks) before each invocation. */
  @State(Scope.Thread)
  public static class Begun {
    Session session;

    @Setup(Level.Invocation)
    public void begin(SecureAggregationBenchmark bench) throws NoSuchAlgorithmException {
      session = bench.beginSession();
    }
  }

  /** The secure send path after training (encode, mask, seal and frame P2), against {@code plainClient}. */
  @Benchmark
  public int secureSendAfterTraining(Begun begun) {
    return sendAfterTraining(begun.session, floats.get("c00"));
  }

  @Benchmark
  public float plainCoordinator() {
    Reassembler reassembler = Reassembler.create(ReassemblyLimits.defaults(), ChunkSigning.registry(registry),
        Clock.systemUTC());
    float[] mean = new float[d];
    for (List<byte[]> update : plainUpdates) {
      Envelope e = null;
      for (byte[] frame : update) {
        if (reassembler.accept(null, frame) instanceof Reassembly.Complete c) {
          e = c.envelope();
        }
      }
      if (!Envelopes.verify(e, registry.activeKey(e.getSender()).orElseThrow())) {
        throw new IllegalStateException("update does not verify");
      }
      try {
        float[] x = FloatVectors.fromWire(ClientUpdate.parseFrom(e.getBody()).getDense());
        for (int i = 0; i < d; i++) {
          mean[i] += x[i] / plainUpdates.size();
        }
      } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
        throw new IllegalStateException(ex);
      }
    }
    return mean[0];
  }

  @Benchmark
  public float secureCoordinator() {
    SecAggServer server = SecAggServer.create(ctx, coordinator, registry, threads);
    for (int k = 0; k <= 4; k++) {
      for (List<byte[]> frames : clientFrames.get(k).values()) {
        Envelope e = reassemble(frames, ChunkSigning.registry(registry));
        if (!Envelopes.verify(e, registry.activeKey(e.getSender()).orElseThrow())) {
          throw new IllegalStateException("client envelope does not verify");
        }
        server.acceptAuthenticated(SecAggMessage.decode(e.getBody().toByteArray()));
      }
      ServerStep step = server.advance();
      if (k < 4) {
        seal(coordinator, step.broadcast().orElseThrow().encode());
      } else {
        return step.outcome().orElseThrow().mean()[0];
      }
    }
    throw new AssertionError();
  }

  private static List<Frame> plainFrames(Identity identity, float[] x) {
    ClientUpdate update = ClientUpdate.newBuilder().setJobId(JOB).setRound(1)
        .setBaseModelDigest(com.google.protobuf.ByteString.copyFrom(new byte[32])).setSampleCount(100)
        .setTrainLoss(0.5f).setDense(FloatVectors.toWire(x)).build();
    Envelope e = Envelopes.seal(identity, MessageType.CLIENT_UPDATE, JOB, 1, update.toByteArray(), 0);
    return Framing.frames(e, MAX_FRAME, 0, ChunkSigning.signer(identity));
  }

  private static List<Frame> seal(Identity identity, byte[] message) {
    Envelope e = Envelopes.seal(identity, MessageType.SECAGG, JOB, 1, message, 0);
    return Framing.frames(e, MAX_FRAME, 0, ChunkSigning.signer(identity));
  }

  private static Envelope reassemble(List<byte[]> frames, ChunkVerifier verifier) {
    Reassembler reassembler = Reassembler.create(ReassemblyLimits.defaults(), verifier, Clock.systemUTC());
    for (byte[] f : frames) {
      if (reassembler.accept(null, f) instanceof Reassembly.Complete c) {
        return c.envelope();
      }
    }
    throw new IllegalStateException("incomplete frames");
  }

  private static List<byte[]> toBytes(List<Frame> frames) {
    return frames.stream().map(Frame::toByteArray).toList();
  }

  private static Identity identity(String id) {
    return Identity.fromPrivateKey(id, Digests.sha256(("bench identity " + id).getBytes(StandardCharsets.UTF_8)));
  }

  /** A SecureRandom whose output is fixed by {@code id}, so c00's P1 shares repeat exactly. */
  private static SecureRandom seeded(String id) throws NoSuchAlgorithmException {
    SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
    r.setSeed(("bench session " + id).getBytes(StandardCharsets.UTF_8));
    return r;
  }
}
