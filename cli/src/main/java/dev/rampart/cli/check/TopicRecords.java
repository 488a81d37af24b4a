package dev.rampart.cli.check;

import dev.rampart.protocol.RampartException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every record of a topic, all partitions, from the beginning to the end offsets seen when the
 * read starts, with where it was and its timestamp. Stateless; each call opens its own consumer
 * (no group, nothing committed).
 */
public final class TopicRecords {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /**
   * One record.
   *
   * @param partition its partition
   * @param offset its offset
   * @param timestampMs its Kafka timestamp (the producer's create time unless the topic says otherwise)
   * @param key its key, null when none
   * @param value its value, null for a tombstone
   */
  public record Entry(int partition, long offset, long timestampMs, String key, byte[] value) {
    /** {@code topic-partition@offset}. */
    public String where(String topic) {
      return topic + "-" + partition + "@" + offset;
    }
  }

  private TopicRecords() {}

  /**
   * Reads {@code topic} whole.
   *
   * @param kafka consumer properties, {@code bootstrap.servers} included
   * @throws IllegalArgumentException naming the topic when it is missing or the cluster unreachable
   */
  public static List<Entry> read(Map<String, Object> kafka, String topic) {
    Map<String, Object> props = new HashMap<>(kafka);
    props.putIfAbsent("max.partition.fetch.bytes", 8 << 20);
    try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
      if (infos == null || infos.isEmpty()) {
        throw new IllegalArgumentException("topic " + topic + " does not exist on " + kafka.get("bootstrap.servers"));
      }
      List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
      List<Entry> out = new ArrayList<>();
      long deadline = System.nanoTime() + TIMEOUT.toNanos() * 5;
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new RampartException("reading " + topic + " took longer than " + TIMEOUT.multipliedBy(5));
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(new Entry(r.partition(), r.offset(), r.timestamp(), r.key(), r.value()));
        }
      }
      return out;
    } catch (TimeoutException e) {
      throw new IllegalArgumentException("cannot read topic " + topic + " from Kafka at " + kafka.get("bootstrap.servers")
          + " within " + TIMEOUT + " (unreachable cluster or missing topic)");
    }
  }
}
