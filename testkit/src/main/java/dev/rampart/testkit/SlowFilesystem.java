package dev.rampart.testkit;

import dev.rampart.testkit.internal.Commands;
import dev.rampart.testkit.internal.Commands.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A slow disk for fault tests: a FUSE file system that mirrors a backing folder at a mount point
 * and sleeps before every write, fsync and flush for {@link #delay(Duration)} (none at first), so
 * that the code under test sees a disk whose every write and sync takes that long, changed while
 * it runs. Files written through the mount point land in the backing folder unchanged.
 *
 * <p>Needs root, {@code /dev/fuse}, {@code fusermount} and the Debian package {@code python3-fuse}
 * (the file system is a short script run by {@code /usr/bin/python3});
 * {@link #unavailableReason()} says what is missing, for a test to skip with. Not thread-safe;
 * {@link #close()} unmounts and stops the file system.
 */
public final class SlowFilesystem implements AutoCloseable {
  private static final String PYTHON = "/usr/bin/python3";
  private static final Duration MOUNT_WAIT = Duration.ofSeconds(15);

  private final Path mountPoint;
  private final Path control;
  private final Process process;

  private SlowFilesystem(Path mountPoint, Path control, Process process) {
    this.mountPoint = mountPoint;
    this.control = control;
    this.process = process;
  }

  /** What this machine lacks for a slow file system, or empty when it has everything. */
  public static Optional<String> unavailableReason() {
    if (!Files.exists(Path.of("/dev/fuse"))) {
      return Optional.of("no /dev/fuse on this machine");
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of("mounting a FUSE file system here needs root, but the user is " + System.getProperty("user.name"));
    }
    Result fuse = run(List.of(PYTHON, "-c", "import fuse"));
    if (fuse.code() != 0) {
      return Optional.of(PYTHON + " cannot import fuse (install the Debian package python3-fuse): " + fuse.output());
    }
    Result fusermount = run(List.of("fusermount", "-V"));
    if (fusermount.code() != 0) {
      return Optional.of("no fusermount (Debian package fuse): " + fusermount.output());
    }
    return Optional.empty();
  }

  /**
   * Mounts a file system at {@code mountPoint} (created when missing, and empty) that mirrors
   * {@code backing} (created when missing), without delay, and waits until it is mounted.
   *
   * @throws IllegalStateException with the file system's output when it does not mount in 15 s
   */
  public static SlowFilesystem mount(Path backing, Path mountPoint) {
    try {
      Files.createDirectories(backing);
      Files.createDirectories(mountPoint);
      Path work = Files.createTempDirectory("rampart-slowfs-");
      Path script = work.resolve("slowfs.py");
      try (InputStream in = SlowFilesystem.class.getResourceAsStream("slowfs.py")) {
        if (in == null) {
          throw new IllegalStateException("slowfs.py is missing from the test kit's resources");
        }
        Files.copy(in, script);
      }
      Path control = work.resolve("delay-ms");
      Files.writeString(control, "0");
      Path log = work.resolve("slowfs.log");
      Process p = new ProcessBuilder(PYTHON, script.toString(), mountPoint.toString(), "-f", "-o",
          "root=" + backing.toAbsolutePath() + ",control=" + control + ",big_writes")
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      SlowFilesystem fs = new SlowFilesystem(mountPoint, control, p);
      long deadline = System.nanoTime() + MOUNT_WAIT.toNanos();
      while (!fs.isMounted()) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          String output = Files.readString(log, StandardCharsets.UTF_8);
          fs.close();
          throw new IllegalStateException("the slow file system did not mount at " + mountPoint + " within "
              + MOUNT_WAIT + ": " + output.strip());
        }
        Thread.sleep(100);
      }
      return fs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare a slow file system at " + mountPoint, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while mounting at " + mountPoint, e);
    }
  }

  /** The folder where the slow disk is seen. */
  public Path mountPoint() {
    return mountPoint;
  }

  /**
   * From now on every write, fsync and flush on the mount sleeps {@code perOperation} first;
   * {@link Duration#ZERO} makes the disk fast again.
   */
  public void delay(Duration perOperation) {
    if (perOperation.isNegative()) {
      throw new IllegalArgumentException("the delay must not be negative, but is " + perOperation);
    }
    try {
      Path next = control.resolveSibling("delay-ms.next");
      Files.writeString(next, Long.toString(perOperation.toMillis()));
      Files.move(next, control, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set the delay of the slow file system at " + mountPoint, e);
    }
  }

  /** Unmounts (lazily when busy) and stops the file system; idempotent. */
  @Override
  public void close() {
    if (isMounted()) {
      if (run(List.of("fusermount", "-u", mountPoint.toString())).code() != 0) {
        run(List.of("fusermount", "-u", "-z", mountPoint.toString()));
      }
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private boolean isMounted() {
    try {
      String target = " " + mountPoint.toAbsolutePath() + " ";
      return Files.readAllLines(Path.of("/proc/mounts")).stream().anyMatch(l -> l.contains(target));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc/mounts", e);
    }
  }

  private static Result run(List<String> command) {
    return Commands.run(command);
  }
}
