package dev.rampart.transport;

/** How the frames of one message are keyed when they are sent. Immutable and thread-safe. */
public enum ChunkKeys {
  /** Every frame under the message's key: one partition, read in order. */
  SHARED,
  /**
   * Each frame of a chunked message under {@code key#index} (a single frame keeps the plain key);
   * needed on compacted topics, where one key would keep only the last chunk.
   */
  PER_CHUNK;

  /** The record key of frame {@code index} of {@code count} frames of the message keyed {@code key}. */
  public String keyOf(String key, int index, int count) {
    return this == PER_CHUNK && count > 1 ? key + "#" + index : key;
  }
}
