package dev.rampart.coordinator.internal;

import dev.rampart.protocol.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The coordinator's reader of the job's secagg topic: every partition, manually assigned, from the
 * end at the time a secure round opens (a round never reuses an earlier round's messages).
 *
 * <p>Not thread-safe: the coordinator's thread owns it.
 */
final class SecAggFeed implements AutoCloseable {
  private final TopicNames topics;
  private final KafkaConsumer<String, byte[]> consumer;
  private final AtomicBoolean closed = new AtomicBoolean();
  private boolean assigned;

  SecAggFeed(Map<String, Object> kafka, TopicNames topics) {
    this.topics = topics;
    Map<String, Object> p = new HashMap<>(kafka);
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, topics.prefix() + "." + topics.job() + ".coordinator.secagg");
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
  }

  /** Positions the reader at the current end of every partition; call before publishing a plan. */
  void seekToEnd() {
    if (!assigned) {
      consumer.assign(KafkaChannels.partitionsOf(consumer, topics.secagg()));
      assigned = true;
    }
    consumer.seekToEnd(consumer.assignment());
    consumer.assignment().forEach(consumer::position);
  }

  /** Key and value of the records that arrived within {@code timeout}. */
  List<Map.Entry<String, byte[]>> poll(Duration timeout) {
    List<Map.Entry<String, byte[]>> out = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
      out.add(Map.entry(r.key() == null ? "" : r.key(), r.value() == null ? new byte[0] : r.value()));
    }
    return out;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      consumer.close(Duration.ofSeconds(10));
    }
  }
}
