package dev.rampart.transport;

import dev.rampart.protocol.Framing;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.TopicNames;
import java.util.Objects;

/**
 * Where one party of a job talks: the Kafka cluster, the job's topics and the largest record it
 * writes, as {@link JobConnectionBuilder} collects them. Immutable and thread-safe.
 *
 * @param topics the job's topic names
 * @param kafka the cluster and client properties
 * @param maxFrameBytes largest record written, at least {@link Framing#MIN_MAX_FRAME_BYTES}
 */
public record JobConnection(TopicNames topics, KafkaSettings kafka, int maxFrameBytes) {
  /** Checks the values; messages name the bad one. */
  public JobConnection {
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(kafka, "kafka");
    if (maxFrameBytes < Framing.MIN_MAX_FRAME_BYTES) {
      throw new IllegalArgumentException("maxFrameBytes must be at least " + Framing.MIN_MAX_FRAME_BYTES
          + ", but maxFrameBytes=" + maxFrameBytes);
    }
  }

  /** The job. */
  public JobId job() {
    return topics.job();
  }
}
