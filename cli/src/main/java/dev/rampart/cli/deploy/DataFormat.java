package dev.rampart.cli.deploy;

import dev.rampart.cli.data.Dataset;
import java.nio.file.Path;

/**
 * Reads one file of labelled samples. The seam for further formats: implement it and register
 * the implementation in {@link LocalData#format(String)}. Implementations are thread-safe.
 */
public interface DataFormat {
  /** The format's name as written in {@code data.format}. */
  String name();

  /** Whether {@code auto} should pick this format for the file (by its name). */
  boolean recognizes(Path file);

  /**
   * Reads every sample of {@code file}.
   *
   * @param classes labels must lie in {@code [0, classes)}
   * @param featureScale features are divided by this value
   * @throws ConfigException naming the file and line on bad content
   */
  Dataset read(Path file, int classes, double featureScale);
}
