package dev.rampart.cli.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reader of the IDX format of MNIST and Fashion-MNIST, gzip-compressed ({@code .gz}, detected by
 * its magic bytes) or plain. Only unsigned-byte data is accepted: images have magic 0x00000803
 * and dimensions count × rows × columns, labels magic 0x00000801 and a count. Every error names
 * the file and what was wrong.
 *
 * <p>Stateless and thread-safe.
 */
public final class IdxFile {
  /** Magic number of an unsigned-byte, three-dimensional IDX file (images). */
  public static final int IMAGES_MAGIC = 0x00000803;
  /** Magic number of an unsigned-byte, one-dimensional IDX file (labels). */
  public static final int LABELS_MAGIC = 0x00000801;
  private static final int MAX_ITEMS = 10_000_000;

  private IdxFile() {}

  /**
   * Images as rows of rows·columns pixels scaled to [0, 1] (byte / 255).
   *
   * @throws IllegalArgumentException when the magic, the sizes or the length do not fit
   * @throws UncheckedIOException naming the file when it cannot be read
   */
  public static float[][] readImages(Path file) {
    try (DataInputStream in = open(file)) {
      int magic = in.readInt();
      if (magic != IMAGES_MAGIC) {
        throw new IllegalArgumentException(file + ": magic number 0x" + Integer.toHexString(magic)
            + " is not an IDX image file (expected 0x00000803)");
      }
      int count = in.readInt();
      int rows = in.readInt();
      int columns = in.readInt();
      if (count < 0 || count > MAX_ITEMS || rows < 1 || columns < 1 || rows > 4096 || columns > 4096) {
        throw new IllegalArgumentException(file + ": implausible image dimensions " + count + " x " + rows + " x " + columns);
      }
      int pixels = rows * columns;
      float[][] out = new float[count][pixels];
      byte[] buffer = new byte[pixels];
      for (int i = 0; i < count; i++) {
        readFully(in, buffer, file, i, count);
        for (int j = 0; j < pixels; j++) {
          out[i][j] = (buffer[j] & 0xff) / 255f;
        }
      }
      requireEnd(in, file);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read IDX images " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Labels as ints in [0, 255].
   *
   * @throws IllegalArgumentException when the magic, the count or the length do not fit
   * @throws UncheckedIOException naming the file when it cannot be read
   */
  public static int[] readLabels(Path file) {
    try (DataInputStream in = open(file)) {
      int magic = in.readInt();
      if (magic != LABELS_MAGIC) {
        throw new IllegalArgumentException(file + ": magic number 0x" + Integer.toHexString(magic)
            + " is not an IDX label file (expected 0x00000801)");
      }
      int count = in.readInt();
      if (count < 0 || count > MAX_ITEMS) {
        throw new IllegalArgumentException(file + ": implausible label count " + count);
      }
      byte[] buffer = new byte[count];
      readFully(in, buffer, file, 0, count);
      requireEnd(in, file);
      int[] out = new int[count];
      for (int i = 0; i < count; i++) {
        out[i] = buffer[i] & 0xff;
      }
      return out;
    } catch (EOFException e) {
      throw new IllegalArgumentException(file + ": truncated IDX header", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read IDX labels " + file + ": " + e.getMessage(), e);
    }
  }

  private static DataInputStream open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString());
    }
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    raw.mark(2);
    int b0 = raw.read();
    int b1 = raw.read();
    raw.reset();
    boolean gzip = b0 == 0x1f && b1 == 0x8b;
    return new DataInputStream(new BufferedInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw, 1 << 16));
  }

  private static void readFully(DataInputStream in, byte[] buffer, Path file, int item, int count) throws IOException {
    try {
      in.readFully(buffer);
    } catch (EOFException e) {
      throw new IllegalArgumentException(file + ": file ends inside item " + item + " of " + count
          + " declared in the header", e);
    }
  }

  private static void requireEnd(DataInputStream in, Path file) throws IOException {
    if (in.read() != -1) {
      throw new IllegalArgumentException(file + ": trailing bytes after the items declared in the header");
    }
  }
}
