package dev.rampart.testkit;

import dev.rampart.testkit.internal.KraftServerRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A real Kafka broker running inside this JVM: Kafka's own {@code KafkaRaftServer} in combined
 * broker+controller (KRaft) mode, listening on 127.0.0.1 on free ports, with storage in a fresh
 * temporary folder that {@link #close()} deletes.
 *
 * <p>Single-node settings are applied so that consumer groups and transactions work: the offsets,
 * transaction-state and share-state topics use replication factor 1. Message size limits are the
 * broker defaults unless overridden with {@link Builder#brokerProperty(String, String)}.
 *
 * <p>Thread-safe. Start-up takes a few seconds.
 */
public final class EmbeddedKafkaBroker implements KafkaBroker {
  /** How long {@link #start()} waits for the broker to accept connections. */
  public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final KraftServerRunner runner;

  private EmbeddedKafkaBroker(KraftServerRunner runner) {
    this.runner = runner;
  }

  /** Starts a broker with default settings. */
  public static EmbeddedKafkaBroker start() {
    return builder().start();
  }

  /** A builder for a broker with custom settings. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String bootstrapServers() {
    return runner.bootstrapServers();
  }

  @Override
  public String description() {
    return "embedded KRaft broker at " + bootstrapServers();
  }

  /** The folder holding the broker's log and metadata; deleted on close. */
  public Path dataDirectory() {
    return runner.dataDirectory();
  }

  @Override
  public void close() {
    runner.close();
  }

  @Override
  public String toString() {
    return description();
  }

  /** Settings for an {@link EmbeddedKafkaBroker}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;
    private int port;

    private Builder() {}

    /** Overrides one broker setting, e.g. {@code message.max.bytes}. */
    public Builder brokerProperty(String key, String value) {
      overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Client port to listen on; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be in [0, 65535], but port=" + port);
      }
      this.port = port;
      return this;
    }

    /** How long to wait for the broker to serve requests; must be positive. */
    public Builder startupTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("startupTimeout must be positive, but was " + timeout);
      }
      this.startupTimeout = timeout;
      return this;
    }

    /** Formats fresh storage and starts the broker; blocks until it serves requests. */
    public EmbeddedKafkaBroker start() {
      return new EmbeddedKafkaBroker(KraftServerRunner.start(port, overrides, startupTimeout));
    }
  }
}
