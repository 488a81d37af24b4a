package dev.rampart.benchmarks;

import com.google.protobuf.ByteString;
import dev.rampart.coordinator.internal.OpenRound;
import dev.rampart.coordinator.internal.RejectionLedger;
import dev.rampart.coordinator.internal.RoundCollector;
import dev.rampart.coordinator.internal.UpdateVerifier;
import dev.rampart.crypto.ChunkSigning;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Digests;
import dev.rampart.crypto.Envelopes;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.ClientId;
import dev.rampart.protocol.FloatVectors;
import dev.rampart.protocol.Framing;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.Reassembler;
import dev.rampart.protocol.ReassemblyLimits;
import dev.rampart.protocol.wire.ClientUpdate;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.Frame;
import dev.rampart.protocol.wire.MessageType;
import dev.rampart.transport.TransportRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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

/**
 * The coordinator's intake of one round in isolation: n signed, chunked dense updates of dimension
 * d, already read from the topic, reassembled, verified (chunk signatures, envelope signature,
 * body, decoding, finiteness) and accepted by {@link RoundCollector}, on this thread alone
 * ({@code threads = 0}, as before parallel intake) or with a pool of {@code threads} verifiers.
 * No broker and no other process, so the two cores belong to the coordinator.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx4g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class IntakeBenchmark {
  private static final String JOB = "intake-bench";

  @Param({"10"})
  public int n;

  @Param({"1000000"})
  public int d;

  @Param({"0", "2"})
  public int threads;

  private List<TransportRecord> records;
  private UpdateVerifier verifier;
  private ClientRegistry registry;
  private Set<ClientId> participants;
  private byte[] modelDigest;

  /** Signs and frames the n updates once. */
  @Setup(Level.Trial)
  public void setUp() {
    modelDigest = Digests.sha256("model".getBytes(StandardCharsets.UTF_8));
    registry = ClientRegistry.empty();
    participants = new TreeSet<>((a, b) -> a.value().compareTo(b.value()));
    records = new ArrayList<>();
    long offset = 0;
    for (float[] x : BenchmarkData.updates(n, d, 0)) {
      String id = String.format("c%02d", participants.size());
      Identity identity = Identity.fromPrivateKey(id, Digests.sha256(("bench " + id).getBytes(StandardCharsets.UTF_8)));
      registry = registry.withClient(id, identity.publicKey());
      participants.add(ClientId.of(id));
      ClientUpdate update = ClientUpdate.newBuilder().setJobId(JOB).setRound(1)
          .setBaseModelDigest(ByteString.copyFrom(modelDigest)).setSampleCount(100)
          .setDense(FloatVectors.toWire(x)).build();
      Envelope envelope = Envelopes.seal(identity, MessageType.CLIENT_UPDATE, JOB, 1, update.toByteArray(), 0);
      for (Frame f : Framing.frames(envelope, Framing.DEFAULT_MAX_FRAME_BYTES, 0, ChunkSigning.signer(identity))) {
        records.add(new TransportRecord("updates", 0, offset++, id, f.toByteArray()));
      }
    }
    verifier = new UpdateVerifier(JobId.of(JOB), registry, d);
  }

  /**
   * One round's intake: every record handed over in batches of 50 (a poll's worth), until all n
   * updates are accepted.
   *
   * @return the accepted count, so the work is not eliminated
   */
  @Benchmark
  public int intake() {
    Deque<List<TransportRecord>> batches = new ArrayDeque<>();
    for (int i = 0; i < records.size(); i += 50) {
      batches.add(records.subList(i, Math.min(records.size(), i + 50)));
    }
    Function<Duration, Iterable<TransportRecord>> source = timeout -> batches.isEmpty() ? List.of() : batches.poll();
    Reassembler reassembler = Reassembler.create(ReassemblyLimits.defaults(), ChunkSigning.registry(registry),
        Clock.systemUTC());
    OpenRound round = new OpenRound(1, System.currentTimeMillis() + 600_000, modelDigest, participants);
    try (RoundCollector collector = RoundCollector.of(source, verifier, reassembler, Clock.systemUTC(), threads)) {
      collector.collect(round, new RejectionLedger(1));
    }
    if (!round.complete()) {
      throw new IllegalStateException("intake accepted " + round.accepted().size() + " of " + n);
    }
    return round.accepted().size();
  }
}
