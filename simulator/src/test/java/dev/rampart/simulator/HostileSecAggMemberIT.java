package dev.rampart.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.client.LocalUpdate;
import dev.rampart.client.SecureSessionHook;
import dev.rampart.client.UpdateTransform;
import dev.rampart.coordinator.Rejection;
import dev.rampart.coordinator.RoundSummary;
import dev.rampart.coordinator.SecureAggregation;
import dev.rampart.coordinator.SecureGroupResult;
import dev.rampart.crypto.ChunkSigning;
import dev.rampart.crypto.Envelopes;
import dev.rampart.crypto.Identity;
import dev.rampart.crypto.secagg.MessageKind;
import dev.rampart.crypto.secagg.internal.WireWriter;
import dev.rampart.protocol.Framing;
import dev.rampart.protocol.RejectionReason;
import dev.rampart.protocol.SecAggRecordKeys;
import dev.rampart.protocol.TopicNames;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.Frame;
import dev.rampart.protocol.wire.MessageType;
import dev.rampart.testkit.KafkaFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An enrolled client sends, in a correctly signed SECAGG envelope on its own record key, a
 * KEY_LIST nested 9,000 deep, then takes part honestly. The coordinator rejects the hostile
 * message as malformed; every group of the round, the hostile member's own included, unmasks and
 * the round commits.
 */
class HostileSecAggMemberIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();

  private static final int CLIENTS = 9;
  private static final int DIMENSION = 4;
  private static final int DEPTH = 9000;

  @Test
  void round_memberSendsDeeplyNestedKeyList_rejectedAsMalformedAndEveryGroupUnmasks() throws Exception {
    List<SecureGroupResult> groups = new CopyOnWriteArrayList<>();
    try (JobHarness h = new JobHarness("hostile-secagg-it", KAFKA.bootstrapServers(), CLIENTS)) {
      Identity hostile = h.clients.get(CLIENTS - 1);
      for (Identity id : h.clients) {
        SecureSessionHook hook = id == hostile ? new NestingAttack(h, hostile) : SecureSessionHook.none();
        h.startClient(h.clientConfigBuilder(id).secureSessionHook(hook).build(),
            (model, params, round) -> new LocalUpdate(filled(0.25f), 10, 1f), UpdateTransform.identity());
      }
      SecureAggregation secure = SecureAggregation.builder().groupSize(3).clip(1.0)
          .phaseTimeout(Duration.ofSeconds(15)).listener(groups::add).build();
      h.runCoordinator(h.config(new float[DIMENSION], 1).roundTimeout(Duration.ofSeconds(75)).aggregation("median").secureAggregation(secure).build(),
          s -> { });
      h.awaitClients();

      RoundSummary round = h.rounds.get(0);
      assertThat(round.committed()).isTrue();
      assertThat(groups).hasSize(CLIENTS / 3).allSatisfy(g -> assertThat(g.succeeded()).isTrue());
      assertThat(round.rejections()).filteredOn(r -> r.reason() == RejectionReason.MALFORMED)
          .extracting(Rejection::claimedSender).containsExactly(hostile.id());
    }
  }

  private static float[] filled(float value) {
    float[] v = new float[DIMENSION];
    Arrays.fill(v, value);
    return v;
  }

  /** Before the member's honest P0, publishes the nested KEY_LIST under its own signed envelope. */
  private static final class NestingAttack implements SecureSessionHook {
    private final JobHarness harness;
    private final Identity member;

    NestingAttack(JobHarness harness, Identity member) {
      this.harness = harness;
      this.member = member;
    }

    @Override
    public void encoded(long round, int groupId, int[] encodedInput) {
      Envelope envelope = Envelopes.seal(member, MessageType.SECAGG, harness.job.value(), round, nested(DEPTH),
          System.currentTimeMillis());
      List<Frame> frames = Framing.frames(envelope, Framing.DEFAULT_MAX_FRAME_BYTES, 0,
          ChunkSigning.signer(member));
      try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
          Map.of("bootstrap.servers", harness.bootstrap), new StringSerializer(), new ByteArraySerializer())) {
        for (Frame f : frames) {
          producer.send(new ProducerRecord<>(TopicNames.of(harness.job).secagg(),
              SecAggRecordKeys.fromClient(round, groupId, member.id()), f.toByteArray()));
        }
        producer.flush();
      }
    }
  }

  /** A KEY_LIST holding a KEY_LIST … {@code depth} times, each with a minimal header. */
  static byte[] nested(int depth) {
    byte[] wire = new byte[0];
    for (int i = 0; i < depth; i++) {
      WireWriter w = new WireWriter(wire.length + 128);
      w.raw("RSAG".getBytes(StandardCharsets.US_ASCII)).u8(1).u8(MessageKind.KEY_LIST.code()).string("j").i64(1)
          .i32(0).bytes(new byte[0]).string("c").i32(i == 0 ? 0 : 1);
      if (i > 0) {
        w.bytes(wire);
      }
      wire = w.bytes(new byte[64]).toByteArray();
    }
    return wire;
  }
}
