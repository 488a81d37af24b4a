package dev.rampart.protocol;

/**
 * Identifier of a training job; part of every topic name and every signature. 1–64 characters
 * of {@code [A-Za-z0-9._-]}. Immutable and thread-safe.
 *
 * @param value the identifier text
 */
public record JobId(String value) {
  /** Validates the identifier; the message names the bad value. */
  public JobId {
    Identifiers.requireToken("jobId", value);
  }

  /** Shorthand for {@code new JobId(value)}. */
  public static JobId of(String value) {
    return new JobId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
