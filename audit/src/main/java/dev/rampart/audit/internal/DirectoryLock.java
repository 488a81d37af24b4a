package dev.rampart.audit.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive advisory lock on {@code <directory>/audit.lock}, so that two writers (two
 * coordinator processes, or two logs in one JVM) never append to the same chain. The lock file is
 * left in place; its presence means nothing, only the OS lock does.
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
public final class DirectoryLock implements AutoCloseable {
  /** Name of the lock file inside the audit directory. */
  public static final String FILE_NAME = "audit.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock without waiting.
   *
   * @return the lock, or null when another process or another open log in this JVM holds it
   * @throws IOException when the lock file cannot be created or opened
   */
  public static DirectoryLock tryAcquire(Path directory) throws IOException {
    FileChannel channel = FileChannel.open(directory.resolve(FILE_NAME), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      return null;
    }
    return new DirectoryLock(channel, lock);
  }

  /** Releases the lock; idempotent. */
  @Override
  public synchronized void close() throws IOException {
    if (channel.isOpen()) {
      try {
        lock.release();
      } finally {
        channel.close();
      }
    }
  }
}
