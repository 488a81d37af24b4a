package dev.rampart.testkit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short system command (ip, tc, iptables, fusermount, python3) and keeps its output. Stateless. */
public final class Commands {
  private static final long TIMEOUT_SECONDS = 30;

  private Commands() {}

  /**
   * What a command said and how it ended.
   *
   * @param code the exit code; -1 when it could not start, timed out or was interrupted
   * @param output stdout and stderr together, stripped
   */
  public record Result(int code, String output) {}

  /** Runs {@code command}, waiting at most 30 s; never throws (an interrupt is kept on the thread). */
  public static Result run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "timed out after " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
      }
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      return new Result(-1, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted: " + String.join(" ", command));
    }
  }
}
