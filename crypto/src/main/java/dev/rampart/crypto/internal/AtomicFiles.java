package dev.rampart.crypto.internal;

import dev.rampart.protocol.RampartException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes small files so that readers see either the old or the new content, never a torn
 * file: write to a temporary sibling, force it to disk, then rename over the target.
 *
 * <p>Stateless and thread-safe; concurrent writers of the same target race, the last rename wins.
 */
public final class AtomicFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private AtomicFiles() {}

  /**
   * Atomically replaces {@code target} with {@code content} encoded as UTF-8.
   *
   * @param target the file to create or replace; its parent directory must exist
   * @param content the full new content
   * @param ownerOnly if true and the file system supports POSIX permissions, the file is created
   *     with mode 0600 from the start (never readable by others, even briefly)
   * @throws RampartException naming the file if any I/O step fails; the target is then unchanged
   */
  public static void writeString(Path target, String content, boolean ownerOnly) {
    writeBytes(target, content.getBytes(StandardCharsets.UTF_8), ownerOnly);
  }

  /**
   * Atomically replaces {@code target} with {@code content}, the same way as {@link #writeString}.
   *
   * @param target the file to create or replace; its parent directory must exist
   * @param content the full new content; not retained
   * @param ownerOnly if true and the file system supports POSIX permissions, the file is created
   *     with mode 0600 from the start
   * @throws RampartException naming the file if any I/O step fails; the target is then unchanged
   */
  public static void writeBytes(Path target, byte[] content, boolean ownerOnly) {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    dirOrThrow(dir);
    boolean posix = supportsPosix(dir);
    Path tmp = null;
    try {
      FileAttribute<?>[] attrs =
          ownerOnly && posix
              ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
              : new FileAttribute<?>[0];
      tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp", attrs);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      move(tmp, absolute);
      tmp = null;
    } catch (IOException e) {
      throw new RampartException("cannot write " + absolute + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // The original failure is the one worth reporting; a stray temp file is harmless.
        }
      }
    }
  }

  private static void dirOrThrow(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      throw new RampartException("cannot write into " + dir + ": not an existing directory");
    }
  }

  private static boolean supportsPosix(Path dir) {
    try {
      return Files.getFileStore(dir).supportsFileAttributeView("posix");
    } catch (IOException e) {
      return false;
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
