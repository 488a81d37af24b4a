package dev.rampart.cli.deploy;

import java.util.List;

/** Exit codes of {@code rampart coordinator} and {@code rampart client}. Thread-safe constants. */
public final class ExitCodes {
  /** The job ended and this process finished its part. */
  public static final int COMPLETED = 0;
  /** The process failed for another reason (the message says why). */
  public static final int FAILED = 1;
  /** Bad command-line usage or a bad configuration file (the message names the key and file). */
  public static final int CONFIG = 2;
  /** The Kafka cluster did not answer in time, or a topic is missing and cannot be created. */
  public static final int KAFKA_UNAVAILABLE = 3;
  /** Stopped before the job ended (SIGTERM or SIGINT; the JVM reports 143 or 130). */
  public static final int STOPPED = 143;

  /**
   * One documented code.
   *
   * @param value the process exit status, 0–255
   * @param meaning when the process ends with it
   */
  public record Code(int value, String meaning) {}

  /** Every code, for the reference. */
  public static final List<Code> ALL = List.of(
      new Code(COMPLETED, "the job ended and this process finished its part (coordinator: every round up to `rounds` ran; client: it handled the final round)"),
      new Code(FAILED, "an unexpected failure; the message says why"),
      new Code(CONFIG, "bad command-line usage or configuration: unknown key, missing required key, bad value or unreadable file (named in the message)"),
      new Code(KAFKA_UNAVAILABLE, "the Kafka cluster did not answer within `kafka.connect-timeout` (message names the bootstrap servers), a topic is missing and cannot be created, or (client) the job's topics did not appear within `topic-wait`"),
      new Code(STOPPED, "stopped by SIGTERM (130 for SIGINT): the coordinator finishes the open round first; rerun on the same run directory to resume"));

  private ExitCodes() {}
}
