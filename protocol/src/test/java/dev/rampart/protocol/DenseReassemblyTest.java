package dev.rampart.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import com.sun.management.ThreadMXBean;
import dev.rampart.protocol.wire.ClientUpdate;
import dev.rampart.protocol.wire.DenseVector;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.Frame;
import dev.rampart.protocol.wire.MessageType;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Reassembler#decodingDense}: floats decoded as chunks arrive, and the same message as a whole read. */
class DenseReassemblyTest {
  private static final ChunkSigner SIGNER = FakeChunkSigning.signer("client-1");
  private static final ChunkVerifier VERIFIER = FakeChunkSigning.verifier(Set.of("client-1"));
  private static final InstantSource CLOCK = InstantSource.fixed(Instant.ofEpochMilli(1_000_000L));

  private static Reassembler streaming() {
    return Reassembler.decodingDense(ReassemblyLimits.defaults(), VERIFIER, CLOCK);
  }

  /** Random floats with NaN payloads of both signs, infinities and both zeros among them. */
  private static float[] floats(int d, Random random) {
    float[] v = new float[d];
    for (int i = 0; i < d; i++) {
      v[i] = switch (random.nextInt(12)) {
        case 0 -> Float.intBitsToFloat(0x7fc0_0000 | random.nextInt(0x40_0000));
        case 1 -> Float.intBitsToFloat(0xffa0_0001 + random.nextInt(0x1f_0000));
        case 2 -> -0f;
        case 3 -> Float.NEGATIVE_INFINITY;
        default -> (float) random.nextGaussian();
      };
    }
    return v;
  }

  private static ClientUpdate.Builder update(float[] v, Random random) {
    byte[] digest = new byte[32];
    random.nextBytes(digest);
    return ClientUpdate.newBuilder().setJobId("job-" + random.nextInt(1000)).setRound(3)
        .setBaseModelDigest(ByteString.copyFrom(digest)).setSampleCount(random.nextInt(5000))
        .setTrainLoss(random.nextFloat()).setDense(FloatVectors.toWire(v));
  }

  private static Envelope envelope(ByteString body, MessageType type, Random random) {
    byte[] signature = new byte[64];
    random.nextBytes(signature);
    return Envelope.newBuilder().setSchemaVersion(1).setType(type).setJobId("job").setRound(3)
        .setSender("client-1").setKeyId("k".repeat(random.nextInt(40))).setBody(body)
        .setSignature(ByteString.copyFrom(signature)).setCreatedAtMs(random.nextLong()).build();
  }

  /** Feeds every frame, shuffled and with redeliveries, and returns the one completion. */
  private static Reassembly.Complete feedAll(Reassembler reassembler, List<Frame> frames, Random random) {
    List<Frame> order = new ArrayList<>(frames);
    Collections.shuffle(order, random);
    for (int i = 0; i < 3; i++) {
      // a redelivery of a frame already fed, before the last one completes the set
      int at = 1 + random.nextInt(order.size() - 1);
      order.add(at, order.get(random.nextInt(at)));
    }
    Reassembly.Complete complete = null;
    for (Frame frame : order) {
      Reassembly outcome = reassembler.accept("client-1", frame.toByteArray());
      assertThat(outcome).isNotInstanceOf(Reassembly.Rejected.class);
      if (outcome instanceof Reassembly.Complete c) {
        assertThat(complete).as("one completion").isNull();
        complete = c;
      }
    }
    assertThat(complete).isNotNull();
    assertThat(reassembler.pendingBytes()).isZero();
    return complete;
  }

