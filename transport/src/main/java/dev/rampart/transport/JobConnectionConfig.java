package dev.rampart.transport;

import dev.rampart.protocol.JobId;
import dev.rampart.protocol.TopicNames;
import java.util.Map;
import java.util.Objects;

/**
 * The connection part both the coordinator's and the client's configs have: the job, its topics,
 * the Kafka cluster and the largest record written. Both configs extend it, so these accessors
 * exist once; {@link JobConnectionBuilder} collects the values. Immutable and thread-safe.
 */
public abstract class JobConnectionConfig {
  private final JobConnection connection;

  /** For the configs: {@code connection} as their builder collected it. */
  protected JobConnectionConfig(JobConnection connection) {
    this.connection = Objects.requireNonNull(connection, "connection");
  }

  /** The job. */
  public final JobId job() {
    return connection.job();
  }

  /** The job's topic names. */
  public final TopicNames topics() {
    return connection.topics();
  }

  /** Kafka client properties shared by every producer, reader and admin client of this party. */
  public final Map<String, Object> kafka() {
    return connection.kafka().properties();
  }

  /** The Kafka connection settings of this party's producers, readers and admin client. */
  public final KafkaSettings kafkaSettings() {
    return connection.kafka();
  }

  /** Largest Kafka record this party writes; larger messages are chunked. */
  public final int maxFrameBytes() {
    return connection.maxFrameBytes();
  }

  /** The whole connection part. */
  public final JobConnection connection() {
    return connection;
  }
}
