package dev.rampart.coordinator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.ByteString;
import dev.rampart.compression.CompressedVector;
import dev.rampart.compression.CompressionContext;
import dev.rampart.compression.Compressors;
import dev.rampart.protocol.FloatVectors;
import dev.rampart.protocol.RejectionReason;
import dev.rampart.protocol.wire.ClientUpdate;
import dev.rampart.protocol.wire.CompressionSpec;
import dev.rampart.protocol.wire.RoundPlan;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CompressionPlanTest {
  private static final int DIM = 200;
  private static final long ROUND = 4;
  private final CompressionPlan plan = CompressionPlan.of("randk(ratio=0.1,seed=shared)", 77);

  private static float[] vector() {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) Math.sin(i + 1.0);
    }
    return v;
  }

  private CompressionSpec spec(long round) {
    return plan.addSpec(RoundPlan.newBuilder(), round).getCompression();
  }

  private static ClientUpdate update(CompressedVector c) {
    return ClientUpdate.newBuilder().setCompressed(dev.rampart.protocol.wire.CompressedVector.newBuilder()
        .setCodec(c.codec()).setDimension(c.dimension()).setEncoded(ByteString.copyFrom(c.encoded()))).build();
  }

  /** What an honest client sends: the plan's codec and parameters, with the plan's round seed. */
  private ClientUpdate honest(long round) {
    CompressionSpec s = spec(round);
    return update(Compressors.create(s.getCodec(), s.getParametersMap())
        .compress(vector(), CompressionContext.seeded(1).withRoundSeed(s.getRoundSeed())));
  }

  @Test
  void addSpec_sharedRandK_publishesCodecParametersAndPerRoundSeed() {
    assertThat(spec(ROUND).getCodec()).isEqualTo("randk");
    assertThat(spec(ROUND).getParametersMap()).containsEntry("ratio", "0.1").containsEntry("seed", "shared");
    assertThat(spec(ROUND).getRoundSeed()).isEqualTo(plan.roundSeed(ROUND)).isNotEqualTo(plan.roundSeed(ROUND + 1));
    assertThat(Compressors.create("randk", spec(ROUND).getParametersMap()).spec()).isEqualTo(plan.spec());
  }

  @Test
  void decode_honestSharedRandK_returnsScaledKeptCoordinatesOnly() {
    CompressionPlan.Decoded d = plan.decode(honest(ROUND), ROUND, DIM);
    assertThat(d.refused()).isFalse();
    float[] x = vector();
    int[] kept = Compressors.sharedCoordinates(DIM, 20, plan.roundSeed(ROUND));
    assertThat(kept).hasSize(20);
    for (int i = 0; i < DIM; i++) {
      boolean isKept = Arrays.binarySearch(kept, i) >= 0;
      assertThat(d.vector()[i]).isCloseTo(isKept ? x[i] * DIM / 20f : 0f, within(1e-5f));
    }
    assertThat(d.encodedBytes()).isLessThanOrEqualTo((int) (0.15 * 4 * DIM));
  }

  @Test
  void decode_seedOfAnotherRound_isWrongRoundSeed() {
    CompressionPlan.Decoded d = plan.decode(honest(ROUND - 1), ROUND, DIM);
    assertThat(d.reason()).isEqualTo(RejectionReason.WRONG_ROUND_SEED);
    assertThat(d.detail()).contains("round " + ROUND);
  }

  @Test
  void decode_perClientRandK_isWrongRoundSeed() {
    ClientUpdate perClient = update(Compressors.parse("randk(ratio=0.1)").compress(vector(), CompressionContext.seeded(3)));
    assertThat(plan.decode(perClient, ROUND, DIM).reason()).isEqualTo(RejectionReason.WRONG_ROUND_SEED);
  }

  @Test
  void decode_otherCodecOrDense_isWrongCodec() {
    ClientUpdate qsgd = update(Compressors.qsgd(4).compress(vector(), CompressionContext.seeded(3)));
    ClientUpdate dense = ClientUpdate.newBuilder().setDense(FloatVectors.toWire(vector())).build();
    assertThat(plan.decode(qsgd, ROUND, DIM).reason()).isEqualTo(RejectionReason.WRONG_CODEC);
    assertThat(plan.decode(dense, ROUND, DIM).reason()).isEqualTo(RejectionReason.WRONG_CODEC);
    assertThat(CompressionPlan.none().decode(qsgd, ROUND, DIM).reason()).isEqualTo(RejectionReason.WRONG_CODEC);
  }

  @Test
  void decode_hugeDeclaredDimension_isRefusedBeforeDecoding() {
    ClientUpdate forged = honest(ROUND).toBuilder()
        .setCompressed(honest(ROUND).getCompressed().toBuilder().setDimension(Integer.MAX_VALUE)).build();
    CompressionPlan.Decoded d = plan.decode(forged, ROUND, DIM);
    assertThat(d.reason()).isEqualTo(RejectionReason.WRONG_DIMENSION);
    assertThat(d.detail()).contains("dimension=" + Integer.MAX_VALUE).contains("model has " + DIM);
  }

  @Test
  void decode_truncatedEncoding_isBadPayload() {
    ClientUpdate good = honest(ROUND);
    ByteString bytes = good.getCompressed().getEncoded();
    ClientUpdate truncated = good.toBuilder().setCompressed(good.getCompressed().toBuilder()
        .setEncoded(bytes.substring(0, bytes.size() - 5))).build();
    assertThat(plan.decode(truncated, ROUND, DIM).reason()).isEqualTo(RejectionReason.BAD_PAYLOAD);
  }

  @Test
  void decode_noCompressionConfigured_acceptsDenseForTheCaller() {
    ClientUpdate dense = ClientUpdate.newBuilder().setDense(FloatVectors.toWire(vector())).build();
    CompressionPlan.Decoded d = CompressionPlan.none().decode(dense, ROUND, DIM);
    assertThat(d.refused()).isFalse();
    assertThat(d.vector()).isNull();
    assertThat(CompressionPlan.of("identity", 1).addSpec(RoundPlan.newBuilder(), 1).hasCompression()).isFalse();
  }
}
