package dev.rampart.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.rampart.protocol.ReassemblerTest.MutableClock;
import dev.rampart.protocol.wire.Chunk;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.Frame;
import dev.rampart.protocol.wire.MessageType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The attacks on chunk reassembly, each against the defence that defeats it. */
class ReassemblerAttackTest {
  private static final ChunkSigner HONEST = FakeChunkSigning.signer("client-1");
  private static final ChunkSigner MALLORY = FakeChunkSigning.signer("mallory");
  private static final ChunkVerifier VERIFIER = FakeChunkSigning.verifier(Set.of("client-1", "mallory"));
  private final MutableClock clock = new MutableClock(1_000_000L);

  private static Envelope envelope(String sender, int bodyBytes, long seed) {
    byte[] body = new byte[bodyBytes];
    new Random(seed).nextBytes(body);
    return Envelope.newBuilder().setSchemaVersion(1).setType(MessageType.CLIENT_UPDATE)
        .setJobId("job").setRound(3).setSender(sender).setBody(ByteString.copyFrom(body))
        .setSignature(ByteString.copyFrom(new byte[64])).build();
  }

  private Reassembler reassembler(ReassemblyLimits limits) {
    return Reassembler.create(limits, VERIFIER, clock);
  }

  /** A chunk of Mallory's own transfer {@code mallory/<n>} with the given header, signed by Mallory. */
  private static byte[] malloryChunk(int n, int count, long wholeLength, long expiresAt) {
    Chunk chunk = Chunk.newBuilder().setTransferId("mallory/" + n).setIndex(0).setCount(count)
        .setWholeSha256(ByteString.copyFrom(new byte[32])).setWholeLength(wholeLength)
        .setData(ByteString.copyFrom(new byte[4])).setExpiresAtMs(expiresAt).build();
    return Frame.newBuilder().setChunk(MALLORY.sign(chunk)).build().toByteArray();
  }

  private static Reassembly feedAll(Reassembler reassembler, List<Frame> frames) {
    Reassembly last = null;
    for (Frame f : frames) {
      last = reassembler.accept("client-1", f.toByteArray());
    }
    return last;
  }

