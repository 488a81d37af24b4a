package dev.rampart.cli.deploy;

import dev.rampart.audit.ChainHead;
import dev.rampart.client.AuditAnchor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * The file in a client's state folder, {@code <state-directory>/<client id>/audit-anchor-<job>.txt},
 * that holds the latest audit chain head the client received in a signed plan, as one line
 * {@code <sequence>:<digest>}: an auditor collects these files from the silos and passes each to
 * {@code rampart audit verify RUN --anchor "$(cat FILE)"}. A head is only ever replaced by a
 * higher one, also across restarts of the client. Every write replaces the file
 * atomically (a temporary sibling, forced to disk, then renamed), so a reader or a crash never
 * sees half a line. Not thread-safe; one writer per file.
 */
final class AnchorFile {
  private final Path file;

  private AnchorFile(Path file) {
    this.file = file;
  }

  /** The anchor file of {@code clientId} for {@code job} under {@code stateDirectory}. */
  static AnchorFile of(Path stateDirectory, String clientId, String job) {
    return new AnchorFile(stateDirectory.resolve(clientId).resolve("audit-anchor-" + job + ".txt"));
  }

  /** Where the anchor is written. */
  Path path() {
    return file;
  }

  /**
   * The anchor the file holds, when it exists and holds one (a file left by an earlier run of
   * this client process survives a restart).
   */
  Optional<ChainHead> read() {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ChainHead.parse(Files.readString(file, StandardCharsets.US_ASCII)));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Writes {@code anchor} unless the file already holds a head at the same or a higher sequence:
   * a client restarted after its coordinator's log was cut must not overwrite the evidence.
   *
   * @return the head the file held and kept, when it was not replaced
   * @throws UncheckedIOException naming the file when it cannot be written
   */
  Optional<ChainHead> update(AuditAnchor anchor) {
    Optional<ChainHead> held = read();
    if (held.isPresent() && held.get().sequence() >= anchor.sequence()) {
      return held;
    }
    write(anchor);
    return Optional.empty();
  }

  /**
   * Replaces the file's content with {@code anchor}, creating the folder when missing.
   *
   * @throws UncheckedIOException naming the file when it cannot be written
   */
  void write(AuditAnchor anchor) {
    Objects.requireNonNull(anchor, "anchor");
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(StandardCharsets.US_ASCII.encode(anchor.text() + "\n"));
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the write failed already; the leftover temporary file is replaced by the next write
      }
      throw new UncheckedIOException("cannot write the audit anchor file " + file, e);
    }
  }
}
