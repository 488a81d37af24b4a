package dev.rampart.coordinator.internal;

import dev.rampart.audit.AuditVerifier;
import dev.rampart.crypto.PublicKey;
import dev.rampart.protocol.RampartException;
import dev.rampart.protocol.TopicNames;
import dev.rampart.protocol.wire.Frame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's Kafka adapter: creates the job's topics, publishes frames, and reads the
 * updates topic. The only coordinator class that sees Kafka types besides its consumer records.
 *
 * <p>Not thread-safe: used by the coordinator's single thread.
 */
public final class KafkaChannels implements AutoCloseable {
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(120);
  private static final Logger LOG = LoggerFactory.getLogger(KafkaChannels.class);
  /** Most records read per partition of the audit topic when looking for the last signed one. */
  public static final int MAX_AUDIT_SCAN_RECORDS = 10_000;
  /** Records read at a time, backwards from the end, when looking for the last signed one. */
  public static final int AUDIT_SCAN_WINDOW = 500;
  /** Longest time spent looking for the last signed audit record, over all partitions. */
  public static final Duration AUDIT_SCAN_TIMEOUT = Duration.ofSeconds(30);

  private final TopicNames topics;
  private final Map<String, Object> common;
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, byte[]> updates;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  public KafkaChannels(Map<String, Object> kafka, TopicNames topics) {
    this.topics = topics;
    this.common = Map.copyOf(kafka);
    this.producer = new KafkaProducer<>(producerProperties(kafka, topics), new StringSerializer(), new ByteArraySerializer());
    this.updates = new KafkaConsumer<>(consumerProperties(kafka, topics), new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static Map<String, Object> producerProperties(Map<String, Object> kafka, TopicNames topics) {
    Map<String, Object> p = new HashMap<>(kafka);
    p.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
    p.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
    p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, topics.prefix() + "." + topics.job() + ".coordinator");
    return p;
  }

  private static Map<String, Object> consumerProperties(Map<String, Object> kafka, TopicNames topics) {
    Map<String, Object> p = new HashMap<>(kafka);
    p.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, topics.prefix() + "." + topics.job() + ".coordinator");
    p.putIfAbsent(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, topics.prefix() + "." + topics.job() + ".coordinator");
    return p;
  }

  /**
   * Creates the job's topics when missing: models and shards compacted, the audit mirror kept
   * forever, the others with the broker's retention.
   */
  public void ensureTopics(int partitions, short replicationFactor) {
    List<NewTopic> wanted = List.of(
        new NewTopic(topics.plans(), partitions, replicationFactor),
        new NewTopic(topics.models(), partitions, replicationFactor).configs(Map.of("cleanup.policy", "compact")),
        new NewTopic(topics.shards(), partitions, replicationFactor).configs(Map.of("cleanup.policy", "compact")),
        new NewTopic(topics.updates(), partitions, replicationFactor),
        new NewTopic(topics.secagg(), partitions, replicationFactor),
        new NewTopic(topics.audit(), partitions, replicationFactor).configs(Map.of("retention.ms", "-1")));
    try (Admin admin = Admin.create(common)) {
      for (var entry : admin.createTopics(wanted).values().entrySet()) {
        try {
          entry.getValue().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new RampartException("cannot create topic " + entry.getKey() + " on "
                + common.get("bootstrap.servers") + ": " + e.getCause().getMessage(), e.getCause());
          }
        }
      }
    } catch (TimeoutException e) {
      throw new RampartException("Kafka cluster at " + common.get("bootstrap.servers")
          + " did not answer topic creation within " + ADMIN_TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RampartException("interrupted while creating topics", e);
    }
  }

