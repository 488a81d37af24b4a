package dev.rampart.audit;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A point of the chain: a record's sequence number and the SHA-256 of its line. Remembered
 * outside the log (in a ticket, a database, the Kafka mirror), it lets
 * {@link AuditVerifier#verify(java.nio.file.Path, dev.rampart.crypto.PublicKey, ChainHead)} detect
 * records removed from the end of the log, which nothing inside the log can reveal.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sequence the record's sequence number, at least 1
 * @param hash lowercase hex SHA-256 of the record's line bytes (LF included), 64 characters
 */
public record ChainHead(long sequence, String hash) {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  /** Validates the range of {@code sequence} and the form of {@code hash}. */
  public ChainHead {
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be >= 1, but sequence=" + sequence);
    }
    Objects.requireNonNull(hash, "hash");
    if (!HEX64.matcher(hash).matches()) {
      throw new IllegalArgumentException(
          "hash must be 64 lowercase hex characters, but has length " + hash.length());
    }
  }
}
