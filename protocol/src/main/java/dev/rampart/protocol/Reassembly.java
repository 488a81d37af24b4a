package dev.rampart.protocol;

import dev.rampart.protocol.wire.Envelope;

/**
 * What a {@link Reassembler} made of one incoming frame. Immutable and thread-safe.
 */
public sealed interface Reassembly {

  /** A whole envelope is available: either it came in one frame or its last chunk arrived. */
  record Complete(Envelope envelope) implements Reassembly {}

  /** A chunk was stored; the set is not complete yet. */
  record Pending(String transferId, int received, int count) implements Reassembly {}

  /** A chunk that was already stored arrived again (at-least-once delivery); nothing changed. */
  record Redelivered(String transferId, int index) implements Reassembly {}

  /**
   * The frame, or the set it completed, cannot be used.
   *
   * @param reason why, for counting and the audit trail
   * @param detail a human-readable explanation naming the offending values
   * @param transferId the chunk set concerned, empty for a whole frame
   */
  record Rejected(RejectionReason reason, String detail, String transferId) implements Reassembly {}
}
