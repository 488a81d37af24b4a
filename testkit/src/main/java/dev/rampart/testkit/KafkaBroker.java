package dev.rampart.testkit;

/**
 * A running Kafka broker that clients can reach at {@link #bootstrapServers()}.
 *
 * <p>Implementations are thread-safe; {@link #close()} stops the broker, deletes anything it
 * wrote to disk and is idempotent.
 */
public interface KafkaBroker extends AutoCloseable {

  /** The {@code bootstrap.servers} value for producers, consumers and admin clients. */
  String bootstrapServers();

  /** A short description of what runs, e.g. {@code "embedded KRaft 4.4.0 at 127.0.0.1:41234"}. */
  String description();

  /** Stops the broker and deletes its storage; a second call does nothing. */
  @Override
  void close();
}
