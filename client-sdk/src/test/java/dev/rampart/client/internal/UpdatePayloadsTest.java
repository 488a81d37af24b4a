package dev.rampart.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.compression.CompressedVector;
import dev.rampart.compression.Compressors;
import dev.rampart.protocol.wire.ClientUpdate;
import dev.rampart.protocol.wire.CompressionSpec;
import dev.rampart.protocol.wire.RoundPlan;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpdatePayloadsTest {
  private static float[] vector(int d) {
    float[] v = new float[d];
    for (int i = 0; i < d; i++) {
      v[i] = (i % 7) - 3f;
    }
    return v;
  }

  private static RoundPlan plan(String codec, Map<String, String> parameters, long seed) {
    return RoundPlan.newBuilder().setCompression(CompressionSpec.newBuilder().setCodec(codec)
        .putAllParameters(parameters).setRoundSeed(seed)).build();
  }

  private static CompressedVector wire(ClientUpdate u) {
    return new CompressedVector(u.getCompressed().getCodec(), u.getCompressed().getDimension(),
        u.getCompressed().getEncoded().toByteArray());
  }

  @Test
  void attach_noCompression_sendsDense() {
    UpdatePayloads p = new UpdatePayloads(1);
    ClientUpdate u = p.attach(ClientUpdate.newBuilder(), RoundPlan.getDefaultInstance(), vector(10)).build();
    assertThat(u.getPayloadCase()).isEqualTo(ClientUpdate.PayloadCase.DENSE);
    assertThat(p.sentBytes()).isEqualTo(p.denseBytes()).isEqualTo(40);
  }

  @Test
  void attach_sharedRandK_carriesThePlansRoundSeedAndTenPercent() {
    UpdatePayloads p = new UpdatePayloads(1);
    ClientUpdate u = p.attach(ClientUpdate.newBuilder(),
        plan("randk", Map.of("ratio", "0.1", "seed", "shared"), 1234L), vector(1000)).build();
    CompressedVector c = wire(u);
    assertThat(c.codec()).isEqualTo("randk");
    assertThat(Compressors.sharedRoundSeedOf(c)).hasValue(1234L);
    assertThat(c.fractionOfDense()).isLessThanOrEqualTo(0.15);
    assertThat(p.sentBytes()).isEqualTo(c.encodedBytes());
    assertThat(p.denseBytes()).isEqualTo(4000);
  }

  @Test
  void attach_topK_keepsErrorFeedbackAcrossRounds() {
    UpdatePayloads p = new UpdatePayloads(1);
    RoundPlan plan = plan("topk", Map.of("k", "1"), 0);
    float[] x = {1f, 0.6f};
    float[] first = Compressors.decoderFor("topk").decompress(wire(p.attach(ClientUpdate.newBuilder(), plan, x).build()));
    float[] second = Compressors.decoderFor("topk").decompress(wire(p.attach(ClientUpdate.newBuilder(), plan, x).build()));
    // round 1 sends coordinate 0 and keeps 0.6 as residual; round 2 sees (1, 1.2) and sends coordinate 1
    assertThat(first).containsExactly(1f, 0f);
    assertThat(second).containsExactly(0f, 1.2f);
  }
}