  /**
   * Sends the frames of one message in order and waits until the broker has them all.
   *
   * @param keyPerChunk whether each chunk gets its own key {@code key#index}; needed on compacted
   *     topics, where one key would keep only the last chunk
   */
  public void publish(String topic, String key, List<Frame> frames, boolean keyPerChunk) {
    List<Future<RecordMetadata>> sent = new ArrayList<>(frames.size());
    for (int i = 0; i < frames.size(); i++) {
      String k = keyPerChunk && frames.size() > 1 ? key + "#" + i : key;
      sent.add(producer.send(new ProducerRecord<>(topic, k, frames.get(i).toByteArray())));
    }
    for (Future<RecordMetadata> f : sent) {
      try {
        f.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new RampartException("cannot publish to " + topic + " (key " + key + "): " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RampartException("interrupted while publishing to " + topic, e);
      }
    }
  }

  /**
   * Sends one audit record, keyed by its sequence number, to the job's audit topic without
   * waiting; {@link #flushAudit()} waits.
   */
  public void mirrorAudit(long sequence, byte[] record) {
    producer.send(new ProducerRecord<>(topics.audit(), Long.toString(sequence), record));
  }

  /**
   * The highest audit sequence number already on the audit topic (0 when it holds none), taken
   * only from records whose signature verifies under {@code coordinatorKey}: anyone who can write
   * to the topic can append a record keyed {@code "999999"}, and trusting it would stop the
   * mirror's catch-up. Each partition is read backwards from its end, in windows of
   * {@link #AUDIT_SCAN_WINDOW} records, until a signed record is found, at most
   * {@link #MAX_AUDIT_SCAN_RECORDS} records per partition and {@link #AUDIT_SCAN_TIMEOUT} in all.
   * A partition whose scan ends without a signed record counts as 0, so the catch-up republishes
   * more than needed; the mirror tolerates repeats with identical bytes.
   */
  public long lastMirroredAuditSequence(PublicKey coordinatorKey) {
    Map<String, Object> p = new HashMap<>(common);
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    long deadline = System.nanoTime() + AUDIT_SCAN_TIMEOUT.toNanos();
    long max = 0;
    try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = partitionsOf(reader, topics.audit());
      Map<TopicPartition, Long> begins = reader.beginningOffsets(partitions);
      Map<TopicPartition, Long> ends = reader.endOffsets(partitions);
      for (TopicPartition tp : partitions) {
        long found = lastSigned(reader, tp, begins.get(tp), ends.get(tp), coordinatorKey, deadline);
        if (found < 0) {
          LOG.warn("no audit record signed by the coordinator within the last {} records of {} "
              + "(or {}); the catch-up republishes from the start", MAX_AUDIT_SCAN_RECORDS, tp, AUDIT_SCAN_TIMEOUT);
        }
        max = Math.max(max, found);
      }
    }
    return max;
  }

  /** The highest signed sequence in the last window holding one; -1 when the bounds ran out first. */
  private static long lastSigned(KafkaConsumer<String, byte[]> reader, TopicPartition tp, long begin, long end,
      PublicKey key, long deadline) {
    if (end <= begin) {
      return 0;
    }
    reader.assign(List.of(tp));
    long windowEnd = end;
    while (windowEnd > begin && end - windowEnd < MAX_AUDIT_SCAN_RECORDS && System.nanoTime() < deadline) {
      long windowStart = Math.max(Math.max(begin, windowEnd - AUDIT_SCAN_WINDOW), end - MAX_AUDIT_SCAN_RECORDS);
      long best = -1;
      reader.seek(tp, windowStart);
      while (reader.position(tp) < windowEnd && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(200)).records(tp)) {
          if (r.offset() < windowEnd) {
            best = Math.max(best, AuditVerifier.signedSequence(r.value(), key).orElse(-1));
          }
        }
      }
      if (best >= 0) {
        return best;
      }
      windowEnd = windowStart;
    }
    return windowEnd <= begin ? 0 : -1;
  }

  /** Waits until every mirrored audit record is on the broker. */
  public void flushAudit() {
    producer.flush();
  }

  /** Assigns every partition of the updates topic, resuming from committed offsets. */
  public void openUpdates() {
    updates.assign(partitionsOf(updates, topics.updates()));
  }

  /**
   * The partitions of {@code topic}. Right after the topic was created the client's metadata may
   * not list it yet (an empty answer), so this asks again until the admin timeout.
   *
   * @throws RampartException naming the topic if it still has no partitions then
   */
  static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String topic) {
    long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
    while (true) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      if (!partitions.isEmpty()) {
        return partitions;
      }
      if (System.nanoTime() > deadline) {
        throw new RampartException("topic " + topic + " has no partitions after "
            + ADMIN_TIMEOUT.toSeconds() + " s; was it created?");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RampartException("interrupted while waiting for the partitions of " + topic, e);
      }
    }
  }

  /** Reads what arrived on the updates topic within {@code timeout}. */
  public ConsumerRecords<String, byte[]> pollUpdates(Duration timeout) {
    return updates.poll(timeout);
  }

  /** Commits the position after everything returned by {@link #pollUpdates} so far. */
  public void commitUpdates() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : updates.assignment()) {
      offsets.put(tp, new OffsetAndMetadata(updates.position(tp)));
    }
    updates.commitSync(offsets);
  }

  /** A label for a record in logs: topic, partition and offset. */
  public static String where(ConsumerRecord<String, byte[]> record) {
    return record.topic() + "-" + record.partition() + "@" + record.offset();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      producer.close(Duration.ofSeconds(10));
    } finally {
      updates.close(Duration.ofSeconds(10));
    }
  }
}
