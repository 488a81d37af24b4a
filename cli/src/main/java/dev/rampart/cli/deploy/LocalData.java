package dev.rampart.cli.deploy;

import dev.rampart.cli.data.Dataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A process's own labelled data: one file, or every file of a folder in name order, concatenated
 * (IDX labels files are read with their images file, not on their own).
 * Thread-safe (stateless).
 */
public final class LocalData {
  private static final DataFormat CSV = new CsvFormat();
  private static final DataFormat IDX = new IdxFormat();

  private LocalData() {}

  /**
   * The reader for a {@code data.format} value other than {@code auto}.
   *
   * @throws ConfigException for an unknown or not yet supported format
   */
  public static DataFormat format(String name) {
    if (name.equals(CSV.name())) {
      return CSV;
    }
    if (name.equals(IDX.name())) {
      return IDX;
    }
    throw new ConfigException("unknown data format '" + name + "'");
  }

  /**
   * Loads the samples at {@code path}.
   *
   * @param formatName {@code auto} (by file name) or a format name
   * @param classes labels must lie in {@code [0, classes)}
   * @param featureScale features are divided by this value
   */
  public static Dataset load(Path path, String formatName, int classes, double featureScale) {
    List<Path> files = files(path);
    List<float[]> x = new ArrayList<>();
    List<Integer> y = new ArrayList<>();
    int width = -1;
    for (Path file : files) {
      Dataset part = formatFor(file, formatName).read(file, classes, featureScale);
      if (width >= 0 && part.featureCount() != width) {
        throw new ConfigException(file + " has " + part.featureCount() + " features, but " + files.get(0) + " has "
            + width);
      }
      width = part.featureCount();
      x.addAll(List.of(part.features()));
      for (int label : part.labels()) {
        y.add(label);
      }
    }
    return new Dataset(path.getFileName().toString(), x.toArray(new float[0][]),
        y.stream().mapToInt(Integer::intValue).toArray(), classes);
  }

  private static DataFormat formatFor(Path file, String formatName) {
    if (!formatName.equals("auto")) {
      return format(formatName);
    }
    if (CSV.recognizes(file)) {
      return CSV;
    }
    if (IDX.recognizes(file)) {
      return IDX;
    }
    throw new ConfigException("cannot tell the format of data file " + file
        + "; name it .csv, .csv.gz or …images-idx3-ubyte[.gz], or set data.format");
  }

  private static List<Path> files(Path path) {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      throw new ConfigException("data path " + path + " does not exist");
    }
    try (Stream<Path> s = Files.list(path)) {
      List<Path> files = s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> !IdxFormat.isLabelsFile(p)).sorted().toList();
      if (files.isEmpty()) {
        throw new ConfigException("data folder " + path + " holds no files");
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list data folder " + path, e);
    }
  }
}
