package dev.rampart.audit.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads LF-terminated lines as raw bytes, tracking each line's byte offset; the final chunk may
 * lack its LF (a torn tail), which {@link Line#terminated()} reports. Lines longer than the limit
 * are cut at the limit and reported as {@link Line#oversized()}, and the reader skips to the next
 * LF.
 *
 * <p>Not thread-safe; one reader per stream.
 */
public final class LineReader {
  private final InputStream in;
  private final int maxBytes;
  private final byte[] buffer = new byte[64 * 1024];
  private int position;
  private int limit;
  private long offset;

  /** A line: its bytes (LF included when terminated) and where it starts. */
  public record Line(byte[] bytes, long offset, boolean terminated, boolean oversized) {}

  /** Reads from {@code in} (not closed by this reader); lines longer than {@code maxBytes} are cut. */
  public LineReader(InputStream in, int maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
  }

  /**
   * The next line, or null at end of stream.
   *
   * @throws IOException from the stream
   */
  public Line next() throws IOException {
    long start = offset;
    ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    boolean oversized = false;
    while (true) {
      if (position == limit && !fill()) {
        return line.size() == 0 && !oversized ? null
            : new Line(line.toByteArray(), start, false, oversized);
      }
      int lf = indexOfLf();
      int end = lf < 0 ? limit : lf + 1;
      int take = end - position;
      if (!oversized && line.size() + take > maxBytes) {
        line.write(buffer, position, Math.max(0, maxBytes - line.size()));
        oversized = true;
      } else if (!oversized) {
        line.write(buffer, position, take);
      }
      offset += take;
      position = end;
      if (lf >= 0) {
        return new Line(line.toByteArray(), start, true, oversized);
      }
    }
  }

  private int indexOfLf() {
    for (int i = position; i < limit; i++) {
      if (buffer[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer);
    if (n <= 0) {
      return false;
    }
    position = 0;
    limit = n;
    return true;
  }
}
