package dev.rampart.audit.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names and lists audit segment files: {@code audit-NNNNNN.log}, numbered from 1, at least six
 * digits. Other files in the directory (the lock file, the quarantine directory, model files) are
 * ignored.
 *
 * <p>Stateless and thread-safe.
 */
public final class SegmentFiles {
  private static final Pattern NAME = Pattern.compile("audit-(\\d{6,18})\\.log");

  private SegmentFiles() {}

  /** One segment file and its number. */
  public record Segment(long number, Path path) {
    /** The file name, e.g. {@code audit-000001.log}. */
    public String name() {
      return path.getFileName().toString();
    }
  }

  /** The file name of segment {@code number}. */
  public static String name(long number) {
    return String.format("audit-%06d.log", number);
  }

  /**
   * The segments in {@code directory}, sorted by number.
   *
   * @throws IOException when the directory cannot be listed
   */
  public static List<Segment> list(Path directory) throws IOException {
    List<Segment> segments = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
      for (Path p : stream) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (m.matches() && Files.isRegularFile(p)) {
          segments.add(new Segment(Long.parseLong(m.group(1)), p));
        }
      }
    }
    segments.sort(Comparator.comparingLong(Segment::number));
    return segments;
  }
}
