package dev.rampart.transport;

import java.util.Arrays;
import java.util.Objects;

/**
 * One record read from the broker, as consumers hand it on: where it was (topic, partition,
 * offset), its key and its value. Both key and value come from whoever wrote the record and may be
 * null or hostile. Immutable and thread-safe: the value is copied in and out.
 *
 * @param topic the topic it was read from
 * @param partition the partition's index
 * @param offset its offset in the partition, at least 0
 * @param key the record key, null when the record had none
 * @param value the record value, null for a tombstone
 */
public record TransportRecord(String topic, int partition, long offset, String key, byte[] value) {
  /** Checks where the record was and copies the value. */
  public TransportRecord {
    Objects.requireNonNull(topic, "topic");
    if (partition < 0) {
      throw new IllegalArgumentException("partition must be at least 0, but partition=" + partition);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be at least 0, but offset=" + offset);
    }
    value = value == null ? null : value.clone();
  }

  /** A copy of the value, null for a tombstone. */
  @Override
  public byte[] value() {
    return value == null ? null : value.clone();
  }

  /** The partition the record was read from. */
  public Partition source() {
    return new Partition(topic, partition);
  }

  /** A label for logs: {@code topic-partition@offset}; never the key or the value. */
  public String where() {
    return topic + "-" + partition + "@" + offset;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransportRecord r && topic.equals(r.topic) && partition == r.partition
        && offset == r.offset && Objects.equals(key, r.key) && Arrays.equals(value, r.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(topic, partition, offset, key) * 31 + Arrays.hashCode(value);
  }

  /** Where the record was and the value's length; the key and value are untrusted and not shown. */
  @Override
  public String toString() {
    return "TransportRecord[" + where() + ", " + (value == null ? "tombstone" : value.length + " bytes") + "]";
  }
}
