package dev.rampart.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.protocol.RampartException;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.Frame;
import dev.rampart.testkit.KafkaFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The transport against a real broker: topic creation, partition wait, send-and-ack, commits, close. */
class KafkaTransportIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();
  private static final AtomicInteger TOPICS = new AtomicInteger();
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static KafkaTransport transport() {
    return KafkaTransport.of(KafkaSettings.builder().bootstrapServers(KAFKA.bootstrapServers()).build());
  }

  private static String freshTopic() {
    return "transport-it." + TOPICS.incrementAndGet();
  }

  private static Frame frame(String job) {
    return Frame.newBuilder().setEnvelope(Envelope.newBuilder().setJobId(job)).build();
  }

  /** Reads {@code topic} from the beginning until {@code count} records arrived or the wait ran out. */
  private static List<TransportRecord> readAll(KafkaTransport transport, String topic, int count) {
    try (RecordReader reader = transport.reader("transport-it.reader")) {
      List<Partition> partitions = reader.awaitPartitions(topic, WAIT, () -> false, "");
      reader.assign(partitions);
      reader.seekToBeginning(partitions);
      List<TransportRecord> out = new ArrayList<>();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (out.size() < count && System.nanoTime() < deadline) {
        out.addAll(reader.poll(Duration.ofMillis(200)));
      }
      return out;
    }
  }

  @Test
  void ensureTopics_missingThenExisting_createsOnceWithPartitionsAndConfigs() throws Exception {
    KafkaTransport transport = transport();
    String compacted = freshTopic();
    String plain = freshTopic();
    List<TopicSpec> wanted = List.of(TopicSpec.of(compacted, 3, (short) 1).compacted(),
        TopicSpec.of(plain, 1, (short) 1).retainedForever());

    transport.ensureTopics(wanted);
    assertThatCode(() -> transport.ensureTopics(wanted)).doesNotThrowAnyException();

    try (RecordReader reader = transport.reader("transport-it.meta")) {
      assertThat(reader.awaitPartitions(compacted, WAIT, () -> false, "")).hasSize(3);
      assertThat(reader.awaitPartitions(plain, WAIT, () -> false, "")).containsExactly(new Partition(plain, 0));
    }
    try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", KAFKA.bootstrapServers()))) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, compacted);
      Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
      assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
    }
  }

  @Test
  void deleteTopics_existingAndMissing_deletesTheExistingOnesAndSkipsTheRest() throws Exception {
    KafkaTransport transport = transport();
    String doomed = freshTopic();
    String kept = freshTopic();
    transport.ensureTopics(List.of(TopicSpec.of(doomed, 1, (short) 1), TopicSpec.of(kept, 1, (short) 1)));

    transport.deleteTopics(List.of(doomed, "transport-it.never-created"));

    try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", KAFKA.bootstrapServers()))) {
      Awaitility.await().atMost(WAIT).untilAsserted(() ->
          assertThat(admin.listTopics().names().get()).contains(kept).doesNotContain(doomed));
    }
  }

  @Test
  void awaitPartitions_missingTopic_failsNamingTopicAndHint() {
    try (RecordReader reader = transport().reader("transport-it.missing")) {
      assertThatThrownBy(() -> reader.awaitPartitions("transport-it.never", Duration.ofMillis(500), () -> false,
          "; was it created?"))
          .isInstanceOf(RampartException.class)
          .hasMessageContaining("transport-it.never").hasMessageEndingWith("; was it created?");
    }
  }

  @Test
  void awaitPartitions_rightAfterCreation_returnsThePartitions() {
    KafkaTransport transport = transport();
    String topic = freshTopic();
    transport.ensureTopics(List.of(TopicSpec.of(topic, 2, (short) 1)));

    try (RecordReader reader = transport.reader("transport-it.fresh")) {
      assertThat(reader.awaitPartitions(topic, WAIT, () -> false, ""))
          .containsExactlyInAnyOrder(new Partition(topic, 0), new Partition(topic, 1));
    }
  }

  @Test
  void send_perChunk_everyFrameAcknowledgedAndReadBackInOrder() {
    KafkaTransport transport = transport();
    String topic = freshTopic();
    transport.ensureTopics(List.of(TopicSpec.of(topic, 1, (short) 1).compacted()));
    List<Frame> frames = List.of(frame("a"), frame("b"), frame("c"));

    try (FramePublisher publisher = transport.publisher("transport-it.publisher")) {
      publisher.send(topic, "v1", frames, ChunkKeys.PER_CHUNK);
      publisher.sendWithoutWaiting(topic, "tail", new byte[] {42});
      publisher.flush();
    }

    List<TransportRecord> read = readAll(transport, topic, 4);
    assertThat(read).extracting(TransportRecord::key).containsExactly("v1#0", "v1#1", "v1#2", "tail");
    assertThat(read.get(2).value()).isEqualTo(frame("c").toByteArray());
    assertThat(read.get(3).where()).isEqualTo(topic + "-0@3");
  }

  @Test
  void readRange_returnsExactlyTheRange() {
    KafkaTransport transport = transport();
    String topic = freshTopic();
    transport.ensureTopics(List.of(TopicSpec.of(topic, 1, (short) 1)));
    try (FramePublisher publisher = transport.publisher("transport-it.range")) {
      for (int i = 0; i < 10; i++) {
        publisher.sendWithoutWaiting(topic, Integer.toString(i), new byte[] {(byte) i});
      }
      publisher.flush();
    }

    try (RecordReader reader = transport.reader("transport-it.range-reader")) {
      Partition p = new Partition(topic, 0);
      assertThat(reader.endOffsets(List.of(p), WAIT)).containsEntry(p, 10L);
      assertThat(reader.beginningOffsets(List.of(p))).containsEntry(p, 0L);
      assertThat(reader.readRange(p, 4, 7, System.nanoTime() + WAIT.toNanos()))
          .extracting(TransportRecord::key).containsExactly("4", "5", "6");
    }
  }

  /** Both commit modes: the asynchronous commit must have completed by the reader's close. */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void groupReader_commitPositions_nextReaderOfTheGroupResumesAfterThem(boolean async) {
    KafkaTransport transport = transport();
    String topic = freshTopic();
    String group = topic + ".group";
    transport.ensureTopics(List.of(TopicSpec.of(topic, 1, (short) 1)));
    try (FramePublisher publisher = transport.publisher("transport-it.group")) {
      publisher.send(topic, "first", List.of(frame("1")), ChunkKeys.SHARED);
    }
    List<Exception> failures = new ArrayList<>();
    try (RecordReader reader = transport.groupReader(group, "transport-it.group-1")) {
      reader.assign(reader.awaitPartitions(topic, WAIT, () -> false, ""));
      assertThat(pollUntil(reader, 1)).extracting(TransportRecord::key).containsExactly("first");
      if (async) {
        reader.commitPositionsAsync(failures::add);
      } else {
        reader.commitPositions();
      }
    }
    try (FramePublisher publisher = transport.publisher("transport-it.group")) {
      publisher.send(topic, "second", List.of(frame("2")), ChunkKeys.SHARED);
    }

    try (RecordReader reader = transport.groupReader(group, "transport-it.group-2")) {
      reader.assign(reader.awaitPartitions(topic, WAIT, () -> false, ""));
      assertThat(pollUntil(reader, 1)).extracting(TransportRecord::key).containsExactly("second");
    }
    assertThat(failures).isEmpty();
  }

  private static List<TransportRecord> pollUntil(RecordReader reader, int count) {
    List<TransportRecord> out = new ArrayList<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (out.size() < count && System.nanoTime() < deadline) {
      out.addAll(reader.poll(Duration.ofMillis(200)));
    }
    return out;
  }

  @Test
  void close_twice_isIdempotentForPublisherAndReader() {
    KafkaTransport transport = transport();
    FramePublisher publisher = transport.publisher("transport-it.close");
    RecordReader reader = transport.reader("transport-it.close-reader");

    publisher.close();
    reader.wakeup();
    reader.close();

    assertThatCode(() -> {
      publisher.close();
      reader.close();
    }).doesNotThrowAnyException();
  }
}
