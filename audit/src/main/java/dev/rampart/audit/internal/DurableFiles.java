package dev.rampart.audit.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * fsync helpers: forcing a directory makes a created, renamed or deleted entry durable on Linux
 * file systems; forcing a file makes its bytes durable.
 *
 * <p>Stateless and thread-safe.
 */
public final class DurableFiles {
  private static final AtomicLong TEMP_COUNTER = new AtomicLong();

  private DurableFiles() {}

  /**
   * Forces the directory entry list to disk. Platforms that cannot open a directory as a channel
   * (Windows) are skipped silently, since there renames are made durable by the file system.
   *
   * @throws IOException when the directory cannot be forced
   */
  public static void forceDirectory(Path directory) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(directory, StandardOpenOption.READ);
    } catch (IOException e) {
      if (System.getProperty("os.name", "").startsWith("Windows")) {
        return;
      }
      throw e;
    }
    try (channel) {
      channel.force(true);
    }
  }

  /** Writes every byte of {@code bytes} at the channel's position. */
  public static void writeFully(FileChannel channel, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  /**
   * Replaces {@code target} with {@code bytes}: temporary sibling (created with the default
   * permissions, so the umask applies), fsync, atomic rename, fsync of the directory. Readers see
   * the old content or the new, never a mix.
   *
   * @throws IOException when a step fails; the temporary file is removed
   */
  public static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
        + TEMP_COUNTER.incrementAndGet() + ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
          StandardOpenOption.CREATE_NEW)) {
        writeFully(ch, bytes);
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      forceDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
