package dev.rampart.transport;

import dev.rampart.protocol.RampartException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Reads records of assigned partitions (manual assignment: readers never rebalance each other).
 * Not thread-safe, except {@link #wakeup()}, which any thread may call; {@link #close()} is
 * idempotent.
 */
public interface RecordReader extends AutoCloseable {
  /**
   * The partitions of {@code topic}. Right after the topic was created, or before it is, the
   * broker's answer is empty; this asks again every 100 ms until {@code wait} has passed or
   * {@code stop} says so.
   *
   * @param hint appended to the error, e.g. what to check
   * @throws RampartException naming the topic, the wait and the hint if none
   *     showed, or when interrupted
   */
  List<Partition> awaitPartitions(String topic, Duration wait, BooleanSupplier stop, String hint);

  /** Reads exactly these partitions from now on, each from its committed offset if any. */
  void assign(List<Partition> partitions);

  /** The assigned partitions. */
  List<Partition> assignment();

  /** Moves to the first offset of each of {@code partitions}. */
  void seekToBeginning(List<Partition> partitions);

  /** Moves to the current end of every assigned partition, so only later records are read. */
  void seekToEnd();

  /** The first offset of each partition. */
  Map<Partition, Long> beginningOffsets(List<Partition> partitions);

  /** The offset after the last record of each partition, waiting at most {@code timeout}. */
  Map<Partition, Long> endOffsets(List<Partition> partitions, Duration timeout);

  /** The offset of the next record this reader would read from {@code partition}. */
  long position(Partition partition);

  /** The records that arrived within {@code timeout}; empty after {@link #wakeup()}. */
  List<TransportRecord> poll(Duration timeout);

  /**
   * The records of {@code partition} with offsets in [{@code from}, {@code to}), reading until the
   * position reaches {@code to} or {@link System#nanoTime()} passes {@code deadlineNanos}; assigns
   * that partition alone.
   */
  List<TransportRecord> readRange(Partition partition, long from, long to, long deadlineNanos);

  /** Commits the position after everything {@link #poll} returned so far (group readers only). */
  void commitPositions();

  /**
   * Like {@link #commitPositions()} but without waiting: the commit completes during a later
   * {@link #poll} or at {@link #close()}. A commit that fails (its group coordinator frozen or
   * moved, say) is handed to {@code onFailure} then; the next commit covers the same records.
   */
  void commitPositionsAsync(java.util.function.Consumer<Exception> onFailure);

  /** Makes a blocking {@link #poll} return early (empty); safe from any thread. */
  void wakeup();

  /**
   * Releases the reader; idempotent. Call it from the reading thread, or once no thread reads any
   * more (end a blocking read with {@link #wakeup()} first).
   */
  @Override
  void close();
}
