package dev.rampart.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.protocol.RampartException;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.Frame;
import dev.rampart.transport.ChunkKeys;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaFramePublisherTest {
  private static Frame frame(String job) {
    return Frame.newBuilder().setEnvelope(Envelope.newBuilder().setJobId(job)).build();
  }

  private static MockProducer<String, byte[]> producer(boolean autoComplete) {
    return new MockProducer<>(autoComplete, null, new StringSerializer(), new ByteArraySerializer());
  }

  @Test
  void send_perChunk_keysEveryFrameByIndexInOrder() {
    MockProducer<String, byte[]> mock = producer(true);
    KafkaFramePublisher publisher = new KafkaFramePublisher(mock, Duration.ofSeconds(5));

    publisher.send("job.models", "v1", List.of(frame("a"), frame("b"), frame("c")), ChunkKeys.PER_CHUNK);

    assertThat(mock.history()).extracting(ProducerRecord::key).containsExactly("v1#0", "v1#1", "v1#2");
    assertThat(mock.history()).extracting(ProducerRecord::topic).containsOnly("job.models");
    assertThat(mock.history().get(1).value()).isEqualTo(frame("b").toByteArray());
  }

  @Test
  void send_shared_keepsOneKey() {
    MockProducer<String, byte[]> mock = producer(true);
    KafkaFramePublisher publisher = new KafkaFramePublisher(mock, Duration.ofSeconds(5));

    publisher.send("job.updates", "client-0", List.of(frame("a"), frame("b")), ChunkKeys.SHARED);

    assertThat(mock.history()).extracting(ProducerRecord::key).containsExactly("client-0", "client-0");
  }

  @Test
  void send_brokerRefuses_failsNamingTopicAndKey() {
    MockProducer<String, byte[]> mock = producer(false);
    KafkaFramePublisher publisher = new KafkaFramePublisher(mock, Duration.ofSeconds(5));
    CompletableFuture.runAsync(() -> {
      while (!mock.errorNext(new IllegalStateException("not leader"))) {
        Thread.onSpinWait();
      }
    });

    assertThatThrownBy(() -> publisher.send("job.plans", "7", List.of(frame("a")), ChunkKeys.SHARED))
        .isInstanceOf(RampartException.class)
        .hasMessageContaining("job.plans").hasMessageContaining("key 7").hasMessageContaining("not leader");
  }

  @Test
  void send_noAcknowledgementInTime_failsNamingTopicAndKey() {
    KafkaFramePublisher publisher = new KafkaFramePublisher(producer(false), Duration.ofMillis(20));

    assertThatThrownBy(() -> publisher.send("job.secagg", "r1/g0", List.of(frame("a")), ChunkKeys.SHARED))
        .isInstanceOf(RampartException.class)
        .hasMessageContaining("cannot publish to job.secagg (key r1/g0)");
  }

  @Test
  void sendWithoutWaiting_thenFlush_hasTheRecord() {
    MockProducer<String, byte[]> mock = producer(false);
    KafkaFramePublisher publisher = new KafkaFramePublisher(mock, Duration.ofSeconds(5));

    publisher.sendWithoutWaiting("job.audit", "3", new byte[] {1});
    publisher.flush();

    assertThat(mock.history()).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo("3"));
  }

  @Test
  void close_twice_closesTheProducerOnce() {
    MockProducer<String, byte[]> mock = producer(true);
    KafkaFramePublisher publisher = new KafkaFramePublisher(mock, Duration.ofSeconds(5));

    publisher.close();
    publisher.close();

    assertThat(mock.closed()).isTrue();
  }
}
