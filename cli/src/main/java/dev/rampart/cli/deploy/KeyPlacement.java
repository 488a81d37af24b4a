package dev.rampart.cli.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps the coordinator's private key apart from its audit log. Whoever can write the run
 * directory can cut or rewrite the log's tail; with the signing key lying next to it they can
 * also re-sign what they wrote, and the log alone would still verify. Paths are compared after
 * resolving symbolic links (of the longest existing prefix, since the run directory may not exist
 * yet). Stateless and thread-safe.
 */
final class KeyPlacement {
  private KeyPlacement() {}

  /**
   * Refuses a private key file that lies inside the run directory (which holds the audit
   * directory {@code audit/}).
   *
   * @param keyFile the coordinator's private key file (key {@code identity}), an existing file
   * @param runDirectory the run directory (key {@code run-directory})
   * @param configFile the YAML file, named in the message
   * @throws ConfigException naming both paths when the key lies inside the run directory
   */
  static void requireOutsideRunDirectory(Path keyFile, Path runDirectory, Path configFile) {
    Path key = real(keyFile);
    Path run = real(runDirectory);
    if (key.startsWith(run)) {
      throw new ConfigException("the coordinator's private key " + keyFile + " (key 'identity' in " + configFile
          + ") lies inside its run directory " + runDirectory + " (key 'run-directory'), next to the audit log "
          + runDirectory.resolve("audit") + ": whoever can edit the log could re-sign it; keep the key elsewhere");
    }
  }

  private static Path real(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path existing = absolute;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(absolute));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve " + path, e);
    }
  }
}
