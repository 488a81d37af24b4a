package dev.rampart.transport;

import java.util.Objects;

/**
 * One partition of a topic, as the transport names it without Kafka types. Immutable and
 * thread-safe.
 *
 * @param topic the topic's name, not blank
 * @param number the partition's index within the topic, at least 0
 */
public record Partition(String topic, int number) {
  /** Checks the values; messages name the bad one. */
  public Partition {
    Objects.requireNonNull(topic, "topic");
    if (topic.isBlank()) {
      throw new IllegalArgumentException("topic must not be blank, but topic='" + topic + "'");
    }
    if (number < 0) {
      throw new IllegalArgumentException("partition number must be at least 0, but number=" + number);
    }
  }

  /** {@code topic-number}, as Kafka prints a partition. */
  @Override
  public String toString() {
    return topic + "-" + number;
  }
}
