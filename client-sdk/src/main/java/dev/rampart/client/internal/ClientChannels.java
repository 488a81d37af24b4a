package dev.rampart.client.internal;

import dev.rampart.protocol.RampartException;
import dev.rampart.protocol.TopicNames;
import dev.rampart.protocol.wire.Frame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
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
 * A client's Kafka adapter: its own producer for updates and its own consumer reading the plans,
 * models and (coded mode) shards topics from the beginning (manual assignment, no consumer group, so clients never
 * rebalance each other).
 *
 * <p>Not thread-safe, except {@link #wakeup()}, which any thread may call to end a blocking poll.
 */
public final class ClientChannels implements AutoCloseable {
  private static final Duration METADATA_WAIT = Duration.ofSeconds(60);

  private final TopicNames topics;
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, byte[]> consumer;
  private final AtomicBoolean closed = new AtomicBoolean();
  private Map<TopicPartition, Long> catchUpTo = Map.of();
  private boolean caughtUp;

  public ClientChannels(Map<String, Object> kafka, TopicNames topics, String clientId) {
    this.topics = topics;
    Map<String, Object> p = new HashMap<>(kafka);
    p.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
    p.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
    p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, topics.prefix() + "." + topics.job() + ".client." + clientId);
    this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    Map<String, Object> c = new HashMap<>(kafka);
    c.remove(ConsumerConfig.GROUP_ID_CONFIG);
    c.putIfAbsent(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, topics.prefix() + "." + topics.job() + ".client." + clientId + ".reader");
    this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * Assigns every partition of the plans and models topics and starts from their beginning. Waits
   * up to a minute for the coordinator to create the topics.
   */
  public void open() {
    List<TopicPartition> partitions = new ArrayList<>();
    partitions.addAll(partitionsOf(topics.plans()));
    partitions.addAll(partitionsOf(topics.models()));
    partitions.addAll(partitionsOf(topics.shards()));
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    catchUpTo = consumer.endOffsets(partitions, METADATA_WAIT);
  }

  /**
   * Whether everything that was on the plans and models topics when {@link #open()} ran has been
   * read. A client restarted mid-job acts only on the newest state, never on a stale plan it meets
   * on the way (such as the final plan of an earlier run of the job).
   */
  public boolean caughtUp() {
    if (!caughtUp) {
      caughtUp = catchUpTo.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
    return caughtUp;
  }

  private List<TopicPartition> partitionsOf(String topic) {
    return TopicPartitions.await(consumer, topic, METADATA_WAIT, closed::get,
        "; is the coordinator running for job " + topics.job() + "?");
  }

  /** Reads the values of new plan and model records; empty after {@link #wakeup()}. */
  public List<byte[]> poll(Duration timeout) {
    ConsumerRecords<String, byte[]> records;
    try {
      records = consumer.poll(timeout);
    } catch (WakeupException e) {
      return List.of();
    }
    List<byte[]> values = new ArrayList<>(records.count());
    records.forEach(r -> values.add(r.value()));
    return values;
  }

  /** Sends an update's frames keyed by client id and waits for the broker's acknowledgement. */
  public void sendUpdate(String clientId, List<Frame> frames) {
    FrameSender.send(producer, topics.updates(), clientId, frames);
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
