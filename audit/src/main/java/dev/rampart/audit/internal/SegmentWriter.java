package dev.rampart.audit.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends whole lines to the newest segment file and rolls to a new segment when the next line
 * would push a non-empty segment past the size limit (so a line is never split across segments,
 * and a line longer than the limit gets a segment of its own).
 *
 * <p>Durability: with {@code forceEachLine} every line is forced to disk before
 * {@link #append} returns; with {@code forceOnRoll} a segment is forced when it is closed (roll
 * or close). A new segment's directory entry is forced whenever either flag is set.
 *
 * <p>Not thread-safe; the owning log serialises calls.
 */
public final class SegmentWriter implements AutoCloseable {
  private final Path directory;
  private final long maxSegmentBytes;
  private final boolean forceEachLine;
  private final boolean forceOnRoll;
  private long number;
  private long size;
  private FileChannel channel;

  /**
   * Continues segment {@code number} of size {@code size} (opened lazily), or starts segment 1
   * when {@code number} is 0.
   */
  public SegmentWriter(Path directory, long number, long size, long maxSegmentBytes,
      boolean forceEachLine, boolean forceOnRoll) {
    this.directory = directory;
    this.number = number;
    this.size = size;
    this.maxSegmentBytes = maxSegmentBytes;
    this.forceEachLine = forceEachLine;
    this.forceOnRoll = forceOnRoll;
  }

  /**
   * Appends one complete line. When writing or forcing it fails (a full disk, an I/O error), the
   * segment is cut back to its last whole line before the exception is thrown, so no part of the
   * line stays behind; only when that cut fails too does the segment keep a partial line, which a
   * later open reports as a torn tail.
   *
   * @throws IOException when writing or forcing fails
   */
  public void append(byte[] line) throws IOException {
    if (number == 0 || (size > 0 && size + line.length > maxSegmentBytes)) {
      roll();
    } else if (channel == null) {
      channel = FileChannel.open(current(), StandardOpenOption.WRITE, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
    try {
      DurableFiles.writeFully(channel, line);
      if (forceEachLine) {
        channel.force(false);
      }
    } catch (IOException e) {
      cutBack(e);
      throw e;
    }
    size += line.length;
  }

  /** Truncates the open segment to its last whole line after a failed append. */
  private void cutBack(IOException cause) {
    try {
      channel.truncate(size);
      channel.force(false);
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private void roll() throws IOException {
    closeChannel();
    number++;
    size = 0;
    channel = FileChannel.open(current(), StandardOpenOption.WRITE,
        StandardOpenOption.CREATE_NEW, StandardOpenOption.APPEND);
    if (forceEachLine || forceOnRoll) {
      DurableFiles.forceDirectory(directory);
    }
  }

  private Path current() {
    return directory.resolve(SegmentFiles.name(number));
  }

  /** Number of the segment written last (0 before the first line). */
  public long segmentNumber() {
    return number;
  }

  /** Path of the segment written last, or null before the first line. */
  public Path segmentPath() {
    return number == 0 ? null : current();
  }

  private void closeChannel() throws IOException {
    if (channel != null) {
      try {
        if (forceOnRoll || forceEachLine) {
          channel.force(false);
        }
      } finally {
        channel.close();
        channel = null;
      }
    }
  }

  /** Forces (per policy) and closes the open segment; idempotent. */
  @Override
  public void close() throws IOException {
    closeChannel();
  }
}
