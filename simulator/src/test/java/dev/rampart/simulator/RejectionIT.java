package dev.rampart.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.rampart.client.LocalUpdate;
import dev.rampart.coordinator.JobSummary;
import dev.rampart.coordinator.Rejection;
import dev.rampart.coordinator.RoundSummary;
import dev.rampart.crypto.Envelopes;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.FloatVectors;
import dev.rampart.protocol.ChunkSigner;
import dev.rampart.protocol.Framing;
import dev.rampart.protocol.RejectionReason;
import dev.rampart.protocol.TopicNames;
import dev.rampart.protocol.wire.ClientUpdate;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.Frame;
import dev.rampart.protocol.wire.MessageType;
import dev.rampart.protocol.wire.RoundPlan;
import dev.rampart.testkit.KafkaFixture;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * During round 2 an attacker publishes, through the real broker, a tampered signature, an update
 * signed by an unenrolled key, a replay of an honest client's round-1 update and a second update
 * from an enrolled client. Each is refused with its own reason; the round commits with every
 * honest update.
 */
class RejectionIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();
  private static final int DIMENSION = 8;

  @Test
  void round_withFourKindsOfBadUpdate_rejectsEachWithDistinctReasonAndKeepsHonestUpdates() throws Exception {
    CountDownLatch attackDone = new CountDownLatch(1);
    try (JobHarness h = new JobHarness("rejection-it", KAFKA.bootstrapServers(), 3)) {
      Identity mallory = h.enroll(Identity.generate("mallory", new SecureRandom()));
      Identity eve = Identity.generate("eve", new SecureRandom());
      TopicNames topics = TopicNames.of(h.job);
      for (int i = 0; i < 3; i++) {
        boolean last = i == 2;
        h.startClient(h.clients.get(i), (model, params, round) -> {
          if (last && round == 2) {
            await(attackDone);
          }
          return new LocalUpdate(filled(0.01f), 10, 1f);
        });
      }
      java.util.concurrent.atomic.AtomicReference<Throwable> attackFailure = new java.util.concurrent.atomic.AtomicReference<>();
      h.submit(() -> {
        try {
          attack(h, topics, mallory, eve, attackDone);
        } catch (Throwable t) {
          attackFailure.set(t);
        }
      });
      JobSummary job = h.runCoordinator(h.config(new float[DIMENSION], 2).build(), s -> { });
      h.awaitClients();
      assertThat(attackFailure.get()).as("attacker thread failure").isNull();

      RoundSummary round2 = h.rounds.get(1);
      assertThat(round2.committed()).isTrue();
      assertThat(round2.accepted()).extracting(c -> c.value())
          .containsExactlyInAnyOrder("client-0", "client-1", "client-2", "mallory");
      assertThat(round2.rejections()).extracting(Rejection::reason).containsExactlyInAnyOrder(
          RejectionReason.BAD_SIGNATURE, RejectionReason.UNKNOWN_CLIENT, RejectionReason.PAST_ROUND,
          RejectionReason.DUPLICATE);
      assertThat(round2.rejections()).extracting(Rejection::claimedSender)
          .containsExactlyInAnyOrder("mallory", "eve", "client-0", "mallory");
      assertThat(job.rejectionsByReason()).containsEntry(RejectionReason.DUPLICATE, 1L);
      assertThat(h.rounds.get(0).rejections()).isEmpty();
    }
  }

  private static void attack(JobHarness h, TopicNames topics, Identity mallory, Identity eve, CountDownLatch done) {
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", h.bootstrap),
        new StringSerializer(), new ByteArraySerializer())) {
      RoundPlan first = awaitPlan(h.bootstrap, topics.plans(), 1);
      send(producer, topics, "mallory", seal(mallory, h, 1, first.getModelDigest().toByteArray(), 0.01f));
      RoundPlan plan = awaitPlan(h.bootstrap, topics.plans(), 2);
      byte[] replay = firstUpdateOf(h.bootstrap, topics.updates(), "client-0");
      byte[] digest = plan.getModelDigest().toByteArray();

      Envelope tampered = seal(mallory, h, digest, 0.5f);
      byte[] sig = tampered.getSignature().toByteArray();
      sig[0] ^= 1;
      send(producer, topics, "mallory", tampered.toBuilder().setSignature(ByteString.copyFrom(sig)).build());
      send(producer, topics, "eve", seal(eve, h, digest, 0.5f));
      producer.send(new ProducerRecord<>(topics.updates(), "client-0", replay)).get();
      send(producer, topics, "mallory", seal(mallory, h, digest, 0.01f));
      send(producer, topics, "mallory", seal(mallory, h, digest, 9f));
      producer.flush();
    } catch (Exception e) {
      throw new AssertionError("attacker failed", e);
    } finally {
      done.countDown();
    }
  }

  private static Envelope seal(Identity who, JobHarness h, byte[] digest, float value) {
    return seal(who, h, 2, digest, value);
  }

  private static Envelope seal(Identity who, JobHarness h, long round, byte[] digest, float value) {
    ClientUpdate update = ClientUpdate.newBuilder().setJobId(h.job.value()).setRound(round)
        .setBaseModelDigest(ByteString.copyFrom(digest)).setSampleCount(10).setTrainLoss(1f)
        .setDense(FloatVectors.toWire(filled(value))).build();
    return Envelopes.seal(who, MessageType.CLIENT_UPDATE, h.job.value(), round, update.toByteArray(), 0);
  }

  private static void send(KafkaProducer<String, byte[]> producer, TopicNames topics, String key, Envelope e)
      throws Exception {
    ChunkSigner wholeEnvelopesOnly = chunk -> {
      throw new IllegalStateException("the updates of this test fit one frame");
    };
    for (Frame f : Framing.frames(e, Framing.DEFAULT_MAX_FRAME_BYTES, 0, wholeEnvelopesOnly)) {
      producer.send(new ProducerRecord<>(topics.updates(), key, f.toByteArray())).get();
    }
  }

  private static RoundPlan awaitPlan(String bootstrap, String topic, long round) throws Exception {
    for (ConsumerRecord<String, byte[]> r : readUntil(bootstrap, topic,
        rec -> Frame.parseFrom(rec.value()).getEnvelope().getRound() == round)) {
      Envelope e = Frame.parseFrom(r.value()).getEnvelope();
      if (e.getRound() == round) {
        return RoundPlan.parseFrom(e.getBody());
      }
    }
    throw new AssertionError("no plan for round " + round);
  }

  private static byte[] firstUpdateOf(String bootstrap, String topic, String client) throws Exception {
    for (ConsumerRecord<String, byte[]> r : readUntil(bootstrap, topic, rec -> client.equals(rec.key()))) {
      if (client.equals(r.key())) {
        return r.value();
      }
    }
    throw new AssertionError("no update from " + client);
  }

  interface Check {
    boolean test(ConsumerRecord<String, byte[]> record) throws Exception;
  }

  private static List<ConsumerRecord<String, byte[]>> readUntil(String bootstrap, String topic, Check found)
      throws Exception {
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      List<ConsumerRecord<String, byte[]>> seen = new java.util.ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          seen.add(r);
          if (found.test(r)) {
            return seen;
          }
        }
      }
      throw new AssertionError("nothing matching on " + topic);
    }
  }

  private static float[] filled(float value) {
    float[] v = new float[DIMENSION];
    java.util.Arrays.fill(v, value);
    return v;
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(60, TimeUnit.SECONDS)) {
        throw new AssertionError("attacker did not finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
