package dev.rampart.coordinator.internal;

import dev.rampart.crypto.PublicKey;
import dev.rampart.protocol.TopicNames;
import dev.rampart.protocol.wire.Frame;
import dev.rampart.transport.ChunkKeys;
import dev.rampart.transport.FramePublisher;
import dev.rampart.transport.KafkaSettings;
import dev.rampart.transport.KafkaTransport;
import dev.rampart.transport.RecordReader;
import dev.rampart.transport.TopicSpec;
import dev.rampart.transport.TransportRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's topics on the shared transport: creates the job's topics, publishes frames,
 * mirrors the audit log and reads the updates topic.
 *
 * <p>Not thread-safe: used by the coordinator's single thread; {@link #close()} is idempotent.
 */
public final class KafkaChannels implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaChannels.class);
  /** How long the coordinator waits for a topic it created to show its partitions. */
  static final Duration PARTITION_WAIT = Duration.ofSeconds(30);
  /** The hint an error about a missing topic ends with. */
  static final String MISSING_TOPIC_HINT = "; was it created?";

  private final TopicNames topics;
  private final KafkaTransport transport;
  private final FramePublisher producer;
  private final RecordReader updates;

  /** Channels for the job of {@code topics} on the cluster of {@code kafka} (client properties). */
  public KafkaChannels(Map<String, Object> kafka, TopicNames topics) {
    this(KafkaSettings.of(kafka), topics);
  }

  /** Channels for the job of {@code topics} on the cluster of {@code settings}. */
  public KafkaChannels(KafkaSettings settings, TopicNames topics) {
    this.topics = topics;
    this.transport = KafkaTransport.of(settings);
    String name = topics.prefix() + "." + topics.job() + ".coordinator";
    this.producer = transport.publisher(name);
    this.updates = transport.groupReader(name, name);
  }

  /** The transport these channels use, for the coordinator's other readers. */
  KafkaTransport transport() {
    return transport;
  }

  /**
   * Creates the job's topics when missing: models and shards compacted, the audit mirror kept
   * forever, the others with the broker's retention.
   */
  public void ensureTopics(int partitions, short replicationFactor) {
    transport.ensureTopics(List.of(
        TopicSpec.of(topics.plans(), partitions, replicationFactor),
        TopicSpec.of(topics.models(), partitions, replicationFactor).compacted(),
        TopicSpec.of(topics.shards(), partitions, replicationFactor).compacted(),
        TopicSpec.of(topics.updates(), partitions, replicationFactor),
        TopicSpec.of(topics.secagg(), partitions, replicationFactor),
        TopicSpec.of(topics.audit(), partitions, replicationFactor).retainedForever()));
  }

  /**
   * Sends the frames of one message in order and waits until the broker has them all.
   *
   * @param keys {@link ChunkKeys#PER_CHUNK} on compacted topics, where one key would keep only the
   *     last chunk
   */
  public void publish(String topic, String key, List<Frame> frames, ChunkKeys keys) {
    producer.send(topic, key, frames, keys);
  }

  /** Sends the frames of one message in order without waiting; {@link #flushAudit()} waits. */
  public void publishWithoutWaiting(String topic, String key, List<Frame> frames, ChunkKeys keys) {
    producer.sendWithoutWaiting(topic, key, frames, keys);
  }

  /**
   * Sends one audit record, keyed by its sequence number, to the job's audit topic without
   * waiting; {@link #flushAudit()} waits.
   */
  public void mirrorAudit(long sequence, byte[] record) {
    producer.sendWithoutWaiting(topics.audit(), Long.toString(sequence), record);
  }

  /**
   * The highest audit sequence number already on the audit topic whose record verifies under
   * {@code coordinatorKey} (0 when it holds none); see {@link AuditMirrorScan}.
   */
  public long lastMirroredAuditSequence(PublicKey coordinatorKey) {
    try (RecordReader reader = transport.reader(topics.prefix() + "." + topics.job() + ".coordinator.audit-scan")) {
      return new AuditMirrorScan(reader, coordinatorKey).lastSignedSequence(topics.audit());
    }
  }

  /** Waits until every record sent without waiting (mirrored audit records included) is on the broker. */
  public void flushAudit() {
    producer.flush();
  }

  /** Assigns every partition of the updates topic, resuming from committed offsets. */
  public void openUpdates() {
    updates.assign(updates.awaitPartitions(topics.updates(), PARTITION_WAIT, () -> false, MISSING_TOPIC_HINT));
  }

  /** Reads what arrived on the updates topic within {@code timeout}. */
  public List<TransportRecord> pollUpdates(Duration timeout) {
    return updates.poll(timeout);
  }

  /**
   * Commits the position after everything {@link #pollUpdates} returned so far, without waiting:
   * the round's outcome is already in the audit log, and a restarted coordinator that re-reads
   * updates of rounds it committed refuses them as past-round. A frozen group coordinator
   * therefore cannot hold up the next round; a failed commit is logged and the next one covers it.
   */
  public void commitUpdates() {
    updates.commitPositionsAsync(e -> LOG.warn("committing the position on {} failed ({}); the next round's commit"
        + " covers it", topics.updates(), e.toString()));
  }

  @Override
  public void close() {
    try {
      producer.close();
    } finally {
      updates.close();
    }
  }
}
