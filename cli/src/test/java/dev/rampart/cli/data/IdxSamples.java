package dev.rampart.cli.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Small IDX files for tests of the IDX reader and of the data sets built on it. */
public final class IdxSamples {
  private IdxSamples() {}

  /** Two 2×2 images: [0, 255, 51, 102] and [255, 0, 0, 0]. */
  public static byte[] images(int magic, int count) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(magic);
    out.writeInt(count);
    out.writeInt(2);
    out.writeInt(2);
    out.write(new byte[] {0, (byte) 255, 51, 102, (byte) 255, 0, 0, 0});
    return bytes.toByteArray();
  }

  /** An IDX label file holding {@code values}. */
  public static byte[] labels(int... values) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(IdxFile.LABELS_MAGIC);
    out.writeInt(values.length);
    for (int v : values) {
      out.writeByte(v);
    }
    return bytes.toByteArray();
  }

  /** Writes {@code content} gzipped to {@code file}. */
  public static Path gzip(Path file, byte[] content) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content);
    }
    return file;
  }
}
