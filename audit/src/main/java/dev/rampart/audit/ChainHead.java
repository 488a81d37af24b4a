package dev.rampart.audit;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
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
  private static final Pattern TEXT = Pattern.compile("(\\d{1,18}):([0-9a-fA-F]{64})");

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

  /**
   * Parses the text form {@code <sequence>:<hash>} (as {@link #text()} writes it, e.g. from a
   * client's anchor file); the hash may be in either case.
   *
   * @throws IllegalArgumentException naming the value when it is not of that form
   */
  public static ChainHead parse(String text) {
    Objects.requireNonNull(text, "text");
    Matcher m = TEXT.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("anchor must be <sequence>:<64 hex digits>, but is '"
          + (text.length() > 100 ? text.substring(0, 100) + "..." : text) + "'");
    }
    return new ChainHead(Long.parseLong(m.group(1)), m.group(2).toLowerCase(Locale.ROOT));
  }

  /** The text form {@code <sequence>:<hash>}, read back by {@link #parse}. */
  public String text() {
    return sequence + ":" + hash;
  }
}
