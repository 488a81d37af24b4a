package dev.rampart.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.client.LocalUpdate;
import dev.rampart.coordinator.JobSummary;
import dev.rampart.protocol.FloatVectors;
import dev.rampart.protocol.TopicNames;
import dev.rampart.protocol.wire.Frame;
import dev.rampart.testkit.KafkaFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 5,000,000-parameter model (20 MB) and an update of the same size cross a broker that keeps
 * Kafka's default 1 MiB record limit: both are chunked and come back bit-exact.
 */
class ChunkedModelIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();
  private static final int DIMENSION = 5_000_000;

  @Test
  void run_twentyMegabyteModel_isChunkedAndReassembledBitExact() throws Exception {
    float[] initial = randomVector(DIMENSION, 11);
    float[] update = randomVector(DIMENSION, 12);
    AtomicReference<float[]> received = new AtomicReference<>();
    try (JobHarness h = new JobHarness("chunked-it", KAFKA.bootstrapServers(), 1)) {
      h.startClient(h.clients.get(0), (model, params, round) -> {
        received.set(model.clone());
        return new LocalUpdate(update, 1, 0f);
      });
      JobSummary job = h.runCoordinator(h.config(initial, 1).build(), s -> { });
      h.awaitClients();

      assertThat(job.acceptedUpdates()).isEqualTo(1);
      assertThat(received.get()).as("model as the client reassembled it").isEqualTo(initial);
      float[] expected = new float[DIMENSION];
      for (int j = 0; j < DIMENSION; j++) {
        expected[j] = initial[j] - 1.0f * update[j];
      }
      assertThat(FloatVectors.digest(h.rounds.get(0).model())).isEqualTo(FloatVectors.digest(expected));
      assertThat(job.finalModelDigestHex()).isEqualTo(dev.rampart.protocol.Hex.of(FloatVectors.digest(expected)));

      int chunks = countChunks(TopicNames.of(h.job).models());
      assertThat(chunks).as("chunks of the two 20 MB model versions").isGreaterThanOrEqualTo(2 * 20);
    }
  }

  private static int countChunks(String topic) {
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", KAFKA.bootstrapServers()),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      int chunks = 0;
      while (consumer.position(tp) < end) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          assertThat(r.value().length).isLessThanOrEqualTo(1024 * 1024);
          chunks += parse(r.value()).hasChunk() ? 1 : 0;
        }
      }
      return chunks;
    }
  }

  private static Frame parse(byte[] value) {
    try {
      return Frame.parseFrom(value);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError("record on the models topic is not a frame", e);
    }
  }

  private static float[] randomVector(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }
}
