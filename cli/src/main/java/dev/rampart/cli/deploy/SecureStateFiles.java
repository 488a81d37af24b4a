package dev.rampart.cli.deploy;

import dev.rampart.crypto.secagg.ClientStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The session files a client process leaves in its secure-aggregation state directory, named as
 * {@link ClientStateStore#inDirectory} documents ({@code secagg-<job>-r<round>-g<group>-<client>.state}), and
 * the marks of which attempt at a round each belongs to ({@code secagg-<job>-r<round>-<client>.attempt}).
 * They hold session secrets and are needed only to resume a round after a restart, so a client
 * whose job has ended deletes its own files of that job. Stateless and thread-safe.
 */
final class SecureStateFiles {
  private SecureStateFiles() {}

  /**
   * Deletes {@code clientId}'s session files of {@code job} in {@code directory}; other jobs' and
   * other clients' files are kept. A missing directory holds nothing.
   *
   * @return how many files were deleted
   * @throws UncheckedIOException if the directory cannot be listed or a file cannot be deleted
   */
  static int forgetJob(Path directory, String job, String clientId) {
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    Pattern name = Pattern.compile("secagg-" + Pattern.quote(job) + "-r\\d+(-g\\d+-" + Pattern.quote(clientId)
        + "\\.state|-" + Pattern.quote(clientId) + "\\.attempt)");
    try (Stream<Path> files = Files.list(directory)) {
      List<Path> ours = files.filter(f -> name.matcher(f.getFileName().toString()).matches()).toList();
      for (Path f : ours) {
        Files.deleteIfExists(f);
      }
      return ours.size();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the secure-aggregation state of job " + job + " in " + directory,
          e);
    }
  }
}
