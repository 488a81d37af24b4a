package dev.rampart.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.rampart.aggregation.coding.WindowOrder;
import dev.rampart.cli.Main;
import dev.rampart.crypto.ChunkSigning;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Envelopes;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.FloatVectors;
import dev.rampart.protocol.Framing;
import dev.rampart.protocol.wire.ClientUpdate;
import dev.rampart.protocol.wire.CompressedVector;
import dev.rampart.protocol.wire.MessageType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodedScenarioTest {
  @Test
  void named_comLad_isLadWithSharedRandKAndRotatedWindows() {
    CodedScenario lad = CodedScenario.named("lad");
    CodedScenario com = CodedScenario.named("com-lad");
    assertThat(lad.compression()).isEqualTo("identity");
    assertThat(com.compression()).isEqualTo("randk(ratio=0.1,seed=shared)");
    assertThat(com.order()).isEqualTo(WindowOrder.ROTATED);
    assertThat(com.byzantine()).isEqualTo(lad.byzantine()).isPositive().isLessThanOrEqualTo(com.maxByzantine());
  }

  @Test
  void named_unknown_listsValidNames() {
    assertThatThrownBy(() -> CodedScenario.named("draco")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'draco'").hasMessageContaining("lad, com-lad");
  }

  @Test
  void execute_unknownScenario_exitsWithUsageError() {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true));
    try {
      assertThat(Main.execute("simulate", "--scenario", "nope")).isEqualTo(Main.EXIT_USAGE);
    } finally {
      System.setErr(err);
    }
    assertThat(captured.toString()).contains("unknown scenario 'nope'");
  }

  @Test
  void traffic_denseAndCompressedUpdates_talliedPerRoundFromRecords() {
    Identity client = Identity.generate("c", new SecureRandom());
    ClientUpdate dense = ClientUpdate.newBuilder().setRound(1).setDense(FloatVectors.toWire(new float[100])).build();
    ClientUpdate compressed = ClientUpdate.newBuilder().setRound(2).setCompressed(CompressedVector.newBuilder()
        .setCodec("randk").setDimension(100).setEncoded(ByteString.copyFrom(new byte[44]))).build();
    List<byte[]> values = List.of(record(client, dense), record(client, compressed), new byte[] {1, 2, 3});
    UpdateTraffic traffic = UpdateTraffic.of(values, ClientRegistry.empty().withClient("c", client.publicKey()));
    assertThat(traffic.perRound().get(1L).payloadBytes()).isEqualTo(400);
    assertThat(traffic.perRound().get(2L).payloadBytes()).isEqualTo(44);
    assertThat(traffic.total().updates()).isEqualTo(2);
    assertThat(traffic.total().compressedUpdates()).isEqualTo(1);
    assertThat(traffic.total().denseBytes()).isEqualTo(800);
    assertThat(traffic.perRound().get(2L).payloadFraction()).isEqualTo(0.11);
    assertThat(traffic.total().recordBytes()).isEqualTo(values.get(0).length + values.get(1).length);
  }

  private static byte[] record(Identity who, ClientUpdate u) {
    return Framing.frames(Envelopes.seal(who, MessageType.CLIENT_UPDATE, "job", u.getRound(), u.toByteArray(), 0),
        Framing.DEFAULT_MAX_FRAME_BYTES, 0, ChunkSigning.signer(who)).get(0).toByteArray();
  }
}
