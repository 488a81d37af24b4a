package dev.rampart.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * Outcome of verifying an audit chain. Immutable and thread-safe.
 *
 * <p>Exit codes for a command-line front end ({@link #exitCode()}): {@value
 * AuditVerifier#EXIT_VALID} the chain is valid, {@value AuditVerifier#EXIT_INVALID} it is not
 * (the failure names the first bad record); {@value AuditVerifier#EXIT_UNREADABLE} is for
 * usage errors and an {@link AuditException} (directory missing or unreadable), which never
 * produce a result.
 *
 * @param segmentCount segment files examined (0 for a list of records)
 * @param recordCount records that passed every check before the first failure (all of them when
 *     valid)
 * @param head the last record that passed every check, empty when none did
 * @param failure the first failure, empty when the chain is valid
 */
public record VerificationResult(int segmentCount, long recordCount, Optional<ChainHead> head,
    Optional<VerificationFailure> failure) {

  /** Checks that nothing is null and counts are non-negative. */
  public VerificationResult {
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(failure, "failure");
    if (segmentCount < 0 || recordCount < 0) {
      throw new IllegalArgumentException("counts must be >= 0, but segmentCount=" + segmentCount
          + ", recordCount=" + recordCount);
    }
  }

  /** True when no check failed. */
  public boolean valid() {
    return failure.isEmpty();
  }

  /** {@value AuditVerifier#EXIT_VALID} when valid, else {@value AuditVerifier#EXIT_INVALID}. */
  public int exitCode() {
    return valid() ? AuditVerifier.EXIT_VALID : AuditVerifier.EXIT_INVALID;
  }

  /**
   * One line for a terminal, e.g. {@code "VALID: 42 records in 2 segments, head seq 42 hash
   * 3fa1..."} or {@code "INVALID: BAD_SEQUENCE at audit-000001.log line 7 (byte 2210), seq 8:
   * expected seq 7, found 8 (after 6 valid records)"}.
   */
  public String summary() {
    if (valid()) {
      return "VALID: " + recordCount + " records in " + segmentCount + " segment"
          + (segmentCount == 1 ? "" : "s")
          + head.map(h -> ", head seq " + h.sequence() + " hash " + h.hash()).orElse("");
    }
    return "INVALID: " + failure.get().describe() + " (after " + recordCount + " valid record"
        + (recordCount == 1 ? "" : "s") + ")";
  }
}
