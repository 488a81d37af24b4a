package dev.rampart.cli.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Loaders for the data sets the simulator ships or finds on the machine. Thread-safe. */
public final class Datasets {
  /** Classpath location of the UCI 8×8 digits (CC BY 4.0; see DIGITS-ATTRIBUTION.md beside it). */
  public static final String DIGITS_RESOURCE = "/datasets/digits.csv.gz";
  private static final int DIGITS_FEATURES = 64;
  private static final float DIGITS_MAX_PIXEL = 16f;

  private Datasets() {}

  /**
   * The UCI optical-recognition digits: 1797 samples of 64 pixels (0–16, scaled here to [0, 1])
   * and a label 0–9.
   */
  public static Dataset digits() {
    try (InputStream raw = Datasets.class.getResourceAsStream(DIGITS_RESOURCE)) {
      if (raw == null) {
        throw new IllegalStateException("resource " + DIGITS_RESOURCE + " is missing from the classpath");
      }
      return parseDigits(new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DIGITS_RESOURCE, e);
    }
  }

  private static Dataset parseDigits(BufferedReader reader) throws IOException {
    List<float[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    String line;
    int lineNo = 0;
    while ((line = reader.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",");
      if (cells.length != DIGITS_FEATURES + 1) {
        throw new IllegalStateException(DIGITS_RESOURCE + " line " + lineNo + " has " + cells.length
            + " fields, expected " + (DIGITS_FEATURES + 1));
      }
      float[] x = new float[DIGITS_FEATURES];
      for (int j = 0; j < DIGITS_FEATURES; j++) {
        x[j] = Float.parseFloat(cells[j]) / DIGITS_MAX_PIXEL;
      }
      rows.add(x);
      labels.add((int) Float.parseFloat(cells[DIGITS_FEATURES]));
    }
    return new Dataset("digits", rows.toArray(new float[0][]), labels.stream().mapToInt(Integer::intValue).toArray(), 10);
  }
}
