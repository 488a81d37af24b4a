package dev.rampart.client.internal;

import dev.rampart.protocol.TopicNames;
import dev.rampart.protocol.wire.Frame;
import dev.rampart.transport.ChunkKeys;
import dev.rampart.transport.KafkaSettings;
import dev.rampart.transport.KafkaTransport;
import dev.rampart.transport.Partition;
import dev.rampart.transport.TransportRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A client's channel on the job's secagg topic: a publisher for its phase messages and a reader
 * of every partition from the beginning (so a restarted client sees the coordinator's earlier
 * lists again), returning only the records whose key the caller asks for. Both have client ids
 * of their own, whatever the settings say, so they never clash with the client's main channels.
 *
 * <p>Not thread-safe, except {@link #wakeup()}; {@link #close()} is idempotent.
 */
public final class SecAggChannel extends Channel {
  private static final Duration METADATA_WAIT = Duration.ofSeconds(30);

  private final TopicNames topics;
  private boolean assigned;

  /** The secagg channel of client {@code clientId} for the job of {@code topics}. */
  public SecAggChannel(KafkaSettings kafka, TopicNames topics, String clientId) {
    this(ClientChannels.name(topics, clientId) + ".secagg", kafka, topics);
  }

  private SecAggChannel(String name, KafkaSettings kafka, TopicNames topics) {
    super(KafkaTransport.of(kafka.withClientId(name)).publisher(name),
        KafkaTransport.of(kafka.withClientId(name + "-reader")).reader(name + "-reader"));
    this.topics = topics;
  }

  /** Values of the newly read records whose key equals {@code key}; empty after {@link #wakeup()}. */
  public List<byte[]> poll(String key, Duration timeout) {
    if (!assigned) {
      List<Partition> partitions = reader.awaitPartitions(topics.secagg(), METADATA_WAIT, () -> false,
          "; was it created?");
      reader.assign(partitions);
      reader.seekToBeginning(partitions);
      assigned = true;
    }
    List<byte[]> out = new ArrayList<>();
    for (TransportRecord r : reader.poll(timeout)) {
      if (key.equals(r.key()) && r.value() != null) {
        out.add(r.value());
      }
    }
    return out;
  }

  /** Sends one message's frames under {@code key} and waits for the broker's acknowledgement. */
  public void send(String key, List<Frame> frames) {
    publisher.send(topics.secagg(), key, frames, ChunkKeys.SHARED);
  }
}