  private static int[] bits(float[] v) {
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Float.floatToRawIntBits(v[i]);
    }
    return out;
  }

  private static Envelope withoutFloats(Envelope e) throws InvalidProtocolBufferException {
    ClientUpdate u = ClientUpdate.parseFrom(e.getBody());
    ClientUpdate cut = u.toBuilder().setDense(u.getDense().toBuilder().setFloat32Le(ByteString.EMPTY)).build();
    return e.toBuilder().setBody(cut.toByteString()).build();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void denseUpdate_anyChunkSizeAndOrder_decodesTheFloatsBitForBitAndHashesTheBodyAsSent(long seed) throws Exception {
    Random random = new Random(seed);
    int d = 1024 + random.nextInt(20_000);
    float[] v = floats(d, random);
    Envelope e = envelope(update(v, random).build().toByteString(), MessageType.CLIENT_UPDATE, random);
    int frameBytes = Framing.MIN_MAX_FRAME_BYTES + random.nextInt(e.getSerializedSize() / 3);
    List<Frame> frames = Framing.frames(e, frameBytes, 0, SIGNER);
    assertThat(frames).hasSizeGreaterThan(2);

    Reassembly.Complete complete = feedAll(streaming(), frames, random);

    assertThat(complete.dense()).as("decoded while it arrived").isNotNull();
    assertThat(bits(complete.dense().floats())).isEqualTo(bits(v));
    assertThat(complete.dense().bodySha256()).isEqualTo(Sha256.of(e.getBody()));
    assertThat(complete.envelope()).isEqualTo(withoutFloats(e));
    Reassembly.Complete whole = feedAll(Reassembler.create(ReassemblyLimits.defaults(), VERIFIER, CLOCK), frames, random);
    assertThat(whole).isEqualTo(new Reassembly.Complete(e));
  }

  /** Bytes after the floats that a parser would read over them: the message is read whole, as a parser reads it. */
  @ParameterizedTest
  @ValueSource(strings = {"floats", "dense", "compressed", "body"})
  void laterFieldOverTheFloats_completesWholeAsTheBytesSay(String which) throws Exception {
    Random random = new Random(which.hashCode());
    float[] v = floats(3000, random);
    float[] other = floats(3000, random);
    ByteString otherFloats = FloatVectors.toWire(other).getFloat32Le();
    DenseVector.Builder dense = FloatVectors.toWire(v).toBuilder();
    if (which.equals("floats")) {
      dense.setUnknownFields(UnknownFieldSet.newBuilder()
          .addField(2, UnknownFieldSet.Field.newBuilder().addLengthDelimited(otherFloats).build()).build());
    }
    ClientUpdate.Builder u = update(v, random).setDense(dense);
    if (which.equals("dense") || which.equals("compressed")) {
      ByteString payload = which.equals("dense") ? FloatVectors.toWire(other).toByteString() : ByteString.copyFromUtf8("x");
      u.setUnknownFields(UnknownFieldSet.newBuilder()
          .addField(which.equals("dense") ? 6 : 7, UnknownFieldSet.Field.newBuilder().addLengthDelimited(payload).build())
          .build());
    }
    Envelope.Builder e = envelope(u.build().toByteString(), MessageType.CLIENT_UPDATE, random).toBuilder();
    if (which.equals("body")) {
      e.setUnknownFields(UnknownFieldSet.newBuilder().addField(7, UnknownFieldSet.Field.newBuilder()
          .addLengthDelimited(update(other, random).build().toByteString()).build()).build());
    }
    Envelope sent = e.build();
    Envelope asParsed = Envelope.parseFrom(sent.toByteArray());

    Reassembly.Complete complete = feedAll(streaming(), Framing.frames(sent, 2048, 0, SIGNER), random);

    assertThat(complete.dense()).isNull();
    assertThat(complete.envelope()).isEqualTo(asParsed);
  }

  @Test
  void otherTypesAndShortVectors_completeWhole() {
    Random random = new Random(11);
    Envelope model = envelope(update(floats(5000, random), random).build().toByteString(), MessageType.SHARD, random);
    Envelope small = envelope(update(floats(1000, random), random).build().toByteString(),
        MessageType.CLIENT_UPDATE, random);
    for (Envelope e : List.of(model, small)) {
      Reassembly.Complete complete = feedAll(streaming(), Framing.frames(e, 1024, 0, SIGNER), random);
      assertThat(complete).isEqualTo(new Reassembly.Complete(e));
    }
  }

  @Test
  void reservation_countsAgainstThePendingBudget_andIsReleasedWhenTheSetIsDropped() {
    Random random = new Random(12);
    Envelope e = envelope(update(floats(50_000, random), random).build().toByteString(), MessageType.CLIENT_UPDATE,
        random);
    List<Frame> frames = Framing.frames(e, 8192, 0, SIGNER);
    ReassemblyLimits defaults = ReassemblyLimits.defaults();
    Envelope second = envelope(update(floats(50_000, random), random).build().toByteString(),
        MessageType.CLIENT_UPDATE, random);
    Reassembler tight = Reassembler.decodingDense(new ReassemblyLimits(250_000, 300_000, defaults.maxPendingSets(),
        defaults.maxPendingSetsPerSender(), defaults.maxTtl(), defaults.maxFrameBytes()), VERIFIER, CLOCK);
    assertThat(tight.accept("client-1", frames.get(0).toByteArray())).isInstanceOf(Reassembly.Pending.class);
    long held = tight.pendingBytes();

    Reassembly refused = tight.accept("client-1", Framing.frames(second, 8192, 0, SIGNER).get(0).toByteArray());

    assertThat(refused).isInstanceOf(Reassembly.Rejected.class);
    assertThat(((Reassembly.Rejected) refused).reason()).isEqualTo(RejectionReason.OVERSIZED);
    assertThat(((Reassembly.Rejected) refused).detail()).contains("reserving the dense floats").contains("300000");
    assertThat(tight.pendingBytes()).as("the refused set's reservation released").isEqualTo(held);
    assertThat(tight.pendingSets()).isOne();

    Reassembler roomy = streaming();
    roomy.accept("client-1", frames.get(0).toByteArray());
    roomy.accept("client-1", frames.get(2).toByteArray());
    assertThat(roomy.pendingBytes()).as("the floats, head and tail reserved, the early piece held")
        .isGreaterThan(200_000L).isLessThan(200_000L + 3 * 8192 + 2048);
  }

  /**
   * The budget bounds what is allocated, not only what is kept: a set whose floats would not fit is
   * refused before its float array exists.
   */
  @Test
  void reservationOverTheBudget_isRefusedWithoutAllocatingTheFloats() {
    Random random = new Random(13);
    int d = 8_000_000;
    float[] v = new float[d];
    Envelope first = envelope(update(v, random).build().toByteString(), MessageType.CLIENT_UPDATE, random);
    v[d - 1] = 1f;
    Envelope second = envelope(update(v, random).build().toByteString(), MessageType.CLIENT_UPDATE, random);
    ReassemblyLimits defaults = ReassemblyLimits.defaults();
    Reassembler reader = Reassembler.decodingDense(new ReassemblyLimits(40_000_000L, 48_000_000L,
        defaults.maxPendingSets(), defaults.maxPendingSetsPerSender(), defaults.maxTtl(), defaults.maxFrameBytes()),
        VERIFIER, CLOCK);
    byte[] firstChunk = Framing.frames(first, Framing.DEFAULT_MAX_FRAME_BYTES, 0, SIGNER).get(0).toByteArray();
    byte[] secondChunk = Framing.frames(second, Framing.DEFAULT_MAX_FRAME_BYTES, 0, SIGNER).get(0).toByteArray();
    assertThat(reader.accept("client-1", firstChunk)).isInstanceOf(Reassembly.Pending.class);
    assertThat(reader.pendingBytes()).isGreaterThan(32_000_000L);
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    long before = threads.getCurrentThreadAllocatedBytes();
    Reassembly refused = reader.accept("client-1", secondChunk);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertThat(refused).isInstanceOf(Reassembly.Rejected.class);
    assertThat(((Reassembly.Rejected) refused).reason()).isEqualTo(RejectionReason.OVERSIZED);
    assertThat(allocated).as("bytes allocated while refusing a 32 MB reservation").isLessThan(8_000_000L);
    assertThat(reader.pendingSets()).isOne();
  }
}
