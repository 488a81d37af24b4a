package dev.rampart.transport;

import dev.rampart.protocol.RampartException;
import dev.rampart.transport.internal.ClientProperties;
import dev.rampart.transport.internal.KafkaFramePublisher;
import dev.rampart.transport.internal.KafkaRecordReader;
import dev.rampart.transport.internal.TopicCreation;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Makes the project's Kafka clients from one {@link KafkaSettings}: publishers of string-keyed
 * byte records, readers outside or inside a consumer group, and topic creation. Every client gets
 * the settings' properties plus the project's own (see each method); a client id passed here is
 * used unless the settings fix one.
 *
 * <pre>{@code
 * KafkaTransport kafka = KafkaTransport.of(KafkaSettings.builder().bootstrapServers("broker:9092").build());
 * try (FramePublisher out = kafka.publisher("job.coordinator")) {
 *   out.send("job.plans", "1", frames, ChunkKeys.SHARED);
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe; the clients it makes are the caller's to close.
 */
public final class KafkaTransport {
  private final KafkaSettings settings;

  private KafkaTransport(KafkaSettings settings) {
    this.settings = settings;
  }

  /** A transport making clients with {@code settings}. */
  public static KafkaTransport of(KafkaSettings settings) {
    return new KafkaTransport(Objects.requireNonNull(settings, "settings"));
  }

  /** The settings every client gets. */
  public KafkaSettings settings() {
    return settings;
  }

  /**
   * A publisher: {@code acks=all}, idempotence on, {@code linger.ms=0} (each unless the settings
   * say otherwise), waiting {@link FramePublisher#SEND_TIMEOUT} per frame.
   */
  public FramePublisher publisher(String clientId) {
    return new KafkaFramePublisher(new KafkaProducer<>(ClientProperties.producer(settings.properties(), clientId),
        new StringSerializer(), new ByteArraySerializer()), FramePublisher.SEND_TIMEOUT);
  }

  /** A reader outside any consumer group (the settings' {@code group.id} is dropped), never committing. */
  public RecordReader reader(String clientId) {
    return new KafkaRecordReader(new KafkaConsumer<>(ClientProperties.reader(settings.properties(), clientId),
        new StringDeserializer(), new ByteArrayDeserializer()));
  }

  /**
   * A reader that commits its positions to {@code groupId} when told ({@link RecordReader#commitPositions()}),
   * never automatically, and starts from the earliest record when the group has no offset yet (each
   * unless the settings say otherwise).
   */
  public RecordReader groupReader(String groupId, String clientId) {
    return new KafkaRecordReader(new KafkaConsumer<>(
        ClientProperties.groupReader(settings.properties(), groupId, clientId),
        new StringDeserializer(), new ByteArrayDeserializer()));
  }

  /**
   * Creates each topic of {@code topics} that does not exist yet; existing ones are left as they are.
   *
   * @throws RampartException naming the topic and the cluster when one cannot be created or the
   *     cluster does not answer within 30 s
   */
  public void ensureTopics(List<TopicSpec> topics) {
    TopicCreation.ensure(settings.properties(), List.copyOf(topics));
  }

  /**
   * Deletes each topic of {@code names} that exists; missing ones are skipped.
   *
   * @throws RampartException naming the topic and the cluster when one cannot be deleted or the
   *     cluster does not answer within 30 s
   */
  public void deleteTopics(List<String> names) {
    TopicCreation.delete(settings.properties(), List.copyOf(names));
  }
}