  @Test
  void accept_signedChunksAnnouncingHugeCounts_storeNothing() {
    Reassembler reassembler = reassembler(ReassemblyLimits.defaults());
    List<Reassembly> outcomes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      outcomes.add(reassembler.accept("mallory", malloryChunk(i, 1 << 20, 2_000_000, 0)));
    }
    assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOfSatisfying(Reassembly.Rejected.class,
        r -> assertThat(r.detail()).contains("count=1048576", "record key 'mallory'")));
    assertThat(reassembler.pendingSets()).isZero();
    assertThat(reassembler.pendingBytes()).isZero();
  }

  @Test
  void accept_countTooSmallForFrameLimit_isRefused() {
    Reassembler reassembler = reassembler(ReassemblyLimits.defaults());
    Reassembly outcome = reassembler.accept("mallory", malloryChunk(1, 2, 10L << 20, 0));
    assertThat(outcome).isInstanceOfSatisfying(Reassembly.Rejected.class,
        r -> assertThat(r.detail()).contains("maxFrameBytes=" + ReassemblyLimits.DEFAULT_MAX_FRAME_BYTES));
    assertThat(reassembler.pendingSets()).isZero();
  }

  @Test
  void accept_consistentLargeCount_reservesOnlyWhatArrivedPlusOverhead() {
    Reassembler reassembler = reassembler(ReassemblyLimits.defaults().withMaxMessageBytes(1L << 30)
        .withMaxPendingBytes(2L << 30));
    Reassembly outcome = reassembler.accept("mallory", malloryChunk(1, 1 << 20, 512L << 20, 0));
    assertThat(outcome).isInstanceOf(Reassembly.Pending.class);
    assertThat(reassembler.pendingBytes()).isEqualTo(4 + ReassemblyLimits.PIECE_OVERHEAD_BYTES
        + ReassemblyLimits.SET_OVERHEAD_BYTES);
  }

  @Test
  void accept_recordLongerThanFrameLimit_isRefusedUnparsed() {
    Reassembler reassembler = reassembler(ReassemblyLimits.defaults().withMaxFrameBytes(4096));
    Reassembly outcome = reassembler.accept("k", new byte[4097]);
    assertThat(outcome).isInstanceOfSatisfying(Reassembly.Rejected.class, r -> {
      assertThat(r.reason()).isEqualTo(RejectionReason.OVERSIZED);
      assertThat(r.detail()).contains("4097", "maxFrameBytes=4096");
    });
  }

  @Test
  void accept_tenThousandNeverExpiringSetsOfOneSender_honestLargeMessageStillReassembles() {
    Reassembler reassembler = reassembler(ReassemblyLimits.defaults());
    for (int i = 0; i < ReassemblyLimits.DEFAULT_MAX_PENDING_SETS; i++) {
      reassembler.accept("mallory", malloryChunk(i, 2, 1_000, Long.MAX_VALUE));
    }
    assertThat(reassembler.pendingSets()).isEqualTo(ReassemblyLimits.DEFAULT_MAX_PENDING_SETS_PER_SENDER);
    Envelope honest = envelope("client-1", 2_000_000, 1);
    List<Frame> frames = Framing.frames(honest, Framing.DEFAULT_MAX_FRAME_BYTES, 0, HONEST);
    assertThat(frames).hasSizeGreaterThan(1);
    assertThat(feedAll(reassembler, frames)).isEqualTo(new Reassembly.Complete(honest));
  }

  @Test
  void expire_senderWroteFarExpiry_isClampedToMaxTtl() {
    Duration ttl = Duration.ofMinutes(2);
    Reassembler reassembler = reassembler(ReassemblyLimits.defaults().withMaxTtl(ttl));
    reassembler.accept("mallory", malloryChunk(1, 2, 1_000, Long.MAX_VALUE));
    clock.advance(ttl.minusMillis(1));
    assertThat(reassembler.expire()).isEmpty();
    clock.advance(Duration.ofMillis(1));
    assertThat(reassembler.expire()).singleElement()
        .satisfies(r -> assertThat(r.reason()).isEqualTo(RejectionReason.CHUNK_INCOMPLETE));
    assertThat(reassembler.pendingSets()).isZero();
    assertThat(reassembler.pendingBytes()).isZero();
  }

  @Test
  void accept_unsignedOrForgedContradictionOfHonestTransfer_leavesHonestSetIntact() {
    Reassembler reassembler = reassembler(ReassemblyLimits.defaults());
    Envelope honest = envelope("client-1", 20_000, 2);
    List<Frame> frames = Framing.frames(honest, 4096, 0, HONEST);
    reassembler.accept("client-1", frames.get(0).toByteArray());
    Chunk contradiction = frames.get(1).getChunk().toBuilder().setCount(frames.size() + 1).build();
    Chunk unsigned = contradiction.toBuilder().clearSignature().build();
    Chunk forged = FakeChunkSigning.signer("client-1", "not-the-secret").sign(contradiction).toBuilder()
        .setKeyId(contradiction.getKeyId()).build();
    Chunk asMallory = MALLORY.sign(contradiction);
    List<RejectionReason> reasons = new ArrayList<>();
    for (Chunk attack : List.of(contradiction, unsigned, forged, asMallory)) {
      Reassembly outcome = reassembler.accept("client-1", Frame.newBuilder().setChunk(attack).build().toByteArray());
      assertThat(outcome).isInstanceOfSatisfying(Reassembly.Rejected.class, r -> reasons.add(r.reason()));
    }
    assertThat(reasons).containsExactly(RejectionReason.BAD_SIGNATURE, RejectionReason.UNSIGNED,
        RejectionReason.BAD_SIGNATURE, RejectionReason.MALFORMED);
    assertThat(reassembler.pendingSets()).isEqualTo(1);
    assertThat(feedAll(reassembler, frames.subList(1, frames.size()))).isEqualTo(new Reassembly.Complete(honest));
  }

  @Test
  void accept_senderSignedContradiction_dropsItsOwnSet() {
    Reassembler reassembler = reassembler(ReassemblyLimits.defaults());
    List<Frame> frames = Framing.frames(envelope("client-1", 20_000, 3), 4096, 0, HONEST);
    reassembler.accept("client-1", frames.get(0).toByteArray());
    Chunk equivocation = HONEST.sign(frames.get(1).getChunk().toBuilder().setCount(frames.size() + 1).build());
    Reassembly outcome = reassembler.accept("client-1", Frame.newBuilder().setChunk(equivocation).build().toByteArray());
    assertThat(outcome).isInstanceOfSatisfying(Reassembly.Rejected.class,
        r -> assertThat(r.reason()).isEqualTo(RejectionReason.CHUNK_CORRUPT));
    assertThat(reassembler.pendingSets()).isZero();
    assertThat(reassembler.pendingBytes()).isZero();
  }

  @Test
  void accept_attackChunksInterleaved_honestMessageReassemblesBitExact() {
    Reassembler reassembler = reassembler(ReassemblyLimits.defaults());
    Envelope honest = envelope("client-1", 60_000, 4);
    List<Frame> frames = Framing.frames(honest, 4096, 0, HONEST);
    Random random = new Random(5);
    Reassembly last = null;
    for (int i = 0; i < frames.size(); i++) {
      Chunk c = frames.get(i).getChunk();
      byte[] garbage = new byte[1 + random.nextInt(200)];
      random.nextBytes(garbage);
      reassembler.accept("x", garbage);
      reassembler.accept("x", Frame.newBuilder().setChunk(c.toBuilder().setData(ByteString.copyFrom(garbage))).build()
          .toByteArray());
      reassembler.accept("mallory", malloryChunk(i, 1 << 20, 3_000, 0));
      reassembler.accept("mallory", Frame.newBuilder().setChunk(MALLORY.sign(c)).build().toByteArray());
      last = reassembler.accept("client-1", frames.get(i).toByteArray());
    }
    assertThat(last).isEqualTo(new Reassembly.Complete(honest));
    assertThat(reassembler.pendingSets()).isZero();
    assertThat(reassembler.pendingBytes()).isZero();
  }

  @Test
  void accept_perSenderCapReached_otherSenderStartsSets() {
    Reassembler reassembler = reassembler(ReassemblyLimits.defaults().withMaxPendingSets(10, 2));
    for (int i = 0; i < 5; i++) {
      reassembler.accept("mallory", malloryChunk(i, 2, 1_000, 0));
    }
    List<Frame> frames = Framing.frames(envelope("client-1", 20_000, 6), 4096, 0, HONEST);
    assertThat(reassembler.accept("client-1", frames.get(0).toByteArray())).isInstanceOf(Reassembly.Pending.class);
    assertThat(reassembler.pendingSets()).isEqualTo(3);
  }

  @Test
  void pendingBytes_afterCompletionAndExpiry_returnsToZero() {
    Reassembler reassembler = reassembler(ReassemblyLimits.defaults());
    List<Frame> complete = Framing.frames(envelope("client-1", 30_000, 7), 4096, 0, HONEST);
    List<Frame> partial = Framing.frames(envelope("client-1", 30_000, 8), 4096, clock.millis() + 1_000, HONEST);
    feedAll(reassembler, partial.subList(0, 3));
    long held = reassembler.pendingBytes();
    assertThat(held).isEqualTo(partial.subList(0, 3).stream().mapToLong(f -> f.getChunk().getData().size()).sum()
        + 3L * ReassemblyLimits.PIECE_OVERHEAD_BYTES + ReassemblyLimits.SET_OVERHEAD_BYTES);
    assertThat(feedAll(reassembler, complete)).isInstanceOf(Reassembly.Complete.class);
    assertThat(reassembler.pendingBytes()).isEqualTo(held);
    clock.advance(Duration.ofSeconds(2));
    assertThat(reassembler.expire()).hasSize(1);
    assertThat(reassembler.pendingBytes()).isZero();
  }

  @Test
  void accept_chunksBeyondThePendingBudget_areRefusedAndReleaseTheirSet() {
    long budget = 40_000;
    Reassembler reassembler = reassembler(ReassemblyLimits.defaults().withMaxMessageBytes(30_000)
        .withMaxPendingBytes(budget));
    List<Frame> first = Framing.frames(envelope("client-1", 25_000, 9), 4096, 0, HONEST);
    List<Frame> second = Framing.frames(envelope("client-1", 25_000, 10), 4096, 0, HONEST);
    feedAll(reassembler, first.subList(0, first.size() - 1));
    Reassembly refused = null;
    for (int i = 0; i < second.size() && !(refused instanceof Reassembly.Rejected); i++) {
      refused = reassembler.accept("client-1", second.get(i).toByteArray());
    }
    assertThat(refused).isInstanceOfSatisfying(Reassembly.Rejected.class, r -> {
      assertThat(r.reason()).isEqualTo(RejectionReason.OVERSIZED);
      assertThat(r.detail()).contains("maxPendingBytes=" + budget);
    });
    assertThat(reassembler.pendingSets()).isEqualTo(1);
    assertThat(reassembler.accept("client-1", first.get(first.size() - 1).toByteArray()))
        .isInstanceOf(Reassembly.Complete.class);
  }
}
