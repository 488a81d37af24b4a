package dev.rampart.client.internal;

import dev.rampart.protocol.RampartException;
import dev.rampart.protocol.wire.Frame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Sends one message's frames under one key and waits for every acknowledgement. Stateless. */
final class FrameSender {
  /** How long a client waits for the broker to acknowledge one frame. */
  static final Duration SEND_TIMEOUT = Duration.ofSeconds(120);

  private FrameSender() {}

  /**
   * Sends {@code frames} to {@code topic} keyed by {@code key}, all before waiting, then waits for
   * each acknowledgement.
   *
   * @throws RampartException naming the topic and key when a frame is not acknowledged in time
   */
  static void send(Producer<String, byte[]> producer, String topic, String key, List<Frame> frames) {
    List<Future<RecordMetadata>> sent = new ArrayList<>(frames.size());
    for (Frame f : frames) {
      sent.add(producer.send(new ProducerRecord<>(topic, key, f.toByteArray())));
    }
    for (Future<RecordMetadata> f : sent) {
      try {
        f.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new RampartException("cannot publish to " + topic + " (key " + key + "): " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RampartException("interrupted while publishing to " + topic + " (key " + key + ")", e);
      }
    }
  }
}
