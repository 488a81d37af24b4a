package dev.rampart.cli.deploy;

import dev.rampart.transport.KafkaSettings;
import java.time.Duration;
import java.util.Map;

/** The Kafka request timeout a deployment's clients use. Stateless. */
final class RequestTimeout {
  /** Rampart's default when {@code kafka.properties} sets none ({@link KafkaSettings#REQUEST_TIMEOUT}). */
  static final Duration DEFAULT = KafkaSettings.REQUEST_TIMEOUT;

  private RequestTimeout() {}

  /**
   * The {@code request.timeout.ms} of {@code properties}, else {@link #DEFAULT}.
   *
   * @throws ConfigException naming the value when it is not a whole number of milliseconds
   */
  static Duration of(Map<String, String> properties) {
    String v = properties.get("request.timeout.ms");
    if (v == null) {
      return DEFAULT;
    }
    try {
      return Duration.ofMillis(Long.parseLong(v.strip()));
    } catch (NumberFormatException e) {
      throw new ConfigException("kafka.properties.request.timeout.ms must be a whole number of milliseconds, but is '"
          + v + "'");
    }
  }
}
