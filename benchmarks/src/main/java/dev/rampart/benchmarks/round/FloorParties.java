package dev.rampart.benchmarks.round;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The two sides of the floor: {@link #coordinator} sends the model records and reads the updates,
 * {@link #client} reads the model records and sends an update. Each call owns its Kafka clients;
 * calls run on threads of their own, synchronised only by the records they wait for (and a start
 * latch, so that round 1 begins when every reader is positioned).
 */
final class FloorParties {
  private static final Duration POLL = Duration.ofMillis(50);
  private static final long SEND_TIMEOUT_S = 120;

  private final Map<String, Object> kafka;
  private final FloorTopics topics;
  private final List<byte[]> records;
  private final int rounds;
  private final CountDownLatch ready;

  FloorParties(Map<String, Object> kafka, FloorTopics topics, List<byte[]> records, int rounds, CountDownLatch ready) {
    this.kafka = kafka;
    this.topics = topics;
    this.records = records;
    this.rounds = rounds;
    this.ready = ready;
  }

  /**
   * Runs every round from the coordinator's side.
   *
   * @return per round: start (first send), 0 (filled in from the clients), end (last update read), µs
   */
  long[][] coordinator(int clients) throws InterruptedException, ExecutionException, TimeoutException {
    long[][] rows = new long[rounds][3];
    try (KafkaProducer<String, byte[]> producer = producer("floor.coordinator");
        KafkaConsumer<String, byte[]> consumer = consumer("floor.coordinator", topics.updates())) {
      ready.countDown();
      ready.await();
      long read = 0;
      for (int r = 0; r < rounds; r++) {
        rows[r][0] = EventLog.nowMicros();
        sendAll(producer, topics.models(), "v" + (r + 1));
        long expected = (long) clients * records.size() * (r + 1);
        while (read < expected) {
          read += consumer.poll(POLL).count();
        }
        rows[r][2] = EventLog.nowMicros();
      }
    }
    return rows;
  }

  /**
   * Runs every round from one client's side.
   *
   * @return per round, when this client had read the whole model, µs
   */
  long[] client(String id) throws InterruptedException, ExecutionException, TimeoutException {
    long[] received = new long[rounds];
    try (KafkaProducer<String, byte[]> producer = producer("floor." + id);
        KafkaConsumer<String, byte[]> consumer = consumer("floor." + id + ".reader", topics.models())) {
      ready.countDown();
      long read = 0;
      for (int r = 0; r < rounds; r++) {
        long expected = (long) records.size() * (r + 1);
        while (read < expected) {
          read += consumer.poll(POLL).count();
        }
        received[r] = EventLog.nowMicros();
        sendAll(producer, topics.updates(), id);
      }
    }
    return received;
  }

  /** Sends every record and waits for all acknowledgements, as Rampart's frame sender does. */
  private void sendAll(KafkaProducer<String, byte[]> producer, String topic, String key)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
    for (byte[] record : records) {
      sent.add(producer.send(new ProducerRecord<>(topic, key, record)));
    }
    for (Future<RecordMetadata> f : sent) {
      f.get(SEND_TIMEOUT_S, TimeUnit.SECONDS);
    }
  }

  private KafkaProducer<String, byte[]> producer(String clientId) {
    Map<String, Object> p = new HashMap<>(kafka);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  /** A consumer assigned to partition 0 of {@code topic} from its beginning, positioned before it returns. */
  private KafkaConsumer<String, byte[]> consumer(String clientId, String topic) {
    Map<String, Object> c = new HashMap<>(kafka);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    TopicPartition partition = new TopicPartition(topic, 0);
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
    consumer.position(partition, Duration.ofSeconds(60));
    return consumer;
  }
}
