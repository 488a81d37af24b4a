package dev.rampart.protocol;

import com.google.protobuf.ByteString;
import dev.rampart.protocol.wire.ClientUpdate;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.Frame;
import dev.rampart.protocol.wire.LayerLayout;
import dev.rampart.protocol.wire.MessageType;
import dev.rampart.protocol.wire.ModelDescriptor;
import dev.rampart.protocol.wire.ParameterShape;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generates the seed corpus of the protocol fuzz targets from real messages, so fuzzing starts
 * from well-formed frames, chunk sets and shards. Regenerate after a wire change with
 * {@code mvn -B -q -o -pl protocol test -Dtest=FuzzSeedsTest -Drampart.writeSeeds=true}.
 */
class FuzzSeedsTest {
  /** Signs as client-1 with the zero-led stand-in signature that {@link ReassemblerFuzzTest} accepts. */
  private static final ChunkSigner STAND_IN_SIGNER = unsigned -> unsigned.toBuilder().setSender("client-1")
      .setKeyId("stand-in").setSignature(ByteString.copyFrom(new byte[64])).build();

  @Test
  void seedCorpus_generatedFromRealMessages_isCommitted() throws Exception {
    Envelope small = envelope(40, 1);
    List<Frame> chunks = Framing.frames(envelope(2_500, 2), Framing.MIN_MAX_FRAME_BYTES, 0, STAND_IN_SIGNER);
    new SeedCorpus()
        .add(FrameFuzzTest.class, "parse", "whole-frame", Framing.frames(small, 4096, 0, STAND_IN_SIGNER).get(0).toByteArray())
        .add(FrameFuzzTest.class, "parse", "chunk-frame", chunks.get(1).toByteArray())
        .add(FrameFuzzTest.class, "parse", "envelope", small.toByteArray())
        .add(DataShardFuzzTest.class, "parse", "two-samples", shard(2, 3).toWire().toByteArray())
        .add(DataShardFuzzTest.class, "parse", "one-sample", shard(1, 1).toWire().toByteArray())
        .add(ReassemblerFuzzTest.class, "acceptAndExpire", "chunks-redelivered", script(chunks, true))
        .add(ReassemblerFuzzTest.class, "acceptAndExpire", "incomplete-then-expired",
            script(chunks.subList(0, 2), false))
        .add(ReassemblerFuzzTest.class, "acceptAndExpire", "dense-update-chunks",
            script(Framing.frames(denseUpdate(1100), Framing.MIN_MAX_FRAME_BYTES, 0, STAND_IN_SIGNER), true))
        .add(ModelLayoutFuzzTest.class, "fromWire", "conv-dense", layout().toWire().toByteArray())
        .add(ModelLayoutFuzzTest.class, "fromWire", "wrapping-count", wrappingLayout().toByteArray())
        .writeIfRequestedAndCheck();
  }

  private static Envelope envelope(int bodyBytes, long seed) {
    byte[] body = new byte[bodyBytes];
    new Random(seed).nextBytes(body);
    return Envelope.newBuilder().setSchemaVersion(1).setType(MessageType.CLIENT_UPDATE)
        .setJobId("job").setRound(3).setSender("client-1").setBody(ByteString.copyFrom(body))
        .setSignature(ByteString.copyFrom(new byte[64])).build();
  }

  /** A client update of {@code d} floats, which a dense reader decodes as its chunks arrive. */
  private static Envelope denseUpdate(int d) {
    float[] v = new float[d];
    for (int i = 0; i < d; i++) {
      v[i] = i * 0.25f - 100f;
    }
    ClientUpdate update = ClientUpdate.newBuilder().setJobId("job").setRound(3)
        .setBaseModelDigest(ByteString.copyFrom(new byte[32])).setDense(FloatVectors.toWire(v)).build();
    return envelope(0, 3).toBuilder().setBody(update.toByteString()).build();
  }

  /** A small convolutional network's layout, with a configuration digest. */
  private static ModelLayout layout() {
    ModelLayout.Layer conv = new ModelLayout.Layer("layer0", "ConvolutionLayer", "relu", List.of(
        new ModelLayout.Parameter("W", List.of(4L, 1L, 3L, 3L)), new ModelLayout.Parameter("b", List.of(1L, 4L))));
    ModelLayout.Layer out = new ModelLayout.Layer("layer1", "OutputLayer", "softmax", List.of(
        new ModelLayout.Parameter("W", List.of(16L, 10L)), new ModelLayout.Parameter("b", List.of(1L, 10L))));
    return new ModelLayout(List.of(conv, out), 36 + 4 + 160 + 10, "ab".repeat(32));
  }

  /** Two arrays of 2^62 floats whose total, wrapped around a long, is the count the layout claims. */
  private static ModelDescriptor wrappingLayout() {
    return ModelDescriptor.newBuilder().setParameterCount(Long.MIN_VALUE)
        .addLayers(LayerLayout.newBuilder().setName("huge").setType("DenseLayer")
            .addParameters(ParameterShape.newBuilder().setName("W").addShape(1L << 62))
            .addParameters(ParameterShape.newBuilder().setName("b").addShape(1L << 62)))
        .build();
  }

  private static DataShard shard(int samples, int features) {
    float[][] x = new float[samples][features];
    int[] y = new int[samples];
    for (int i = 0; i < samples; i++) {
      for (int j = 0; j < features; j++) {
        x[i][j] = i - 0.5f * j;
      }
      y[i] = i % 3;
    }
    return new DataShard(1, 4, x, y, 3);
  }

  /** Every frame as a record (the second one twice when asked), then a tick past the TTL. */
  private static byte[] script(List<Frame> frames, boolean redeliver) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < frames.size(); i++) {
      record(out, "client-1", frames.get(i).toByteArray());
      if (redeliver && i == 1) {
        record(out, "client-1", frames.get(i).toByteArray());
      }
    }
    out.write(ReassemblerFuzzTest.SCRIPT_TICK);
    out.write(0);
    out.write(60);
    return out.toByteArray();
  }

  private static void record(ByteArrayOutputStream out, String key, byte[] value) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    out.write(ReassemblerFuzzTest.SCRIPT_RECORD);
    out.write(k.length);
    out.writeBytes(k);
    out.write(value.length >>> 8);
    out.write(value.length);
    out.writeBytes(value);
  }
}
