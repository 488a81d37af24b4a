package dev.rampart.cli.hostile;

/**
 * The kinds of hostile traffic {@link HostileFlood} sends; {@link HostileFlood.Settings#attacks()}
 * picks which ones. Immutable and thread-safe.
 */
public enum Attack {
  /** {@link HostileTraffic#chunkFlood}: never-completing sets announcing 2^20 chunks (bulk). */
  CHUNK_FLOOD,
  /** {@link HostileTraffic#contradictions}: three answers to every honest chunk the watcher sees. */
  CONTRADICTING_CHUNK,
  /** {@link HostileTraffic#randomBytes} (bulk). */
  RANDOM_BYTES,
  /** {@link HostileTraffic#badlySigned} claiming enrolled senders or the coordinator (bulk). */
  BAD_SIGNATURE,
  /** 200 KiB control-character sender ids as record key and envelope sender, two per topic and round. */
  LONG_SENDER,
  /** The Byzantine client's {@link HostileTraffic#nestedKeyList}, one per round. */
  NESTED_KEY_LIST,
  /** The Byzantine client's 4 MiB {@link HostileTraffic#oversizedMaskedInput}, one per round. */
  OVERSIZED_SECAGG
}
