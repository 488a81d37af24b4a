package dev.rampart.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.rampart.protocol.wire.Chunk;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.Frame;
import dev.rampart.protocol.wire.MessageType;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReassemblerTest {
  static final ChunkSigner SIGNER = FakeChunkSigning.signer("client-1");
  static final ChunkVerifier VERIFIER = FakeChunkSigning.verifier(Set.of("client-1"));
  private final MutableClock clock = new MutableClock(1_000_000L);

  private Reassembler reassembler() {
    return Reassembler.create(ReassemblyLimits.defaults(), VERIFIER, clock);
  }

  private static Reassembly feed(Reassembler reassembler, Frame frame) {
    return reassembler.accept("client-1", frame.toByteArray());
  }

  private static Envelope envelope(int bodyBytes, long seed) {
    byte[] body = new byte[bodyBytes];
    new Random(seed).nextBytes(body);
    return Envelope.newBuilder().setSchemaVersion(1).setType(MessageType.CLIENT_UPDATE)
        .setJobId("job").setRound(3).setSender("client-1").setBody(ByteString.copyFrom(body))
        .setSignature(ByteString.copyFrom(new byte[64])).build();
  }

  @Test
  void frames_smallEnvelope_isOneWholeFrame() {
    Envelope e = envelope(100, 1);
    List<Frame> frames = Framing.frames(e, Framing.DEFAULT_MAX_FRAME_BYTES, 0, SIGNER);
    assertThat(frames).hasSize(1);
    assertThat(feed(reassembler(), frames.get(0)))
        .isEqualTo(new Reassembly.Complete(e));
  }

  @Test
  void accept_chunksInAnyOrderWithRedeliveries_reassemblesBitExact() {
    Envelope e = envelope(50_000, 2);
    List<Frame> frames = new ArrayList<>(Framing.frames(e, 4096, 0, SIGNER));
    assertThat(frames).hasSizeGreaterThan(10);
    assertThat(frames).allSatisfy(f -> assertThat(f.getSerializedSize()).isLessThanOrEqualTo(4096));
    frames.add(frames.get(3));
    Collections.shuffle(frames, new Random(7));
    Reassembler reassembler = reassembler();
    List<Reassembly> outcomes = new ArrayList<>();
    for (Frame f : frames) {
      outcomes.add(feed(reassembler, f));
    }
    assertThat(outcomes).filteredOn(o -> o instanceof Reassembly.Complete).hasSize(1);
    Reassembly.Complete done = (Reassembly.Complete) outcomes.stream()
        .filter(o -> o instanceof Reassembly.Complete).findFirst().orElseThrow();
    assertThat(done.envelope().toByteArray()).isEqualTo(e.toByteArray());
    assertThat(reassembler.pendingSets()).isZero();
    assertThat(reassembler.pendingBytes()).isZero();
  }

  @Test
  void accept_senderSignedTamperedData_rejectsSetAsCorrupt() {
    List<Frame> frames = Framing.frames(envelope(20_000, 3), 4096, 0, SIGNER);
    Reassembler reassembler = reassembler();
    Reassembly last = null;
    for (int i = 0; i < frames.size(); i++) {
      Frame f = frames.get(i);
      if (i == 2) {
        byte[] data = f.getChunk().getData().toByteArray();
        data[10] ^= 1;
        f = Frame.newBuilder().setChunk(SIGNER.sign(f.getChunk().toBuilder().setData(ByteString.copyFrom(data)).build()))
            .build();
      }
      last = feed(reassembler, f);
    }
    assertThat(last).isInstanceOf(Reassembly.Rejected.class);
    assertThat(((Reassembly.Rejected) last).reason()).isEqualTo(RejectionReason.CHUNK_CORRUPT);
    assertThat(((Reassembly.Rejected) last).detail()).contains("does not match its announced set digest");
  }

  @Test
  void accept_setAnnouncingPlainDigestOfWhole_isRefusedAsCorrupt() throws Exception {
    Envelope e = envelope(20_000, 13);
    byte[] plain = MessageDigest.getInstance("SHA-256").digest(e.toByteArray());
    ChunkSigner plainDigest = unsigned -> SIGNER.sign(unsigned.toBuilder()
        .setWholeSha256(ByteString.copyFrom(plain)).build());
    List<Frame> frames = Framing.frames(e, 4096, 0, plainDigest);
    Reassembler reassembler = reassembler();
    Reassembly last = null;
    for (Frame f : frames) {
      last = feed(reassembler, f);
    }
    assertThat(last).isInstanceOf(Reassembly.Rejected.class);
    assertThat(((Reassembly.Rejected) last).reason()).isEqualTo(RejectionReason.CHUNK_CORRUPT);
    assertThat(reassembler.pendingSets()).isZero();
  }

  @Test
  void frames_announceTheDigestOfTheirPieces() {
    Envelope e = envelope(20_000, 14);
    List<Frame> frames = Framing.frames(e, 4096, 0, SIGNER);
    List<byte[]> pieces = new ArrayList<>();
    for (Frame f : frames) {
      pieces.add(Sha256.of(f.getChunk().getData()));
    }
    byte[] expected = Sha256.ofPieces(pieces, e.getSerializedSize());
    assertThat(frames).allSatisfy(f -> assertThat(f.getChunk().getWholeSha256().toByteArray()).isEqualTo(expected));
  }

  @Test
  void accept_senderSignedOtherDataForSameIndex_dropsSetAsEquivocation() {
    List<Frame> frames = Framing.frames(envelope(20_000, 4), 4096, 0, SIGNER);
    Reassembler reassembler = reassembler();
    feed(reassembler, frames.get(0));
    Chunk forged = frames.get(0).getChunk().toBuilder().setData(ByteString.copyFromUtf8("other")).build();
    Reassembly outcome = feed(reassembler, Frame.newBuilder().setChunk(SIGNER.sign(forged)).build());
    assertThat(outcome).isInstanceOf(Reassembly.Rejected.class);
    assertThat(((Reassembly.Rejected) outcome).reason()).isEqualTo(RejectionReason.CHUNK_CORRUPT);
    assertThat(reassembler.pendingSets()).isZero();
  }

  @Test
  void expire_incompleteSetPastItsDeadline_isDroppedAsIncomplete() {
    long deadline = clock.millis() + 5_000;
    List<Frame> frames = Framing.frames(envelope(20_000, 5), 4096, deadline, SIGNER);
    Reassembler reassembler = reassembler();
    feed(reassembler, frames.get(0));
    feed(reassembler, frames.get(1));
    assertThat(reassembler.expire()).isEmpty();
    clock.advance(Duration.ofSeconds(6));
    List<Reassembly.Rejected> dropped = reassembler.expire();
    assertThat(dropped).singleElement().satisfies(r -> {
      assertThat(r.reason()).isEqualTo(RejectionReason.CHUNK_INCOMPLETE);
      assertThat(r.detail()).contains("2 of " + frames.size());
    });
    assertThat(reassembler.pendingBytes()).isZero();
  }

  @Test
  void accept_setAnnouncingMoreThanLimit_isOversized() {
    Reassembler reassembler = Reassembler.create(
        ReassemblyLimits.defaults().withMaxMessageBytes(10_000).withMaxPendingBytes(20_000), VERIFIER, clock);
    Frame first = Framing.frames(envelope(50_000, 6), 4096, 0, SIGNER).get(0);
    Reassembly outcome = feed(reassembler, first);
    assertThat(outcome).isInstanceOf(Reassembly.Rejected.class);
    assertThat(((Reassembly.Rejected) outcome).reason()).isEqualTo(RejectionReason.OVERSIZED);
    assertThat(((Reassembly.Rejected) outcome).detail()).contains("maxMessageBytes=10000");
  }

  @Test
  void accept_garbageBytes_isMalformedNotThrown() {
    Reassembly outcome = reassembler().accept("k", new byte[] {(byte) 0xff, 0x01, 0x02});
    assertThat(outcome).isInstanceOf(Reassembly.Rejected.class);
    assertThat(((Reassembly.Rejected) outcome).reason()).isEqualTo(RejectionReason.MALFORMED);
  }

  @Test
  void accept_chunkIndexOutOfRange_isMalformed() {
    Chunk chunk = Framing.frames(envelope(20_000, 8), 4096, 0, SIGNER).get(0).getChunk().toBuilder()
        .setIndex(999).build();
    Reassembly outcome = feed(reassembler(), Frame.newBuilder().setChunk(SIGNER.sign(chunk)).build());
    assertThat(((Reassembly.Rejected) outcome).reason()).isEqualTo(RejectionReason.MALFORMED);
    assertThat(((Reassembly.Rejected) outcome).detail()).contains("index=999");
  }

  @Test
  void frames_tooSmallLimit_isRejectedNamingTheValue() {
    assertThatThrownBy(() -> Framing.frames(envelope(10, 9), 100, 0, SIGNER))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxFrameBytes=100");
  }

  @Test
  void frames_signerIsNotTheEnvelopesSender_isRefused() {
    assertThatThrownBy(() -> Framing.frames(envelope(20_000, 10), 4096, 0, FakeChunkSigning.signer("other")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'other'");
  }

  @Test
  void accept_verifierThrows_isRejectedNotThrown() {
    ChunkVerifier broken = chunk -> {
      throw new IllegalStateException("broken");
    };
    Frame first = Framing.frames(envelope(20_000, 11), 4096, 0, SIGNER).get(0);
    Reassembly outcome = Reassembler.create(ReassemblyLimits.defaults(), broken, clock).accept("k", first.toByteArray());
    assertThat(outcome).isInstanceOfSatisfying(Reassembly.Rejected.class,
        r -> assertThat(r.reason()).isEqualTo(RejectionReason.BAD_SIGNATURE));
  }

  @Test
  void accept_randomMutationsOfSignedChunks_neverThrow() {
    Reassembler reassembler = reassembler();
    Random random = new Random(12);
    List<Frame> frames = Framing.frames(envelope(20_000, 12), 4096, 0, SIGNER);
    for (int i = 0; i < 2_000; i++) {
      byte[] bytes = frames.get(i % frames.size()).toByteArray();
      bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
      assertThat(reassembler.accept(i % 2 == 0 ? null : "k", bytes)).isNotNull();
    }
    assertThat(reassembler.pendingSets()).isLessThanOrEqualTo(1);
    assertThat(reassembler.pendingBytes()).isLessThanOrEqualTo(ReassemblyLimits.SET_OVERHEAD_BYTES
        + frames.size() * (4096L + ReassemblyLimits.PIECE_OVERHEAD_BYTES));
  }

  @Test
  void accept_chunksSignedByOtherThanTheEnvelopesSender_isCorrupt() {
    ChunkSigner mallory = FakeChunkSigning.signer("mallory");
    Reassembler reassembler = Reassembler.create(ReassemblyLimits.defaults(),
        FakeChunkSigning.verifier(Set.of("client-1", "mallory")), clock);
    Reassembly last = null;
    for (Frame f : Framing.frames(envelope(20_000, 13), 4096, 0, SIGNER)) {
      Chunk relabelled = mallory.sign(f.getChunk().toBuilder().setTransferId("mallory/replay").build());
      last = reassembler.accept("mallory", Frame.newBuilder().setChunk(relabelled).build().toByteArray());
    }
    assertThat(last).isInstanceOfSatisfying(Reassembly.Rejected.class, r -> {
      assertThat(r.reason()).isEqualTo(RejectionReason.CHUNK_CORRUPT);
      assertThat(r.detail()).contains("signed by mallory", "'client-1'");
    });
  }

  @Test
  void accept_signedPiecesLongerThanTheAnnouncedWhole_dropTheSetEarly() {
    Reassembler reassembler = reassembler();
    List<Frame> frames = Framing.frames(envelope(20_000, 14), 4096, 0, SIGNER);
    Reassembly outcome = null;
    for (int i = 0; i < frames.size() && !(outcome instanceof Reassembly.Rejected); i++) {
      Chunk c = frames.get(i).getChunk();
      Chunk padded = SIGNER.sign(c.toBuilder().setData(ByteString.copyFrom(new byte[3500])).build());
      outcome = feed(reassembler, Frame.newBuilder().setChunk(padded).build());
    }
    assertThat(outcome).isInstanceOfSatisfying(Reassembly.Rejected.class, r -> {
      assertThat(r.reason()).isEqualTo(RejectionReason.CHUNK_CORRUPT);
      assertThat(r.detail()).contains("more than the announced");
    });
    assertThat(reassembler.pendingBytes()).isZero();
  }

  static final class MutableClock implements InstantSource {
    private long millis;

    MutableClock(long millis) {
      this.millis = millis;
    }

    void advance(Duration d) {
      millis += d.toMillis();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }
  }
}
