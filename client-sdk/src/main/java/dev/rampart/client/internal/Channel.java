package dev.rampart.client.internal;

import dev.rampart.transport.FramePublisher;
import dev.rampart.transport.RecordReader;

/**
 * A publisher and a reader of one client that end together: the base of the client's channels.
 * Not thread-safe, except {@link #wakeup()}; {@link #close()} is idempotent.
 */
public abstract class Channel implements AutoCloseable {
  /** Writes this channel's messages. */
  protected final FramePublisher publisher;
  /** Reads this channel's topics. */
  protected final RecordReader reader;

  /** A channel owning {@code publisher} and {@code reader}. */
  protected Channel(FramePublisher publisher, RecordReader reader) {
    this.publisher = publisher;
    this.reader = reader;
  }

  /** Makes a blocking poll return early (empty); safe from any thread. */
  public void wakeup() {
    reader.wakeup();
  }

  /** Releases the publisher, then the reader; idempotent. */
  @Override
  public void close() {
    try {
      publisher.close();
    } finally {
      reader.close();
    }
  }
}
