package dev.rampart.cli.deploy;

import dev.rampart.cli.data.Dataset;
import dev.rampart.cli.data.IdxFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * IDX image files as published for MNIST and Fashion-MNIST (plain or {@code .gz}): the file named
 * in the configuration is the images file ({@code …images-idx3-ubyte}); its labels are read from
 * the sibling whose name has {@code labels-idx1} in place of {@code images-idx3}. Pixels (bytes
 * 0–255) are divided by {@code data.feature-scale}. Thread-safe (stateless).
 */
final class IdxFormat implements DataFormat {
  private static final String IMAGES = "images-idx3";
  private static final String LABELS = "labels-idx1";

  @Override
  public String name() {
    return "idx";
  }

  @Override
  public boolean recognizes(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).contains(IMAGES);
  }

  /** Whether {@code file} is the labels half of an IDX pair (read together with its images file). */
  static boolean isLabelsFile(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).contains(LABELS);
  }

  @Override
  public Dataset read(Path file, int classes, double featureScale) {
    String name = file.getFileName().toString();
    int at = name.toLowerCase(Locale.ROOT).indexOf(IMAGES);
    if (at < 0) {
      throw new ConfigException("IDX data file " + file + " is not an images file: its name must contain '"
          + IMAGES + "' (the labels are read from the matching '" + LABELS + "' file)");
    }
    Path labelsFile = file.resolveSibling(name.substring(0, at) + LABELS + name.substring(at + IMAGES.length()));
    if (!Files.isRegularFile(labelsFile)) {
      throw new ConfigException("IDX images " + file + " have no labels file " + labelsFile);
    }
    float[][] pixels;
    int[] labels;
    try {
      pixels = IdxFile.readImages(file);
      labels = IdxFile.readLabels(labelsFile);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new ConfigException(e.getMessage());
    }
    if (pixels.length != labels.length) {
      throw new ConfigException("IDX images " + file + " hold " + pixels.length + " samples but labels " + labelsFile
          + " hold " + labels.length);
    }
    float scale = (float) (255.0 / featureScale);
    for (int i = 0; i < pixels.length; i++) {
      if (labels[i] >= classes) {
        throw new ConfigException(labelsFile + ": label " + labels[i] + " of sample " + i + " is outside [0, "
            + classes + ")");
      }
      for (int j = 0; j < pixels[i].length; j++) {
        pixels[i][j] *= scale;
      }
    }
    return new Dataset(name, pixels, labels, classes);
  }
}
