package dev.rampart.audit;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One torn tail moved out of the chain by {@link AuditLog#repairTornTail}, and the
 * {@link RecordType#TAIL_REPAIRED} record that says so. Immutable and thread-safe.
 *
 * @param segment the segment file name the bytes were cut from
 * @param byteOffset where the torn bytes started in that segment (its new length)
 * @param length how many bytes were moved
 * @param sha256 lowercase hex SHA-256 of the moved bytes
 * @param quarantineFile the file now holding them, under {@code <audit dir>/quarantine/}
 * @param recordSequence the sequence number of the {@code TAIL_REPAIRED} record
 */
public record TailRepair(String segment, long byteOffset, long length, String sha256,
    Path quarantineFile, long recordSequence) {
  /** Checks that nothing is null and numbers are in range. */
  public TailRepair {
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(quarantineFile, "quarantineFile");
    if (byteOffset < 0 || length < 0 || recordSequence < 1) {
      throw new IllegalArgumentException("byteOffset=" + byteOffset + ", length=" + length
          + ", recordSequence=" + recordSequence + " must be >= 0, >= 0 and >= 1");
    }
  }
}
