package dev.rampart.cli.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.rampart.crypto.ChunkSigning;
import dev.rampart.crypto.Envelopes;
import dev.rampart.crypto.Identity;
import dev.rampart.crypto.MessageSigning;
import dev.rampart.crypto.secagg.MaskedInput;
import dev.rampart.crypto.secagg.MessageKind;
import dev.rampart.crypto.secagg.SecAggException;
import dev.rampart.crypto.secagg.SecAggMessage;
import dev.rampart.protocol.Reassembler;
import dev.rampart.protocol.Reassembly;
import dev.rampart.protocol.ReassemblyLimits;
import dev.rampart.protocol.wire.Chunk;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.Frame;
import dev.rampart.protocol.wire.MessageType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HostileTrafficTest {
  private static final Identity BYZANTINE = Identity.generate("client-05", new SecureRandom());
  private final SplittableRandom random = new SplittableRandom(7);

  @Test
  void chunkFlood_anyCall_announcesHugeCountFarExpiryAndANewTransferIdOfTheClaimedSender() throws Exception {
    byte[] value = HostileTraffic.chunkFlood("client-00", MessageType.CLIENT_UPDATE, 3, random);
    Chunk a = Frame.parseFrom(value).getChunk();
    Chunk b = Frame.parseFrom(HostileTraffic.chunkFlood("client-00", MessageType.CLIENT_UPDATE, 3, random)).getChunk();

    assertThat(a.getCount()).isEqualTo(1 << 20);
    assertThat(a.getWholeLength()).isEqualTo(1L << 29);
    assertThat(a.getExpiresAtMs()).isEqualTo(Long.MAX_VALUE - 1);
    assertThat(a.getTransferId()).startsWith("client-00/CLIENT_UPDATE/3/");
    assertThat(b.getTransferId()).isNotEqualTo(a.getTransferId());
    Reassembler reader = Reassembler.create(ReassemblyLimits.defaults(), ChunkSigning.pinned(BYZANTINE.publicKey()),
        Clock.systemUTC());
    assertThat(reader.accept("client-00", value)).as("refused before anything is held")
        .isInstanceOf(Reassembly.Rejected.class);
    assertThat(reader.pendingSets()).isZero();
  }

  @Test
  void contradictions_honestChunk_reuseItsTransferIdAndIndexWithOtherDataDigestAndCount() {
    Chunk honest = Chunk.newBuilder().setTransferId("client-01/SECAGG/2/abc").setIndex(1).setCount(4)
        .setWholeSha256(ByteString.copyFrom(new byte[32])).setWholeLength(3000)
        .setData(ByteString.copyFrom(new byte[750])).build();

    List<Chunk> bad = HostileTraffic.contradictions(honest, random).stream().map(HostileTrafficTest::chunk).toList();

    assertThat(bad).hasSize(3).allSatisfy(c -> {
      assertThat(c.getTransferId()).isEqualTo(honest.getTransferId());
      assertThat(c.getIndex()).isEqualTo(honest.getIndex());
    });
    assertThat(bad.get(0).getData()).isNotEqualTo(honest.getData());
    assertThat(bad.get(1).getWholeSha256()).isNotEqualTo(honest.getWholeSha256());
    assertThat(bad.get(2).getCount()).isGreaterThan(honest.getCount());
    assertThat(bad.get(2).getWholeLength()).isGreaterThanOrEqualTo(bad.get(2).getCount());
  }

  @Test
  void badlySigned_claimingAnEnrolledSender_isWellFormedButFailsVerification() throws Exception {
    byte[] value = HostileTraffic.badlySigned(MessageType.SECAGG, "job-a", 4, BYZANTINE.id(), new byte[10], random);

    Envelope e = Frame.parseFrom(value).getEnvelope();
    assertThat(e.getSender()).isEqualTo(BYZANTINE.id());
    assertThat(e.getJobId()).isEqualTo("job-a");
    assertThat(e.getSignature().size()).isEqualTo(64);
    assertThat(Envelopes.verify(e, BYZANTINE.publicKey())).isFalse();
  }

  @Test
  void controlCharacters_requestedLength_areAllBelowSpace() {
    String s = HostileTraffic.controlCharacters(HostileTraffic.LONG_SENDER_CHARS, random);

    assertThat(s).hasSize(200 * 1024);
    assertThat(s.getBytes(StandardCharsets.UTF_8)).hasSize(200 * 1024);
    assertThat(s.chars()).allMatch(c -> c >= 1 && c < ' ');
  }

  @Test
  void nestedKeyList_fullDepth_isKeyListInsideKeyListUnderTheEntryLimitAndSignedByItsSender() {
    byte[] m = HostileTraffic.nestedKeyList(BYZANTINE, "job-a", 2, 0, HostileTraffic.NESTING_DEPTH);

    assertThat(depth(m)).isEqualTo(HostileTraffic.NESTING_DEPTH);
    assertThat(m.length).as("whole message").isLessThan(1_100_000);
    int outerHeader = 4 + 1 + 1 + 4 + 5 + 8 + 4 + 4 + 4 + BYZANTINE.id().length();
    int entry = ByteBuffer.wrap(m, outerHeader + 4, 4).getInt();
    assertThat(entry).as("outermost entry, under the decoder's 1 MiB entry limit").isLessThanOrEqualTo(1 << 20);
    byte[] body = Arrays.copyOf(m, m.length - 68);
    byte[] signature = Arrays.copyOfRange(m, m.length - 64, m.length);
    assertThat(MessageSigning.verify(BYZANTINE.publicKey(), MessageKind.KEY_LIST.signingType(), "job-a", 2,
        BYZANTINE.id(), body, signature)).isTrue();
  }

  @Test
  void nestedKeyList_depthTwo_isRefusedAtTheEntryKindCheck() {
    byte[] m = HostileTraffic.nestedKeyList(BYZANTINE, "job-a", 2, 0, 2);

    assertThatThrownBy(() -> SecAggMessage.decode(m))
        .isInstanceOf(SecAggException.class).hasMessageContaining("is a KEY_LIST");
  }

  @Test
  void oversizedMaskedInput_anySize_decodesAsAMaskedInputSignedByItsSender() {
    byte[] m = HostileTraffic.oversizedMaskedInput(BYZANTINE, "job-a", 3, 1, 5000, random);

    SecAggMessage decoded = SecAggMessage.decode(m);
    assertThat(decoded).isInstanceOf(MaskedInput.class);
    assertThat(((MaskedInput) decoded).dimension()).isEqualTo(5000);
    assertThat(decoded.header().group().round()).isEqualTo(3);
    assertThat(decoded.verify(BYZANTINE.publicKey())).isTrue();
  }

  @Test
  void sealedSecAgg_messageAboveOneFrame_isChunkedIntoAnEnvelopeSignedByTheSender() {
    byte[] m = HostileTraffic.oversizedMaskedInput(BYZANTINE, "job-a", 3, 1, 400_000, random);

    List<byte[]> frames = HostileTraffic.sealedSecAgg(BYZANTINE, "job-a", 3, m);

    assertThat(frames).hasSizeGreaterThan(1);
    Reassembler r = Reassembler.create(ReassemblyLimits.defaults(), ChunkSigning.pinned(BYZANTINE.publicKey()),
        Clock.systemUTC());
    Reassembly last = null;
    for (byte[] f : frames) {
      last = r.accept(null, f);
    }
    assertThat(last).isInstanceOf(Reassembly.Complete.class);
    Envelope e = ((Reassembly.Complete) last).envelope();
    assertThat(Envelopes.verify(e, BYZANTINE.publicKey())).isTrue();
    assertThat(e.getBody().toByteArray()).isEqualTo(m);
  }

  /** Walks the levels without recursion: each level's single entry starts after its header and two counts. */
  private static int depth(byte[] m) {
    ByteBuffer b = ByteBuffer.wrap(m);
    int levels = 0;
    while (true) {
      assertThat(b.getInt()).isEqualTo(0x52534147);
      b.get();
      assertThat(b.get()).isEqualTo((byte) MessageKind.KEY_LIST.code());
      skipString(b);
      b.getLong();
      b.getInt();
      skipString(b);
      skipString(b);
      levels++;
      if (b.getInt() == 0) {
        return levels;
      }
      b.getInt();
    }
  }

  private static void skipString(ByteBuffer b) {
    int n = b.getInt();
    b.position(b.position() + n);
  }

  private static Chunk chunk(byte[] value) {
    try {
      return Frame.parseFrom(value).getChunk();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
