package dev.rampart.coordinator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.coordinator.Rejection;
import dev.rampart.crypto.ChunkSigning;
import dev.rampart.crypto.Digests;
import dev.rampart.crypto.Envelopes;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.ClientId;
import dev.rampart.protocol.Framing;
import dev.rampart.protocol.Reassembler;
import dev.rampart.protocol.Reassembly;
import dev.rampart.protocol.ReassemblyLimits;
import dev.rampart.protocol.RejectionReason;
import dev.rampart.protocol.Untrusted;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.MessageType;
import dev.rampart.transport.TransportRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoundCollectorTest {
  private static final String HOSTILE_KEY = "evil\u0000".repeat(40_000);

  /** A clock that moves 10 ms per reading, so a round without answers still ends. */
  private static InstantSource ticking() {
    AtomicLong millis = new AtomicLong(1_000);
    return () -> Instant.ofEpochMilli(millis.addAndGet(10));
  }

  private static byte[] frameOf(String sender) {
    Identity id = Identity.fromPrivateKey(sender, Digests.sha256(sender.getBytes(StandardCharsets.UTF_8)));
    Envelope e = Envelopes.seal(id, MessageType.CLIENT_UPDATE, "job", 1, new byte[] {1}, 0);
    return Framing.frames(e, Framing.DEFAULT_MAX_FRAME_BYTES, 0, ChunkSigning.signer(id)).get(0).toByteArray();
  }

  /** Hands out one batch per poll, then nothing. */
  private static Function<Duration, Iterable<TransportRecord>> source(
      List<TransportRecord> batch) {
    Deque<List<TransportRecord>> batches = new ArrayDeque<>(List.of(batch));
    return timeout -> batches.isEmpty() ? List.of() : batches.poll();
  }

  private static Supplier<Throwable> fault(String kind) {
    return switch (kind) {
      case "stack" -> StackOverflowError::new;
      case "memory" -> () -> new OutOfMemoryError("Requested array size exceeds VM limit");
      default -> () -> new IllegalStateException("decoder bug");
    };
  }

  @ParameterizedTest
  @CsvSource({"stack,0", "memory,0", "runtime,0", "stack,2", "memory,2", "runtime,2"})
  void collect_verifierThrowsOnOneRecord_rejectsItAsMalformedAndAcceptsTheHonestUpdate(String kind, int threads) {
    Supplier<Throwable> thrown = fault(kind);
    RoundCollector collector = new RoundCollector(source(List.of(
        new TransportRecord("updates", 0, 0, HOSTILE_KEY, frameOf("mallory")),
        new TransportRecord("updates", 0, 1, "client-0", frameOf("client-0")))),
        (message, round) -> {
          if (message.envelope().getSender().equals("mallory")) {
            sneakyThrow(thrown.get());
          }
          return new Verdict.Accepted(new AcceptedUpdate(ClientId.of(message.envelope().getSender()), new float[2], 1, 0f,
              new byte[0], new byte[32]));
        }, Reassembler.create(ReassemblyLimits.defaults(), chunk -> Optional.empty(), ticking()), ticking(), threads);
    OpenRound round = new OpenRound(1, 60_000, new byte[32], Set.of(ClientId.of("client-0")));
    RejectionLedger rejections = new RejectionLedger(1);

    collector.collect(round, rejections);

    assertThat(round.complete()).isTrue();
    assertThat(round.accepted()).extracting(u -> u.client().value()).containsExactly("client-0");
    assertThat(rejections.counts()).containsExactlyEntriesOf(Map.of(RejectionReason.MALFORMED, 1L));
    Rejection r = rejections.retained().get(0);
    assertThat(r.detail()).contains(thrown.get().getClass().getName());
    assertThat(r.claimedSender()).hasSizeLessThanOrEqualTo(Untrusted.MAX_ID_CHARS).doesNotContain("\u0000");
  }

  /**
   * On a pool, verdicts are applied in the order the messages completed on the topic: the first of
   * two different updates from one client stands even when its checks finish last.
   */
  @Test
  void collect_onAPool_firstUpdateOnTheTopicStands_evenWhenItsChecksFinishLast() {
    RoundCollector collector = new RoundCollector(source(List.of(
        new TransportRecord("updates", 0, 0, "client-0", frameOf("client-0")),
        new TransportRecord("updates", 0, 1, "client-0", frameOf("client-0")),
        new TransportRecord("updates", 0, 2, "client-1", frameOf("client-1")))),
        new BiFunction<Reassembly.Complete, OpenRound, Verdict>() {
          private final AtomicInteger calls = new AtomicInteger();

          @Override
          public Verdict apply(Reassembly.Complete message, OpenRound round) {
            Envelope envelope = message.envelope();
            int call = calls.getAndIncrement();
            if (call == 0) {
              sleep(300);
            }
            return new Verdict.Accepted(new AcceptedUpdate(ClientId.of(envelope.getSender()), new float[] {call, 0}, 1,
                0f, new byte[] {(byte) call}, new byte[32]));
          }
        }, Reassembler.create(ReassemblyLimits.defaults(), chunk -> Optional.empty(), ticking()), ticking(), 2);
    OpenRound round = new OpenRound(1, 60_000, new byte[32], Set.of(ClientId.of("client-0"), ClientId.of("client-1")));
    RejectionLedger rejections = new RejectionLedger(1);

    try (collector) {
      collector.collect(round, rejections);
    }

    assertThat(round.complete()).isTrue();
    assertThat(round.accepted()).filteredOn(u -> u.client().value().equals("client-0")).singleElement()
        .satisfies(u -> assertThat(u.vector()[0]).isZero());
    assertThat(rejections.counts()).containsExactlyEntriesOf(Map.of(RejectionReason.DUPLICATE, 1L));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }
}
