package dev.rampart.audit;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The first bad record of a chain and why it is bad. Immutable and thread-safe.
 *
 * @param kind the stable failure kind
 * @param source the segment file name (e.g. {@code audit-000002.log}) or {@code "mirror"} for
 *     records given as a list
 * @param line the 1-based line within the segment, or the 1-based position in the list
 * @param byteOffset offset of the line's first byte within the segment; for a list, the sum of the
 *     lengths of the records before it
 * @param sequence the record's own {@code seq} when it could be read; empty for an unreadable line
 * @param detail what exactly is wrong, e.g. {@code "expected seq 5, found 6"}
 */
public record VerificationFailure(FailureKind kind, String source, long line, long byteOffset,
    OptionalLong sequence, String detail) {

  /** Checks that nothing is null and positions are in range. */
  public VerificationFailure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sequence, "sequence");
    Objects.requireNonNull(detail, "detail");
    if (line < 1) {
      throw new IllegalArgumentException("line must be >= 1, but line=" + line);
    }
    if (byteOffset < 0) {
      throw new IllegalArgumentException("byteOffset must be >= 0, but byteOffset=" + byteOffset);
    }
  }

  /**
   * One line for people and logs, e.g. {@code "BAD_SIGNATURE at audit-000001.log line 5 (byte
   * 1834), seq 5: signature does not verify under key 1f2e3d4c5b6a7988"}.
   */
  public String describe() {
    return kind + " at " + source + " line " + line + " (byte " + byteOffset + ")"
        + (sequence.isPresent() ? ", seq " + sequence.getAsLong() : "") + ": " + detail;
  }
}
