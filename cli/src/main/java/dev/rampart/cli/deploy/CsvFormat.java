package dev.rampart.cli.deploy;

import dev.rampart.cli.data.Dataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Comma-separated samples, the layout of the UCI digits file: features first, the integer class
 * label last, one sample per line; {@code .csv.gz} is read through gzip. Blank lines and lines
 * starting with {@code #} are skipped. Thread-safe (stateless).
 */
final class CsvFormat implements DataFormat {
  @Override
  public String name() {
    return "csv";
  }

  @Override
  public boolean recognizes(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".csv") || n.endsWith(".csv.gz");
  }

  @Override
  public Dataset read(Path file, int classes, double featureScale) {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      return parse(file, reader, classes, featureScale);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read data file " + file, e);
    }
  }

  private static Dataset parse(Path file, BufferedReader reader, int classes, double scale) throws IOException {
    List<float[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    int width = -1;
    String line;
    int lineNo = 0;
    while ((line = reader.readLine()) != null) {
      lineNo++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cells = line.split(",");
      if (width < 0) {
        width = cells.length;
      }
      if (cells.length != width || width < 2) {
        throw new ConfigException(file + " line " + lineNo + " has " + cells.length + " fields, expected " + width
            + " (features then the label)");
      }
      float[] x = new float[width - 1];
      try {
        for (int j = 0; j < x.length; j++) {
          x[j] = (float) (Float.parseFloat(cells[j].strip()) / scale);
        }
        float label = Float.parseFloat(cells[width - 1].strip());
        if (label != Math.rint(label) || label < 0 || label >= classes) {
          throw new ConfigException(file + " line " + lineNo + " has label " + cells[width - 1].strip()
              + ", expected an integer in [0, " + classes + ")");
        }
        labels.add((int) label);
      } catch (NumberFormatException e) {
        throw new ConfigException(file + " line " + lineNo + " holds a field that is not a number: " + e.getMessage());
      }
      rows.add(x);
    }
    if (rows.isEmpty()) {
      throw new ConfigException("data file " + file + " holds no samples");
    }
    return new Dataset(file.getFileName().toString(), rows.toArray(new float[0][]),
        labels.stream().mapToInt(Integer::intValue).toArray(), classes);
  }
}
