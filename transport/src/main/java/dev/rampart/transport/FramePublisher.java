package dev.rampart.transport;

import dev.rampart.protocol.RampartException;
import dev.rampart.protocol.wire.Frame;
import java.time.Duration;
import java.util.List;

/**
 * Writes records to the broker with the project's producer settings (all in-sync replicas
 * acknowledge, idempotent, no linger). Thread-safe, like the Kafka producer it wraps; {@link #close()}
 * is idempotent.
 */
public interface FramePublisher extends AutoCloseable {
  /** How long {@link #send} waits for the broker to acknowledge one frame. */
  Duration SEND_TIMEOUT = Duration.ofSeconds(120);

  /**
   * Sends the frames of one message in order, all before waiting, then waits until the broker has
   * acknowledged each, at most {@link #SEND_TIMEOUT} per frame.
   *
   * @throws RampartException naming the topic and key when a frame is not
   *     acknowledged in time or the thread is interrupted
   */
  void send(String topic, String key, List<Frame> frames, ChunkKeys keys);

  /**
   * Sends the frames of one message in order without waiting for their acknowledgement;
   * {@link #flush()} waits.
   */
  void sendWithoutWaiting(String topic, String key, List<Frame> frames, ChunkKeys keys);

  /** Sends one record without waiting for its acknowledgement; {@link #flush()} waits. */
  void sendWithoutWaiting(String topic, String key, byte[] value);

  /** Waits until every record sent so far is acknowledged or has failed. */
  void flush();

  /** Releases the producer, waiting up to 10 s for records in flight; idempotent. */
  @Override
  void close();
}
