package dev.rampart.cli.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The peak heap use of a JVM read from its unified GC log, written with
 * {@code -Xlog:gc,gc+heap+exit:file=<path>}: the largest heap occupancy before any collection
 * ({@code Pause ... 120M->30M(365M)}) or at exit (the {@code used} of each generation). Heap use
 * between collections never exceeds the next collection's "before" value, so this is the peak up to
 * the rounding of the log's units. Stateless and thread-safe.
 */
public final class PeakHeap {
  private static final Pattern PAUSE = Pattern.compile("Pause .*? (\\d+)([KMG])->(\\d+)([KMG])\\(\\d+[KMG]\\)");
  private static final Pattern EXIT_USED = Pattern.compile("\\[gc,heap,exit\\s*\\]\\s+\\S.*generation\\s+total \\d+K, used (\\d+)K");

  private PeakHeap() {}

  /** JVM options that make a process write the log this class reads to {@code gcLog}. */
  public static List<String> jvmOptions(Path gcLog) {
    return List.of("-Xlog:gc,gc+heap+exit:file=" + gcLog);
  }

  /**
   * The peak heap use in bytes recorded in {@code gcLog}.
   *
   * @throws IllegalStateException naming the file when it holds no heap figure at all
   */
  public static long bytes(Path gcLog) {
    List<String> lines = read(gcLog);
    long peak = -1;
    long atExit = 0;
    boolean exitSeen = false;
    for (String line : lines) {
      Matcher pause = PAUSE.matcher(line);
      if (pause.find()) {
        peak = Math.max(peak, Long.parseLong(pause.group(1)) * unit(pause.group(2)));
      }
      Matcher used = EXIT_USED.matcher(line);
      if (used.find()) {
        atExit += Long.parseLong(used.group(1)) * 1024;
        exitSeen = true;
      }
    }
    if (peak < 0 && !exitSeen) {
      throw new IllegalStateException("GC log " + gcLog + " has no collection and no heap summary at exit");
    }
    return Math.max(peak, atExit);
  }

  /**
   * The largest heap occupancy right after a collection in {@code gcLog}: what the process still
   * held (live data plus what a young collection promoted), 0 when it never collected.
   */
  public static long liveBytes(Path gcLog) {
    long live = 0;
    for (String line : read(gcLog)) {
      Matcher pause = PAUSE.matcher(line);
      if (pause.find()) {
        live = Math.max(live, Long.parseLong(pause.group(3)) * unit(pause.group(4)));
      }
    }
    return live;
  }

  private static List<String> read(Path gcLog) {
    try {
      return Files.readAllLines(gcLog);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read GC log " + gcLog, e);
    }
  }

  private static long unit(String u) {
    return switch (u) {
      case "K" -> 1L << 10;
      case "M" -> 1L << 20;
      default -> 1L << 30;
    };
  }
}
