package dev.rampart.transport.internal;

import dev.rampart.transport.Partition;
import dev.rampart.transport.RecordReader;
import dev.rampart.transport.TransportRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * {@link RecordReader} over a Kafka consumer. Not thread-safe, except {@link #wakeup()}; close is
 * idempotent.
 */
public final class KafkaRecordReader implements RecordReader {
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration RANGE_POLL = Duration.ofMillis(200);

  private final Consumer<String, byte[]> consumer;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Reads with {@code consumer}, which it then owns. */
  public KafkaRecordReader(Consumer<String, byte[]> consumer) {
    this.consumer = consumer;
  }

  @Override
  public List<Partition> awaitPartitions(String topic, Duration wait, BooleanSupplier stop, String hint) {
    return PartitionWait.await(consumer, topic, wait, () -> closed.get() || stop.getAsBoolean(), hint);
  }

  @Override
  public void assign(List<Partition> partitions) {
    consumer.assign(kafka(partitions));
  }

  @Override
  public List<Partition> assignment() {
    return consumer.assignment().stream().map(KafkaRecordReader::ours).toList();
  }

  @Override
  public void seekToBeginning(List<Partition> partitions) {
    consumer.seekToBeginning(kafka(partitions));
  }

  @Override
  public void seekToEnd() {
    consumer.seekToEnd(consumer.assignment());
    // Seeking is lazy; asking for the positions fixes them now, before anything new is written.
    consumer.assignment().forEach(consumer::position);
  }

  @Override
  public Map<Partition, Long> beginningOffsets(List<Partition> partitions) {
    return ours(consumer.beginningOffsets(kafka(partitions)));
  }

  @Override
  public Map<Partition, Long> endOffsets(List<Partition> partitions, Duration timeout) {
    return ours(consumer.endOffsets(kafka(partitions), timeout));
  }

  @Override
  public long position(Partition partition) {
    return consumer.position(kafka(partition));
  }

  @Override
  public List<TransportRecord> poll(Duration timeout) {
    ConsumerRecords<String, byte[]> records;
    try {
      records = consumer.poll(timeout);
    } catch (WakeupException e) {
      return List.of();
    }
    List<TransportRecord> out = new ArrayList<>(records.count());
    records.forEach(r -> out.add(ours(r)));
    return out;
  }

  @Override
  public List<TransportRecord> readRange(Partition partition, long from, long to, long deadlineNanos) {
    TopicPartition tp = kafka(partition);
    consumer.assign(List.of(tp));
    consumer.seek(tp, from);
    List<TransportRecord> out = new ArrayList<>();
    while (consumer.position(tp) < to && System.nanoTime() < deadlineNanos) {
      for (ConsumerRecord<String, byte[]> r : consumer.poll(RANGE_POLL).records(tp)) {
        if (r.offset() < to) {
          out.add(ours(r));
        }
      }
    }
    return out;
  }

  @Override
  public void commitPositions() {
    consumer.commitSync(positions());
  }

  @Override
  public void commitPositionsAsync(java.util.function.Consumer<Exception> onFailure) {
    consumer.commitAsync(positions(), (offsets, error) -> {
      if (error != null) {
        onFailure.accept(error);
      }
    });
  }

  private Map<TopicPartition, OffsetAndMetadata> positions() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : consumer.assignment()) {
      offsets.put(tp, new OffsetAndMetadata(consumer.position(tp)));
    }
    return offsets;
  }

  @Override
  public void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      consumer.close(CLOSE_TIMEOUT);
    }
  }

  private static TransportRecord ours(ConsumerRecord<String, byte[]> r) {
    return new TransportRecord(r.topic(), r.partition(), r.offset(), r.key(), r.value());
  }

  private static Partition ours(TopicPartition tp) {
    return new Partition(tp.topic(), tp.partition());
  }

  private static Map<Partition, Long> ours(Map<TopicPartition, Long> offsets) {
    Map<Partition, Long> out = new LinkedHashMap<>();
    offsets.forEach((tp, offset) -> out.put(ours(tp), offset));
    return out;
  }

  private static TopicPartition kafka(Partition p) {
    return new TopicPartition(p.topic(), p.number());
  }

  private static List<TopicPartition> kafka(List<Partition> partitions) {
    return partitions.stream().map(KafkaRecordReader::kafka).toList();
  }
}
