package dev.rampart.audit;

import dev.rampart.audit.internal.DirectoryLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** Taking and giving back the one-writer lock of an audit directory. Stateless. */
final class LogDirectory {
  private LogDirectory() {}

  /**
   * Creates the directory when missing and takes its exclusive lock.
   *
   * @throws AuditException when the directory cannot be created or another writer holds the lock
   */
  static DirectoryLock lock(Path directory) {
    Objects.requireNonNull(directory, "directory");
    DirectoryLock lock;
    try {
      Files.createDirectories(directory);
      lock = DirectoryLock.tryAcquire(directory);
    } catch (IOException e) {
      throw new AuditException("cannot open audit directory " + directory + ": " + e.getMessage(),
          e);
    }
    if (lock == null) {
      throw new AuditException("audit directory " + directory + " is already open for writing "
          + "(lock " + DirectoryLock.FILE_NAME + " is held)");
    }
    return lock;
  }

  /** Releases {@code lock} after {@code primary} ended the opening, keeping any close failure. */
  static void unlockAfter(RuntimeException primary, DirectoryLock lock) {
    try {
      lock.close();
    } catch (IOException e) {
      primary.addSuppressed(e);
    }
  }
}
