package dev.rampart.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One run of the {@code rampart} command line in this JVM with its standard output and error
 * captured. Not thread-safe: it swaps {@code System.out} and {@code System.err} while it runs.
 *
 * @param exitCode what {@link Main#execute} returned
 * @param out what the command printed on standard output
 * @param err what it printed on standard error
 */
public record CommandRun(int exitCode, String out, String err) {
  /** Runs {@code rampart args...}. */
  public static CommandRun of(String... args) {
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      int code = Main.execute(args);
      return new CommandRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
    }
  }
}
