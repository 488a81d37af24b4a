package dev.rampart.transport;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach the Kafka cluster: the bootstrap servers plus any other client property (TLS, SASL,
 * timeouts, a fixed client id), passed to every producer, reader and admin client made from it.
 * Immutable and thread-safe; build with {@link #builder()}. Properties keep the order they were
 * set in; a later value for a key replaces the earlier one.
 *
 * @param properties every client property, bootstrap servers included; copied, unmodifiable
 */
public record KafkaSettings(Map<String, Object> properties) {
  /** The Kafka property naming the cluster, {@code host:port[,host:port…]}. */
  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  /** The Kafka property naming a client in the broker's logs, metrics and quotas. */
  public static final String CLIENT_ID = "client.id";
  /**
   * How long Rampart's producers and readers wait for a broker's answer ({@code request.timeout.ms})
   * unless these settings say otherwise: 10 s, against Kafka's 30 s. A frozen broker keeps its
   * sockets open, so this bounds how long it can hold a client after the cluster moved its
   * partitions to another leader; the client then refreshes its metadata and retries there.
   */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Checks and copies the properties.
   *
   * @throws IllegalArgumentException naming the key when {@link #BOOTSTRAP_SERVERS} is missing or
   *     blank, or a key is blank
   * @throws NullPointerException naming the key or value that is null
   */
  public KafkaSettings {
    Objects.requireNonNull(properties, "properties");
    Builder b = builder();
    properties.forEach(b::property);
    properties = b.checked();
  }

  /** A builder without properties; {@link Builder#bootstrapServers} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Settings holding exactly {@code properties}; see the constructor for what is checked. */
  public static KafkaSettings of(Map<String, ?> properties) {
    return new KafkaSettings(new LinkedHashMap<>(Objects.requireNonNull(properties, "properties")));
  }

  /** The bootstrap servers, {@code host:port[,host:port…]}. */
  public String bootstrapServers() {
    return (String) properties.get(BOOTSTRAP_SERVERS);
  }

  /** A copy whose {@link #CLIENT_ID} is {@code clientId}, whatever these settings said. */
  public KafkaSettings withClientId(String clientId) {
    Map<String, Object> p = new LinkedHashMap<>(properties);
    p.put(CLIENT_ID, Builder.requireText(CLIENT_ID, clientId));
    return new KafkaSettings(p);
  }

  /** The property keys only: values may be secrets (SASL passwords, key store passwords). */
  @Override
  public String toString() {
    return "KafkaSettings" + properties.keySet();
  }

  /**
   * Builder for {@link KafkaSettings}: the one set of Kafka setters that the coordinator's and the
   * client's config builders delegate to. Every setter validates its value. Not thread-safe.
   */
  public static final class Builder {
    private final Map<String, Object> properties = new LinkedHashMap<>();

    private Builder() {}

    /**
     * The Kafka cluster to use, {@code host:port[,host:port…]}.
     *
     * @throws IllegalArgumentException when {@code servers} is null or blank
     */
    public Builder bootstrapServers(String servers) {
      if (servers == null || servers.isBlank()) {
        throw new IllegalArgumentException("bootstrapServers must not be blank, but bootstrapServers="
            + (servers == null ? "null" : "'" + servers + "'"));
      }
      properties.put(BOOTSTRAP_SERVERS, servers);
      return this;
    }

    /**
     * Any Kafka client property (TLS, SASL, timeouts), passed to producers, readers and admin.
     *
     * @throws NullPointerException naming {@code key} or {@code value} when null
     * @throws IllegalArgumentException when the key is blank, or is {@link #BOOTSTRAP_SERVERS}
     *     with a value that is not a non-blank string
     */
    public Builder property(String key, Object value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      if (key.isBlank()) {
        throw new IllegalArgumentException("a Kafka property key must not be blank, but key='" + key + "'");
      }
      if (key.equals(BOOTSTRAP_SERVERS)) {
        return bootstrapServers(value instanceof String s ? s : null);
      }
      properties.put(key, value);
      return this;
    }

    /** Whether {@link #bootstrapServers} was set, so {@link #build()} would succeed. */
    public boolean hasBootstrapServers() {
      return properties.containsKey(BOOTSTRAP_SERVERS);
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException when the bootstrap servers were not set
     */
    public KafkaSettings build() {
      return new KafkaSettings(checked());
    }

    /** An unmodifiable copy of the properties, once the bootstrap servers are set. */
    private Map<String, Object> checked() {
      if (!hasBootstrapServers()) {
        throw new IllegalArgumentException("bootstrapServers is required, but only " + properties.keySet()
            + " were set");
      }
      return Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    private static String requireText(String name, String value) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank, but " + name + "="
            + (value == null ? "null" : "'" + value + "'"));
      }
      return value;
    }
  }
}
