package dev.rampart.client.internal;

import dev.rampart.protocol.TopicNames;
import dev.rampart.protocol.wire.Frame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A client's Kafka adapter for the job's secagg topic: a producer for its phase messages and a
 * reader of every partition from the beginning (so a restarted client sees the coordinator's
 * earlier lists again), returning only the records whose key the caller asks for.
 *
 * <p>Not thread-safe, except {@link #wakeup()}.
 */
public final class SecAggChannel implements AutoCloseable {

  private final TopicNames topics;
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, byte[]> consumer;
  private final AtomicBoolean closed = new AtomicBoolean();
  private boolean assigned;

  public SecAggChannel(Map<String, Object> kafka, TopicNames topics, String clientId) {
    this.topics = topics;
    Map<String, Object> p = new HashMap<>(kafka);
    p.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
    p.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, topics.prefix() + "." + topics.job() + ".client." + clientId + ".secagg");
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    Map<String, Object> c = new HashMap<>(kafka);
    c.remove(ConsumerConfig.GROUP_ID_CONFIG);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, topics.prefix() + "." + topics.job() + ".client." + clientId
        + ".secagg-reader");
    this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static final Duration METADATA_WAIT = Duration.ofSeconds(30);

  /** Values of the newly read records whose key equals {@code key}; empty after {@link #wakeup()}. */
  public List<byte[]> poll(String key, Duration timeout) {
    if (!assigned) {
      List<TopicPartition> partitions = TopicPartitions.await(consumer, topics.secagg(),
          METADATA_WAIT, closed::get, "; was it created?");
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      assigned = true;
    }
    List<byte[]> out = new ArrayList<>();
    try {
      for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
        if (key.equals(r.key()) && r.value() != null) {
          out.add(r.value());
        }
      }
    } catch (WakeupException e) {
      return List.of();
    }
    return out;
  }

  /** Sends one message's frames under {@code key} and waits for the broker's acknowledgement. */
  public void send(String key, List<Frame> frames) {
    FrameSender.send(producer, topics.secagg(), key, frames);
  }

  /** Makes a blocking {@link #poll} return early; safe from any thread. */
  public void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        producer.close(Duration.ofSeconds(10));
      } finally {
        consumer.close();
      }
    }
  }
}
