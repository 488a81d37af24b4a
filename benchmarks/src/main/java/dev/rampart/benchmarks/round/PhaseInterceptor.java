package dev.rampart.benchmarks.round;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Records, in the {@link EventLog}, when each record is handed to a producer ({@code send}), when
 * the broker acknowledges it ({@code ack}) and when a consumer's poll returns records
 * ({@code consume}, one event per topic and poll with the record count). It is installed through the
 * public {@code kafkaProperty("interceptor.classes", …)} of the coordinator and client
 * configurations, which pass it to their producers and consumers; it changes no record. Kafka
 * calls it from the sending thread and its I/O thread; the log is thread-safe.
 */
public final class PhaseInterceptor implements ProducerInterceptor<Object, Object>, ConsumerInterceptor<Object, Object> {
  private static final String READER = ".reader";
  private static final String CLIENT = ".client.";

  private volatile String party = "";

  /** Created by Kafka from {@code interceptor.classes}. */
  public PhaseInterceptor() {
    // Kafka's configured-instance factory needs a public no-argument constructor.
  }

  /** Takes the party name from the Kafka client id ({@code …coordinator} or {@code …client.<id>[.reader]}). */
  @Override
  public void configure(Map<String, ?> configs) {
    Object clientId = configs.get("client.id");
    party = party(clientId == null ? "" : clientId.toString());
  }

  /** {@code client-03} for {@code rampart.job.client.client-03[.reader]}, {@code coordinator} for {@code ….coordinator}. */
  static String party(String kafkaClientId) {
    String id = kafkaClientId.endsWith(READER) ? kafkaClientId.substring(0, kafkaClientId.length() - READER.length())
        : kafkaClientId;
    int client = id.lastIndexOf(CLIENT);
    if (client >= 0) {
      return id.substring(client + CLIENT.length());
    }
    return id.endsWith("coordinator") ? "coordinator" : id;
  }

  /** Records the hand-over of a record to the producer. */
  @Override
  public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
    EventLog.record("send", party, kind(record.topic()), -1, EventLog.nowMicros(), 1);
    return record;
  }

  /** Records the broker's acknowledgement (or failure, as {@code ackfail}). */
  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    String topic = metadata == null ? "" : kind(metadata.topic());
    EventLog.record(exception == null ? "ack" : "ackfail", party, topic, -1, EventLog.nowMicros(), 1);
  }

  /** Records how many records of each topic a poll returned. */
  @Override
  public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
    if (records.isEmpty()) {
      return records;
    }
    long now = EventLog.nowMicros();
    Map<String, Integer> counts = new HashMap<>();
    for (ConsumerRecord<Object, Object> r : records) {
      counts.merge(kind(r.topic()), 1, Integer::sum);
    }
    counts.forEach((topic, n) -> EventLog.record("consume", party, topic, -1, now, n));
    return records;
  }

  /** Ignored. */
  @Override
  public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    // Offsets commits are not a phase of the round.
  }

  /** Nothing to release. */
  @Override
  public void close() {
    // The event log outlives the Kafka clients.
  }

  /** The last dot-separated part of a topic name: {@code plans}, {@code models}, {@code updates}. */
  private static String kind(String topic) {
    return topic.substring(topic.lastIndexOf('.') + 1);
  }
}
