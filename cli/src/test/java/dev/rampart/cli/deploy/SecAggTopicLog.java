package dev.rampart.cli.deploy;

import dev.rampart.crypto.secagg.MessageKind;
import dev.rampart.crypto.secagg.SecAggMessage;
import dev.rampart.protocol.ChunkRefusal;
import dev.rampart.protocol.ChunkVerifier;
import dev.rampart.protocol.Reassembler;
import dev.rampart.protocol.Reassembly;
import dev.rampart.protocol.ReassemblyLimits;
import dev.rampart.protocol.RejectionReason;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.MessageType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every secure-aggregation message on a job's secagg topic, client and coordinator alike, read
 * from the beginning and kept in topic order (one partition per record key, so one sender's
 * messages of a round keep their order). Each record is reassembled on its own, so a resent
 * message shows up even when its frame repeats an earlier one; the messages of these tests fit
 * one frame. Not thread-safe.
 */
final class SecAggTopicLog implements AutoCloseable {
  /** Each record is reassembled alone, so only single-frame messages are read; chunks are refused. */
  private static final ChunkVerifier SINGLE_FRAMES_ONLY = chunk -> Optional.of(
      new ChunkRefusal(RejectionReason.MALFORMED, "this log reads single-frame messages only"));
  private final String topic;
  private final KafkaConsumer<String, byte[]> consumer;
  private final List<Sent> messages = new ArrayList<>();
  private boolean assigned;

  /**
   * One message as it appeared on the topic.
   *
   * @param round the envelope's round
   * @param sender the envelope's signer
   * @param body the signed message bytes inside the envelope (what the state machines produce)
   * @param message the decoded message
   */
  record Sent(long round, String sender, byte[] body, SecAggMessage message) {
    MessageKind kind() {
      return message.kind();
    }
  }

  SecAggTopicLog(String bootstrap, String topic) {
    this.topic = topic;
    this.consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap),
        new StringDeserializer(), new ByteArrayDeserializer());
  }

  /** Reads what arrived since the last call (nothing while the topic does not exist) and returns all so far. */
  List<Sent> poll() {
    if (!assigned) {
      if (!consumer.listTopics(Duration.ofSeconds(10)).containsKey(topic)) {
        return List.copyOf(messages);
      }
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      assigned = true;
    }
    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
      if (r.value() != null
          && Reassembler.create(ReassemblyLimits.defaults(), SINGLE_FRAMES_ONLY, Clock.systemUTC())
              .accept(r.key(), r.value()) instanceof Reassembly.Complete c
          && c.envelope().getType() == MessageType.SECAGG) {
        Envelope e = c.envelope();
        byte[] body = e.getBody().toByteArray();
        messages.add(new Sent(e.getRound(), e.getSender(), body, SecAggMessage.decode(body)));
      }
    }
    return List.copyOf(messages);
  }

  /** The messages of {@code kind} that {@code sender} sent in {@code round}, in topic order. */
  List<Sent> of(long round, String sender, MessageKind kind) {
    return messages.stream().filter(m -> m.round() == round && m.sender().equals(sender) && m.kind() == kind)
        .toList();
  }

  /** Reads until the topic's current end (bounded), then returns every message. */
  List<Sent> readToEnd(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    poll();
    Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), timeout);
    while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("reading " + topic + " took longer than " + timeout);
      }
      poll();
    }
    return List.copyOf(messages);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
