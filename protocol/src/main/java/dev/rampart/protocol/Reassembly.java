package dev.rampart.protocol;

import dev.rampart.protocol.wire.Envelope;

/**
 * What a {@link Reassembler} made of one incoming frame. Immutable and thread-safe, but for the
 * arrays of {@link Dense}, which belong to whoever received them and are not copied.
 */
public sealed interface Reassembly {

  /**
   * A whole envelope is available: either it came in one frame or its last chunk arrived.
   *
   * @param envelope the envelope; when {@code dense} is set, as sent but with the dense vector's
   *     {@code float32_le} empty
   * @param dense the update's floats decoded as they arrived and the SHA-256 of the body as sent,
   *     or null when the envelope is whole (only a {@link Reassembler#decodingDense} reader sets it)
   */
  record Complete(Envelope envelope, Dense dense) implements Reassembly {
    /** An envelope that is whole, as sent. */
    public Complete(Envelope envelope) {
      this(envelope, null);
    }
  }

  /**
   * A dense update's floats, decoded from its chunks as they arrived, with the SHA-256 of the
   * envelope's body as sent (which the envelope signature covers).
   */
  record Dense(byte[] bodySha256, float[] floats) {}

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
