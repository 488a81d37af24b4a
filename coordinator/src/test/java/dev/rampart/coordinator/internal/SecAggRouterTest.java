package dev.rampart.coordinator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.coordinator.CoordinatorConfig;
import dev.rampart.crypto.ChunkSigning;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Digests;
import dev.rampart.crypto.Envelopes;
import dev.rampart.crypto.Identity;
import dev.rampart.crypto.secagg.SecAggException;
import dev.rampart.protocol.Framing;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.RejectionReason;
import dev.rampart.protocol.SecAggRecordKeys;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.MessageType;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecAggRouterTest {
  private static Identity identity(String id) {
    return Identity.fromPrivateKey(id, Digests.sha256(id.getBytes(StandardCharsets.UTF_8)));
  }

  private static CoordinatorConfig config() {
    ClientRegistry registry = ClientRegistry.empty();
    for (int i = 0; i < 4; i++) {
      registry = registry.withClient("client-" + i, identity("client-" + i).publicKey());
    }
    return CoordinatorConfig.builder().job(JobId.of("job")).bootstrapServers("localhost:9092")
        .identity(identity("coordinator")).registry(registry).initialModel(new float[3])
        .aggregation("median").maxByzantine(0).build();
  }

  private static Map.Entry<String, byte[]> record(String sender, String job) {
    Envelope e = Envelopes.seal(identity(sender), MessageType.SECAGG, job, 1, new byte[] {7, 7}, 0);
    return Map.entry(SecAggRecordKeys.fromClient(1, 0, sender),
        Framing.frames(e, Framing.DEFAULT_MAX_FRAME_BYTES, 0, ChunkSigning.signer(identity(sender))).get(0).toByteArray());
  }

  @Test
  void handleGuarded_decoderOverflowsTheStack_rejectsAsMalformedAndHandlesTheNextRecord() {
    SecAggRouter router = new SecAggRouter(null, null, config(), InstantSource.system(), body -> {
      throw new StackOverflowError();
    });
    RejectionLedger rejections = new RejectionLedger(1);

    router.handleGuarded(1, record("client-1", "job"), Map.of(), rejections);
    router.handleGuarded(1, record("client-2", "other-job"), Map.of(), rejections);

    assertThat(rejections.counts()).containsOnly(Map.entry(RejectionReason.MALFORMED, 1L),
        Map.entry(RejectionReason.WRONG_TYPE, 1L));
    assertThat(rejections.retained().get(0).detail()).contains("java.lang.StackOverflowError");
  }

  /**
   * A masked input's one signature is its envelope's (the server takes it as authenticated): an
   * envelope naming client-1 but signed with client-2's key is rejected before its body is read.
   */
  @Test
  void handleGuarded_envelopeNotSignedByItsSender_rejectedBeforeTheBodyIsDecoded() {
    List<byte[]> decoded = new ArrayList<>();
    SecAggRouter router = new SecAggRouter(null, null, config(), InstantSource.system(), body -> {
      decoded.add(body);
      throw new SecAggException("not reached");
    });
    RejectionLedger rejections = new RejectionLedger(1);
    Envelope forged = Envelopes.seal(identity("client-2"), MessageType.SECAGG, "job", 1, new byte[] {7, 7}, 0)
        .toBuilder().setSender("client-1").build();
    byte[] frame = Framing.frames(forged, Framing.DEFAULT_MAX_FRAME_BYTES, 0,
        ChunkSigning.signer(identity("client-1"))).get(0).toByteArray();

    router.handleGuarded(1, Map.entry(SecAggRecordKeys.fromClient(1, 0, "client-1"), frame), Map.of(), rejections);

    assertThat(rejections.counts()).containsOnly(Map.entry(RejectionReason.BAD_SIGNATURE, 1L));
    assertThat(decoded).isEmpty();
  }
}
