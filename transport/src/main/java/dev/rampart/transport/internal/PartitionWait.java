package dev.rampart.transport.internal;

import dev.rampart.protocol.RampartException;
import dev.rampart.transport.Partition;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;

/**
 * Waits for a topic's partitions to show in a consumer's metadata. Right after a topic is created,
 * or while it does not exist yet, the answer is empty; assigning that empty list would make the
 * next poll fail. Stateless and thread-safe (the consumer is the caller's).
 */
public final class PartitionWait {
  /** Longest a single metadata request may take. */
  static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);
  private static final long PAUSE_MILLIS = 100;

  private PartitionWait() {}

  /**
   * The partitions of {@code topic}, asking again until {@code wait} has passed or {@code stop}
   * says so.
   *
   * @throws RampartException naming the topic, the wait and the hint if none showed
   */
  public static List<Partition> await(Consumer<?, ?> consumer, String topic, Duration wait, BooleanSupplier stop,
      String hint) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, ASK_TIMEOUT);
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(i -> new Partition(i.topic(), i.partition())).toList();
      }
      if (System.nanoTime() > deadline || stop.getAsBoolean()) {
        throw new RampartException("topic " + topic + " has no partitions after " + wait + hint);
      }
      try {
        Thread.sleep(PAUSE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RampartException("interrupted while waiting for the partitions of " + topic, e);
      }
    }
  }
}
