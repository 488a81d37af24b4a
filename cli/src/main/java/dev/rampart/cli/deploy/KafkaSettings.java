package dev.rampart.cli.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code kafka:} section of a deployment file turned into Kafka client properties, shared by
 * the producer, the consumer and the admin client: bootstrap servers, the typed TLS and SASL keys,
 * then {@code kafka.properties} verbatim (which wins on conflict). Immutable and thread-safe.
 *
 * @param properties the Kafka client properties
 * @param connectTimeout bounded wait for the cluster at start
 */
public record KafkaSettings(Map<String, String> properties, Duration connectTimeout) {
  private static final Map<String, String> TYPED = typedKeys();

  /** Copies the map. */
  public KafkaSettings {
    properties = Map.copyOf(properties);
  }

  /** Reads the section from checked values. */
  public static KafkaSettings from(ConfigValues values) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("bootstrap.servers", values.string("kafka.bootstrap-servers"));
    TYPED.forEach((key, property) -> values.optional(key, Object.class)
        .ifPresent(v -> p.put(property, v instanceof Path path ? path.toString() : v.toString())));
    p.putAll(values.map("kafka.properties"));
    return new KafkaSettings(p, values.duration("kafka.connect-timeout"));
  }

  /**
   * How long a Kafka client waits for a broker's answer before it retries elsewhere: the
   * {@code request.timeout.ms} of {@code kafka.properties}, else Rampart's default of 10 s.
   *
   * @throws ConfigException naming the value when it is not a whole number of milliseconds
   */
  public Duration requestTimeout() {
    return RequestTimeout.of(properties);
  }

  /** The bootstrap servers, for messages. */
  public String bootstrapServers() {
    return properties.get("bootstrap.servers");
  }

  private static Map<String, String> typedKeys() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("kafka.security-protocol", "security.protocol");
    m.put("kafka.sasl-mechanism", "sasl.mechanism");
    m.put("kafka.sasl-jaas-config", "sasl.jaas.config");
    m.put("kafka.ssl-truststore-location", "ssl.truststore.location");
    m.put("kafka.ssl-truststore-password", "ssl.truststore.password");
    m.put("kafka.ssl-truststore-type", "ssl.truststore.type");
    m.put("kafka.ssl-keystore-location", "ssl.keystore.location");
    m.put("kafka.ssl-keystore-password", "ssl.keystore.password");
    m.put("kafka.ssl-keystore-type", "ssl.keystore.type");
    m.put("kafka.ssl-key-password", "ssl.key.password");
    m.put("kafka.ssl-endpoint-identification-algorithm", "ssl.endpoint.identification.algorithm");
    return m;
  }
}
