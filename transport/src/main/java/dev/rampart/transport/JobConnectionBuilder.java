package dev.rampart.transport;

import dev.rampart.protocol.Framing;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.TopicNames;
import java.util.Objects;

/**
 * The builder-side settings the coordinator's and the client's config builders share: which Kafka
 * cluster ({@link KafkaSettings}), which job's topics, and the largest record written. Both
 * builders extend it, so these setters exist once. Every setter validates its value; messages name
 * the bad value. Not thread-safe, like the builders.
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
public abstract class JobConnectionBuilder<B extends JobConnectionBuilder<B>> {
  private final KafkaSettings.Builder kafka = KafkaSettings.builder();
  private JobId job;
  private String topicPrefix = TopicNames.DEFAULT_PREFIX;
  private int maxFrameBytes = Framing.DEFAULT_MAX_FRAME_BYTES;

  /** For the config builders. */
  protected JobConnectionBuilder() {}

  /** This builder, typed as the concrete builder. */
  protected abstract B self();

  /** The job whose topics to use; required. */
  public B job(JobId job) {
    this.job = Objects.requireNonNull(job, "job");
    return self();
  }

  /** Topic namespace; default {@value TopicNames#DEFAULT_PREFIX}; coordinator and clients must agree. */
  public B topicPrefix(String prefix) {
    this.topicPrefix = Objects.requireNonNull(prefix, "topicPrefix");
    return self();
  }

  /**
   * The Kafka cluster to use, {@code host:port[,host:port…]}; required.
   *
   * @throws IllegalArgumentException when {@code servers} is null or blank
   */
  public B bootstrapServers(String servers) {
    kafka.bootstrapServers(servers);
    return self();
  }

  /** Any Kafka client property (TLS, SASL, timeouts), passed to every producer, reader and admin client. */
  public B kafkaProperty(String key, Object value) {
    kafka.property(key, value);
    return self();
  }

  /** Every property of {@code settings}, bootstrap servers included, as if set one by one. */
  public B kafka(KafkaSettings settings) {
    Objects.requireNonNull(settings, "kafka").properties().forEach(kafka::property);
    return self();
  }

  /**
   * Largest Kafka record written; larger messages are chunked. At least
   * {@link Framing#MIN_MAX_FRAME_BYTES}; default {@link Framing#DEFAULT_MAX_FRAME_BYTES}.
   */
  public B maxFrameBytes(int bytes) {
    if (bytes < Framing.MIN_MAX_FRAME_BYTES) {
      throw new IllegalArgumentException("maxFrameBytes must be at least " + Framing.MIN_MAX_FRAME_BYTES
          + ", but maxFrameBytes=" + bytes);
    }
    this.maxFrameBytes = bytes;
    return self();
  }

  /** The job set so far, null when none. */
  protected final JobId jobOrNull() {
    return job;
  }

  /** Whether {@link #bootstrapServers} was set. */
  protected final boolean hasBootstrapServers() {
    return kafka.hasBootstrapServers();
  }

  /**
   * What was set, for the config's constructor.
   *
   * @throws IllegalArgumentException when the bootstrap servers were not set, or prefix and job do
   *     not make valid topic names
   * @throws NullPointerException when no job was set
   */
  protected final JobConnection connection() {
    return new JobConnection(new TopicNames(topicPrefix, job), kafka.build(), maxFrameBytes);
  }
}
