package dev.rampart.client;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The coordinator's audit chain head as a client received it inside a round plan signed by the
 * pinned coordinator key. Kept outside the coordinator's reach (in the client's silo), it lets an
 * auditor detect a coordinator log that was later truncated or rewritten:
 * {@code rampart audit verify RUN --anchor <sequence>:<digest>}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param round the round whose plan carried the head, at least 1
 * @param sequence the audit record's sequence number, at least 1
 * @param digest lowercase hex SHA-256 of that record's line bytes, 64 characters
 */
public record AuditAnchor(long round, long sequence, String digest) {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  /** Validates the ranges and the digest's form. */
  public AuditAnchor {
    if (round < 1 || sequence < 1) {
      throw new IllegalArgumentException("round and sequence must be >= 1, but round=" + round
          + ", sequence=" + sequence);
    }
    Objects.requireNonNull(digest, "digest");
    if (!HEX64.matcher(digest).matches()) {
      throw new IllegalArgumentException("digest must be 64 lowercase hex characters, but has length "
          + digest.length());
    }
  }

  /** The form {@code rampart audit verify --anchor} reads: {@code <sequence>:<digest>}. */
  public String text() {
    return sequence + ":" + digest;
  }
}
