package dev.rampart.coordinator.internal;

import dev.rampart.protocol.TopicNames;
import dev.rampart.transport.KafkaTransport;
import dev.rampart.transport.RecordReader;
import dev.rampart.transport.TransportRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The coordinator's reader of the job's secagg topic: every partition, manually assigned, from the
 * end at the time a secure round opens (a round never reuses an earlier round's messages).
 *
 * <p>Not thread-safe: the coordinator's thread owns it; {@link #close()} is idempotent.
 */
final class SecAggFeed implements AutoCloseable {
  private final TopicNames topics;
  private final RecordReader reader;
  private boolean assigned;

  SecAggFeed(KafkaTransport transport, TopicNames topics) {
    this.topics = topics;
    this.reader = transport.reader(topics.prefix() + "." + topics.job() + ".coordinator.secagg");
  }

  /** Positions the reader at the current end of every partition; call before publishing a plan. */
  void seekToEnd() {
    if (!assigned) {
      reader.assign(reader.awaitPartitions(topics.secagg(), KafkaChannels.PARTITION_WAIT, () -> false,
          KafkaChannels.MISSING_TOPIC_HINT));
      assigned = true;
    }
    reader.seekToEnd();
  }

  /** Key and value of the records that arrived within {@code timeout}. */
  List<Map.Entry<String, byte[]>> poll(Duration timeout) {
    List<Map.Entry<String, byte[]>> out = new ArrayList<>();
    for (TransportRecord r : reader.poll(timeout)) {
      byte[] value = r.value();
      out.add(Map.entry(r.key() == null ? "" : r.key(), value == null ? new byte[0] : value));
    }
    return out;
  }

  @Override
  public void close() {
    reader.close();
  }
}
