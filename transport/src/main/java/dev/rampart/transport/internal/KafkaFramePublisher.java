package dev.rampart.transport.internal;

import dev.rampart.protocol.RampartException;
import dev.rampart.protocol.wire.Frame;
import dev.rampart.transport.ChunkKeys;
import dev.rampart.transport.FramePublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** {@link FramePublisher} over a Kafka producer. Thread-safe; close is idempotent. */
public final class KafkaFramePublisher implements FramePublisher {
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final Producer<String, byte[]> producer;
  private final Duration sendTimeout;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Publishes with {@code producer}, which it then owns, waiting {@code sendTimeout} per frame. */
  public KafkaFramePublisher(Producer<String, byte[]> producer, Duration sendTimeout) {
    this.producer = producer;
    this.sendTimeout = sendTimeout;
  }

  @Override
  public void send(String topic, String key, List<Frame> frames, ChunkKeys keys) {
    for (Future<RecordMetadata> f : sendAll(topic, key, frames, keys)) {
      try {
        f.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new RampartException("cannot publish to " + topic + " (key " + key + "): " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RampartException("interrupted while publishing to " + topic + " (key " + key + ")", e);
      }
    }
  }

  @Override
  public void sendWithoutWaiting(String topic, String key, List<Frame> frames, ChunkKeys keys) {
    sendAll(topic, key, frames, keys);
  }

  private List<Future<RecordMetadata>> sendAll(String topic, String key, List<Frame> frames, ChunkKeys keys) {
    List<Future<RecordMetadata>> sent = new ArrayList<>(frames.size());
    for (int i = 0; i < frames.size(); i++) {
      sent.add(producer.send(new ProducerRecord<>(topic, keys.keyOf(key, i, frames.size()), frames.get(i).toByteArray())));
    }
    return sent;
  }

  @Override
  public void sendWithoutWaiting(String topic, String key, byte[] value) {
    producer.send(new ProducerRecord<>(topic, key, value));
  }

  @Override
  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      producer.close(CLOSE_TIMEOUT);
    }
  }
}
