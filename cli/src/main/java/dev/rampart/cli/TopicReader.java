package dev.rampart.cli;

import dev.rampart.protocol.RampartException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every record value of a topic, all partitions, from the beginning to the current end.
 * Stateless and thread-safe; each call opens and closes its own consumer.
 */
public final class TopicReader {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private TopicReader() {}

  /**
   * The values of every record in {@code topic}, partition by partition, up to the end offsets seen
   * when the call starts.
   *
   * @throws IllegalArgumentException naming the topic and cluster when it is missing or unreachable
   *     within 60 s
   */
  public static List<byte[]> values(String bootstrap, String topic) {
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
      if (infos == null || infos.isEmpty()) {
        throw new IllegalArgumentException("topic " + topic + " does not exist on " + bootstrap);
      }
      List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
      List<byte[]> out = new ArrayList<>();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new RampartException("reading " + topic + " from " + bootstrap + " took longer than " + TIMEOUT);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
      }
      return out;
    } catch (TimeoutException e) {
      throw new IllegalArgumentException("cannot read topic " + topic + " from Kafka at " + bootstrap + " within "
          + TIMEOUT + " (unreachable cluster or missing topic)");
    }
  }
}
