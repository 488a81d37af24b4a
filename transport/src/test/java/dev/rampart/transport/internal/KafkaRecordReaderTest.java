package dev.rampart.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.protocol.RampartException;
import dev.rampart.transport.Partition;
import dev.rampart.transport.TransportRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class KafkaRecordReaderTest {
  private static final TopicPartition TP = new TopicPartition("job.plans", 0);

  private static MockConsumer<String, byte[]> consumer() {
    MockConsumer<String, byte[]> c = new MockConsumer<>("earliest");
    c.updatePartitions("job.plans", List.of(new PartitionInfo("job.plans", 0, null, null, null)));
    c.updateBeginningOffsets(Map.of(TP, 0L));
    c.updateEndOffsets(Map.of(TP, 2L));
    return c;
  }

  @Test
  void poll_handsOnTopicPartitionOffsetKeyAndValue() {
    MockConsumer<String, byte[]> mock = consumer();
    KafkaRecordReader reader = new KafkaRecordReader(mock);
    List<Partition> partitions = reader.awaitPartitions("job.plans", Duration.ofSeconds(1), () -> false, "");
    reader.assign(partitions);
    reader.seekToBeginning(partitions);
    mock.addRecord(new ConsumerRecord<>("job.plans", 0, 0, "1", new byte[] {7}));
    mock.addRecord(new ConsumerRecord<>("job.plans", 0, 1, null, null));

    List<TransportRecord> read = reader.poll(Duration.ofMillis(10));

    assertThat(partitions).containsExactly(new Partition("job.plans", 0));
    assertThat(read).containsExactly(new TransportRecord("job.plans", 0, 0, "1", new byte[] {7}),
        new TransportRecord("job.plans", 0, 1, null, null));
    assertThat(reader.position(partitions.get(0))).isEqualTo(2);
    assertThat(reader.endOffsets(partitions, Duration.ofSeconds(1))).containsEntry(partitions.get(0), 2L);
  }

  @Test
  void poll_afterWakeup_returnsEmpty() {
    KafkaRecordReader reader = new KafkaRecordReader(consumer());
    reader.assign(List.of(new Partition("job.plans", 0)));
    reader.seekToBeginning(List.of(new Partition("job.plans", 0)));

    reader.wakeup();

    assertThat(reader.poll(Duration.ofMillis(10))).isEmpty();
  }

  @Test
  void awaitPartitions_unknownTopic_failsNamingTopicWaitAndHint() {
    KafkaRecordReader reader = new KafkaRecordReader(consumer());

    assertThatThrownBy(() -> reader.awaitPartitions("job.missing", Duration.ofMillis(150), () -> false,
        "; was it created?"))
        .isInstanceOf(RampartException.class)
        .hasMessage("topic job.missing has no partitions after PT0.15S; was it created?");
  }

  @Test
  void awaitPartitions_stopSaysSo_failsWithoutWaitingTheFullTime() {
    KafkaRecordReader reader = new KafkaRecordReader(consumer());
    long start = System.nanoTime();

    assertThatThrownBy(() -> reader.awaitPartitions("job.missing", Duration.ofMinutes(5), () -> true, ""))
        .isInstanceOf(RampartException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMinutes(1));
  }

  @Test
  void readRange_returnsOnlyOffsetsBelowTheEnd() {
    MockConsumer<String, byte[]> mock = consumer();
    KafkaRecordReader reader = new KafkaRecordReader(mock);
    mock.schedulePollTask(() -> {
      mock.addRecord(new ConsumerRecord<>("job.plans", 0, 0, "a", new byte[] {0}));
      mock.addRecord(new ConsumerRecord<>("job.plans", 0, 1, "b", new byte[] {1}));
    });

    List<TransportRecord> read = reader.readRange(new Partition("job.plans", 0), 0, 1,
        System.nanoTime() + Duration.ofSeconds(5).toNanos());

    assertThat(read).extracting(TransportRecord::key).containsExactly("a");
  }

  @Test
  void close_twice_closesTheConsumerOnce() {
    MockConsumer<String, byte[]> mock = consumer();
    KafkaRecordReader reader = new KafkaRecordReader(mock);

    reader.close();
    reader.close();

    assertThat(mock.closed()).isTrue();
  }
}
