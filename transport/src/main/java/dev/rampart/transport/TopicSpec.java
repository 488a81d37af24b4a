package dev.rampart.transport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A topic to create when missing: its name, partitions, replication factor and topic-level
 * configuration. Immutable and thread-safe.
 *
 * @param name the topic's name, not blank
 * @param partitions at least 1
 * @param replicationFactor in [1, 32767]
 * @param configs topic-level settings such as {@code cleanup.policy}; copied
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {
  /** Topic setting: how old records are removed. */
  public static final String CLEANUP_POLICY = "cleanup.policy";
  /** Topic setting: how long records are kept, in milliseconds ({@code -1}: forever). */
  public static final String RETENTION_MS = "retention.ms";

  /** Checks the values; messages name the bad one. */
  public TopicSpec {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("topic name must not be blank, but name='" + name + "'");
    }
    requirePartitions(partitions);
    requireReplicationFactor(replicationFactor);
    configs = Map.copyOf(Objects.requireNonNull(configs, "configs"));
  }

  /** A topic with the broker's default settings. */
  public static TopicSpec of(String name, int partitions, short replicationFactor) {
    return new TopicSpec(name, partitions, replicationFactor, Map.of());
  }

  /** A copy that keeps only the latest record per key ({@code cleanup.policy=compact}). */
  public TopicSpec compacted() {
    return with(CLEANUP_POLICY, "compact");
  }

  /** A copy whose records are never deleted for age ({@code retention.ms=-1}). */
  public TopicSpec retainedForever() {
    return with(RETENTION_MS, "-1");
  }

  /** A copy with one more topic-level setting. */
  public TopicSpec with(String key, String value) {
    Map<String, String> c = new LinkedHashMap<>(configs);
    c.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return new TopicSpec(name, partitions, replicationFactor, c);
  }

  /**
   * Returns {@code partitions} when it is a valid partition count.
   *
   * @throws IllegalArgumentException naming the value when it is below 1
   */
  public static int requirePartitions(int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, but partitions=" + partitions);
    }
    return partitions;
  }

  /**
   * Returns {@code factor} as a short when it is a valid replication factor.
   *
   * @throws IllegalArgumentException naming the value when it is outside [1, 32767]
   */
  public static short requireReplicationFactor(int factor) {
    if (factor < 1 || factor > Short.MAX_VALUE) {
      throw new IllegalArgumentException("replicationFactor must be in [1, 32767], but replicationFactor=" + factor);
    }
    return (short) factor;
  }
}
