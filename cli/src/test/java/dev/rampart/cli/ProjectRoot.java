package dev.rampart.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root from a module's working directory, for tests that read its files. */
public final class ProjectRoot {
  private ProjectRoot() {}

  /** The nearest folder at or above the working directory that holds {@code scripts/local-cluster.sh}. */
  public static Path find() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("scripts/local-cluster.sh"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("scripts/local-cluster.sh not found above " + Path.of("").toAbsolutePath());
    }
    return p;
  }
}
