package dev.rampart.protocol;

import java.util.Objects;

/**
 * Why a {@link ChunkVerifier} refused a chunk. Immutable and thread-safe.
 *
 * @param reason for counting and the audit trail, e.g. {@link RejectionReason#BAD_SIGNATURE}
 * @param detail a human-readable explanation naming the offending values, never key material
 */
public record ChunkRefusal(RejectionReason reason, String detail) {

  /** Validates the fields. */
  public ChunkRefusal {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }
}
