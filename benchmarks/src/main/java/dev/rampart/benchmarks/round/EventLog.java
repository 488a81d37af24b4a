package dev.rampart.benchmarks.round;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * This JVM's timestamped events (Kafka sends, acknowledgements, consumed records, trainer calls,
 * committed rounds), written as CSV when the JVM's work is done. Times are microseconds since the
 * epoch from the system clock, which every JVM on the machine shares. Thread-safe.
 */
final class EventLog {
  private static final ConcurrentLinkedQueue<String> LINES = new ConcurrentLinkedQueue<>();

  private EventLog() {}

  /** Microseconds since the epoch. */
  static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  /**
   * Records one event.
   *
   * @param kind what happened, e.g. {@code send}, {@code ack}, {@code consume}, {@code train}
   * @param party which client or coordinator it happened to
   * @param topic the topic kind ({@code models}, {@code updates}, …) or empty
   * @param round the round when known, else -1
   * @param micros when it happened (or started)
   * @param value a second number: the end time, a record count or a duration
   */
  static void record(String kind, String party, String topic, long round, long micros, long value) {
    LINES.add(kind + "," + party + "," + topic + "," + round + "," + micros + "," + value);
  }

  /** Writes every event recorded so far to {@code file} (header line first). */
  static void writeTo(Path file) {
    List<String> lines = new ArrayList<>();
    lines.add("kind,party,topic,round,micros,value");
    lines.addAll(LINES);
    try {
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
