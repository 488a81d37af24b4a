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
import java.util.Map;

/**
 * A client's topics on the shared transport: its own publisher for updates and its own reader of
 * the plans, models and (coded mode) shards topics from the beginning (manual assignment, no
 * consumer group, so clients never rebalance each other).
 *
 * <p>Not thread-safe, except {@link #wakeup()}, which any thread may call to end a blocking poll;
 * {@link #close()} is idempotent.
 */
public final class ClientChannels extends Channel {
  private static final Duration METADATA_WAIT = Duration.ofSeconds(60);

  private final TopicNames topics;
  private Map<Partition, Long> catchUpTo = Map.of();
  private boolean caughtUp;

  /** Channels of client {@code clientId} for the job of {@code topics} on the cluster of {@code kafka}. */
  public ClientChannels(KafkaSettings kafka, TopicNames topics, String clientId) {
    this(KafkaTransport.of(kafka), name(topics, clientId), topics);
  }

  private ClientChannels(KafkaTransport transport, String name, TopicNames topics) {
    super(transport.publisher(name), transport.reader(name + ".reader"));
    this.topics = topics;
  }

  /** The client's name in client ids: {@code <prefix>.<job>.client.<clientId>}. */
  static String name(TopicNames topics, String clientId) {
    return topics.prefix() + "." + topics.job() + ".client." + clientId;
  }

  /**
   * Assigns every partition of the plans, models and shards topics and starts from their
   * beginning. Waits up to a minute for the coordinator to create the topics.
   */
  public void open() {
    List<Partition> partitions = new ArrayList<>();
    partitions.addAll(partitionsOf(topics.plans()));
    partitions.addAll(partitionsOf(topics.models()));
    partitions.addAll(partitionsOf(topics.shards()));
    reader.assign(partitions);
    reader.seekToBeginning(partitions);
    catchUpTo = reader.endOffsets(partitions, METADATA_WAIT);
  }

  /**
   * Whether everything that was on the plans and models topics when {@link #open()} ran has been
   * read. A client restarted mid-job acts only on the newest state, never on a stale plan it meets
   * on the way (such as the final plan of an earlier run of the job).
   */
  public boolean caughtUp() {
    if (!caughtUp) {
      caughtUp = catchUpTo.entrySet().stream().allMatch(e -> reader.position(e.getKey()) >= e.getValue());
    }
    return caughtUp;
  }

  private List<Partition> partitionsOf(String topic) {
    return reader.awaitPartitions(topic, METADATA_WAIT, () -> false,
        "; is the coordinator running for job " + topics.job() + "?");
  }

  /** Reads the values of new plan and model records; empty after {@link #wakeup()}. */
  public List<byte[]> poll(Duration timeout) {
    List<TransportRecord> records = reader.poll(timeout);
    List<byte[]> values = new ArrayList<>(records.size());
    records.forEach(r -> values.add(r.value()));
    return values;
  }

  /** Sends an update's frames keyed by client id and waits for the broker's acknowledgement. */
  public void sendUpdate(String clientId, List<Frame> frames) {
    publisher.send(topics.updates(), clientId, frames, ChunkKeys.SHARED);
  }
}
