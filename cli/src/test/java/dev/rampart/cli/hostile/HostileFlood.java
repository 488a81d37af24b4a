package dev.rampart.cli.hostile;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.SecAggRecordKeys;
import dev.rampart.protocol.TopicNames;
import dev.rampart.protocol.wire.Frame;
import dev.rampart.protocol.wire.MessageType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Floods a running job's updates, secagg, plans and models topics from a background thread with
 * one {@link KafkaProducer} (acks=1, batched), built from {@link HostileTraffic}. A reader without
 * a consumer group watches the same topics as an outsider would: it learns the open round from
 * the plans topic's keys and re-sends every honest chunk it sees as contradicting chunks.
 *
 * <p>The flood is paced by round: by round r of R it has sent r/R of its record budget, so every
 * round sees hostile traffic; a prefill share of the bulk is sent as soon as the topics exist,
 * before the first plan. It stops at the budget, at its time limit or on {@link #close()}.
 * Its own records carry the header {@value #MARK_HEADER}, which no Rampart reader looks at, so the
 * watcher can tell them from honest ones. Thread-safe.
 */
public final class HostileFlood implements AutoCloseable {
  /** Record header that marks the flood's own records. */
  public static final String MARK_HEADER = "hostile";
  private static final int BATCH = 100;
  private static final int LONG_SENDERS_PER_TOPIC_AND_ROUND = 2;
  private static final int OVERSIZED_COORDINATES = 1 << 20;

  private final Settings settings;
  private final TopicNames topics;
  private final SplittableRandom random;
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong round = new AtomicLong();
  private final AtomicLong byzantineMessages = new AtomicLong();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread thread;
  private volatile Throwable failure;

  /**
   * What to flood.
   *
   * @param bootstrap the broker (loopback)
   * @param topics the job's topics
   * @param rounds rounds of the job, for pacing
   * @param budget hostile records to send in total
   * @param prefill bulk records to send as soon as the topics exist, before the first plan (so that
   *     a job faster than the flood still meets them: readers start from the topics' beginning)
   * @param timeLimit longest time the flood runs
   * @param enrolledIds ids the outsider claims (enrolled clients); the coordinator's id is "coordinator"
   * @param byzantine the enrolled Byzantine client's identity, which sends signed malformed
   *     secure-aggregation messages; empty for none
   * @param seed seed of every random choice
   * @param attacks the attack kinds to send; the bulk kinds share the budget
   */
  public record Settings(String bootstrap, TopicNames topics, int rounds, long budget, long prefill,
      Duration timeLimit, List<String> enrolledIds, Optional<Identity> byzantine, long seed, Set<Attack> attacks) {
    /** Checks the values. */
    public Settings {
      if (rounds < 1 || budget < 1 || prefill < 0 || prefill > budget || enrolledIds.isEmpty()) {
        throw new IllegalArgumentException("need rounds >= 1, 0 <= prefill <= budget and an enrolled id, but rounds="
            + rounds + ", budget=" + budget + ", prefill=" + prefill + ", enrolledIds=" + enrolledIds);
      }
      enrolledIds = List.copyOf(enrolledIds);
      attacks = attacks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(attacks));
    }
  }

  private HostileFlood(Settings settings) {
    this.settings = settings;
    this.topics = settings.topics();
    this.random = new SplittableRandom(settings.seed());
    this.thread = new Thread(this::run, "hostile-flood");
    this.thread.setDaemon(true);
  }

  /** Starts flooding in the background; the thread first waits for the job's topics. */
  public static HostileFlood start(Settings settings) {
    HostileFlood flood = new HostileFlood(settings);
    flood.thread.start();
    return flood;
  }

  /**
   * Waits until at least {@code records} were sent, the flood stopped, or {@code timeout} passed.
   *
   * @return whether that many were sent
   */
  public boolean awaitSent(long records, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (sent.get() < records && thread.isAlive() && System.nanoTime() < deadline) {
      stopped.await(50, TimeUnit.MILLISECONDS);
    }
    return sent.get() >= records;
  }

  /** Records sent so far (every record the producer accepted). */
  public long sent() {
    return sent.get();
  }

  /** Records sent per {@code "<topic kind> <attack kind>"}, e.g. {@code "secagg chunk-flood"}. */
  public Map<String, Long> counts() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /**
   * The enrolled Byzantine client's messages sent so far (whole messages, not frames): they are
   * authenticated, so an auditor may record each one.
   */
  public long byzantineMessages() {
    return byzantineMessages.get();
  }

  /** What stopped the flood early (a send the broker refused, a reader error), if anything did. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /** Stops the flood and waits (bounded) for its thread; idempotent. */
  @Override
  public void close() {
    stopped.countDown();
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    long deadline = System.nanoTime() + settings.timeLimit().toNanos();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(),
        new ByteArraySerializer(), new ByteArraySerializer());
        KafkaConsumer<byte[], byte[]> watcher = new KafkaConsumer<>(Map.<String, Object>of(
            "bootstrap.servers", settings.bootstrap(), "max.partition.fetch.bytes", 8 << 20),
            new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      Sender out = new Sender(producer);
      if (!assign(watcher, deadline)) {
        return;
      }
      long floodedRound = 0;
      List<Attack> bulk = Stream.of(Attack.CHUNK_FLOOD, Attack.RANDOM_BYTES, Attack.BAD_SIGNATURE)
          .filter(settings.attacks()::contains).toList();
      while (stopped.getCount() > 0 && sent.get() < settings.budget() && System.nanoTime() < deadline) {
        watch(watcher, out, Duration.ofMillis(5));
        long r = round.get();
        if (r != 0 && r != floodedRound) {
          perRound(out, r);
          floodedRound = r;
        }
        long paced = settings.budget() * Math.min(r, settings.rounds()) / settings.rounds();
        long allowed = Math.max(settings.prefill(), paced);
        if (sent.get() >= allowed || bulk.isEmpty()) {
          watch(watcher, out, Duration.ofMillis(50));
          continue;
        }
        for (int i = 0; i < BATCH; i++) {
          oneRecord(out, r, bulk);
        }
      }
      producer.flush();
    } catch (Throwable t) {
      failure = t;
    }
  }

  private Map<String, Object> producerProperties() {
    return Map.of("bootstrap.servers", settings.bootstrap(), ProducerConfig.ACKS_CONFIG, "1",
        ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1 << 20,
        ProducerConfig.CLIENT_ID_CONFIG, "outsider");
  }

  private boolean assign(KafkaConsumer<byte[], byte[]> watcher, long deadline) throws InterruptedException {
    List<String> wanted = List.of(topics.updates(), topics.secagg(), topics.plans(), topics.models());
    while (!stopped.await(100, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
      Map<String, ?> existing = watcher.listTopics(Duration.ofSeconds(5));
      if (existing.keySet().containsAll(wanted)) {
        List<TopicPartition> partitions = wanted.stream().flatMap(t -> watcher.partitionsFor(t, Duration.ofSeconds(5))
            .stream().map(p -> new TopicPartition(t, p.partition()))).toList();
        watcher.assign(partitions);
        watcher.seekToBeginning(partitions);
        return true;
      }
    }
    return false;
  }

  /** Reads what the honest parties wrote: the open round from plan keys, and chunks to contradict. */
  private void watch(KafkaConsumer<byte[], byte[]> watcher, Sender out, Duration timeout) {
    for (ConsumerRecord<byte[], byte[]> r : watcher.poll(timeout)) {
      if (r.headers().lastHeader(MARK_HEADER) != null || r.value() == null) {
        continue;
      }
      if (r.topic().equals(topics.plans()) && r.key() != null) {
        parseRound(new String(r.key(), StandardCharsets.UTF_8)).ifPresent(v -> round.accumulateAndGet(v, Math::max));
      }
      Frame frame;
      try {
        frame = Frame.parseFrom(r.value());
      } catch (InvalidProtocolBufferException e) {
        continue;
      }
      if (frame.hasChunk() && settings.attacks().contains(Attack.CONTRADICTING_CHUNK)) {
        for (byte[] value : HostileTraffic.contradictions(frame.getChunk(), random)) {
          out.send(r.topic(), r.partition(), r.key(), value, kind(r.topic()) + " contradicting-chunk");
        }
      }
    }
  }

  private static Optional<Long> parseRound(String key) {
    int end = 0;
    while (end < key.length() && Character.isDigit(key.charAt(end))) {
      end++;
    }
    return end == 0 || end > 18 ? Optional.empty() : Optional.of(Long.parseLong(key.substring(0, end)));
  }

  /** Once per round: oversized sender ids on every topic and the Byzantine client's messages. */
  private void perRound(Sender out, long r) {
    for (String topic : List.of(topics.updates(), topics.secagg(), topics.plans(), topics.models())) {
      for (int i = 0; settings.attacks().contains(Attack.LONG_SENDER) && i < LONG_SENDERS_PER_TOPIC_AND_ROUND; i++) {
        String sender = HostileTraffic.controlCharacters(HostileTraffic.LONG_SENDER_CHARS, random);
        String key = topic.equals(topics.secagg()) ? SecAggRecordKeys.fromClient(r, 0, "") + sender : sender;
        out.send(topic, null, key.getBytes(StandardCharsets.UTF_8),
            HostileTraffic.badlySigned(type(topic), topics.job().value(), r, sender, new byte[64], random),
            kind(topic) + " long-sender");
      }
    }
    settings.byzantine().ifPresent(b -> byzantine(out, b, r));
  }

  private void byzantine(Sender out, Identity b, long r) {
    byte[] key = SecAggRecordKeys.fromClient(r, 0, b.id()).getBytes(StandardCharsets.UTF_8);
    if (settings.attacks().contains(Attack.NESTED_KEY_LIST)) {
      sendSecAgg(out, b, r, key, HostileTraffic.nestedKeyList(b, topics.job().value(), r, 0,
          HostileTraffic.NESTING_DEPTH), "secagg byzantine-nested");
    }
    if (settings.attacks().contains(Attack.OVERSIZED_SECAGG)) {
      sendSecAgg(out, b, r, key, HostileTraffic.oversizedMaskedInput(b, topics.job().value(), r, 0,
          OVERSIZED_COORDINATES, random), "secagg byzantine-oversized");
    }
  }

  private void sendSecAgg(Sender out, Identity b, long r, byte[] key, byte[] message, String what) {
    for (byte[] frame : HostileTraffic.sealedSecAgg(b, topics.job().value(), r, message)) {
      out.send(topics.secagg(), null, key, frame, what);
    }
    byzantineMessages.incrementAndGet();
  }

  /** One record of a random kind to a random topic, addressed so the topic's readers handle it. */
  private void oneRecord(Sender out, long r, List<Attack> bulk) {
    List<String> all = List.of(topics.updates(), topics.secagg(), topics.plans(), topics.models());
    String topic = all.get(random.nextInt(all.size()));
    String claimed = topic.equals(topics.plans()) || topic.equals(topics.models()) ? "coordinator"
        : settings.enrolledIds().get(random.nextInt(settings.enrolledIds().size()));
    byte[] key = key(topic, r, claimed).getBytes(StandardCharsets.UTF_8);
    Attack pick = pick(bulk);
    if (pick == Attack.CHUNK_FLOOD) {
      out.send(topic, null, key, HostileTraffic.chunkFlood(claimed, type(topic), r, random), kind(topic) + " chunk-flood");
    } else if (pick == Attack.RANDOM_BYTES) {
      out.send(topic, null, key, HostileTraffic.randomBytes(random), kind(topic) + " random-bytes");
    } else {
      byte[] body = HostileTraffic.randomBytes(random);
      out.send(topic, null, key, HostileTraffic.badlySigned(type(topic), topics.job().value(), r, claimed, body, random),
          kind(topic) + " bad-signature");
    }
  }

  /** A bulk kind drawn with weights 45 (chunk flood), 30 (random bytes), 25 (bad signature) among {@code bulk}. */
  private Attack pick(List<Attack> bulk) {
    int total = bulk.stream().mapToInt(HostileFlood::weight).sum();
    int x = random.nextInt(total);
    for (Attack a : bulk) {
      x -= weight(a);
      if (x < 0) {
        return a;
      }
    }
    throw new AssertionError(bulk);
  }

  private static int weight(Attack a) {
    return a == Attack.CHUNK_FLOOD ? 45 : a == Attack.RANDOM_BYTES ? 30 : 25;
  }

  private String key(String topic, long r, String claimed) {
    if (topic.equals(topics.secagg())) {
      int group = random.nextInt(2);
      return random.nextBoolean() ? SecAggRecordKeys.fromClient(r, group, claimed)
          : SecAggRecordKeys.fromCoordinator(r, group);
    }
    if (topic.equals(topics.plans())) {
      return Long.toString(r);
    }
    return topic.equals(topics.models()) ? "v" + r : claimed;
  }

  private MessageType type(String topic) {
    if (topic.equals(topics.secagg())) {
      return MessageType.SECAGG;
    }
    if (topic.equals(topics.plans())) {
      return MessageType.ROUND_PLAN;
    }
    return topic.equals(topics.models()) ? MessageType.MODEL_VERSION : MessageType.CLIENT_UPDATE;
  }

  private String kind(String topic) {
    return topic.substring(topic.lastIndexOf('.') + 1);
  }

  /** Sends marked records and counts them. */
  private final class Sender {
    private final KafkaProducer<byte[], byte[]> producer;

    Sender(KafkaProducer<byte[], byte[]> producer) {
      this.producer = producer;
    }

    void send(String topic, Integer partition, byte[] key, byte[] value, String what) {
      RecordHeaders headers = new RecordHeaders();
      headers.add(MARK_HEADER, new byte[] {1});
      producer.send(new ProducerRecord<>(topic, partition, key, value, headers), (meta, e) -> {
        if (e != null && failure == null) {
          failure = e;
        }
      });
      sent.incrementAndGet();
      counts.computeIfAbsent(what, k -> new LongAdder()).increment();
    }
  }
}
