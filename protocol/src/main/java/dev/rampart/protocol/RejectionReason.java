package dev.rampart.protocol;

/**
 * Why an incoming message was not used. Every rejection is counted per reason, logged and written
 * to the audit trail; none of them stops a round.
 */
public enum RejectionReason {
  /** Bytes that do not parse as a Rampart frame or message. */
  MALFORMED,
  /** A message without a signature. */
  UNSIGNED,
  /** A signature that does not verify under the sender's enrolled key. */
  BAD_SIGNATURE,
  /** The key id does not match the key enrolled for the claimed sender. */
  KEY_MISMATCH,
  /** A sender that is not in the client registry. */
  UNKNOWN_CLIENT,
  /** A sender whose enrollment was revoked. */
  REVOKED_CLIENT,
  /** A message for another job. */
  WRONG_JOB,
  /** A message of a type this topic does not carry. */
  WRONG_TYPE,
  /** A message for a round that is already closed (replay or late arrival). */
  PAST_ROUND,
  /** A message for a round that has not been planned yet. */
  FUTURE_ROUND,
  /** A client that is not a participant of the round. */
  NOT_A_PARTICIPANT,
  /** An update computed from another model version than the round's. */
  STALE_MODEL,
  /** A second, different update from the same client in the same round. */
  DUPLICATE,
  /** A vector whose dimension differs from the model's. */
  WRONG_DIMENSION,
  /** A vector containing NaN or infinity. */
  NON_FINITE,
  /** A compressed payload the coordinator cannot decode or did not allow. */
  BAD_PAYLOAD,
  /** A chunk set whose reassembled bytes do not match the announced digest or length. */
  CHUNK_CORRUPT,
  /** A chunk set still incomplete at the round deadline. */
  CHUNK_INCOMPLETE,
  /** A message or chunk set larger than the configured limit. */
  OVERSIZED,
  /** An update that arrived after the round's deadline. */
  LATE,
  /** A compressed update whose codec is not the one the round plan asked for. */
  WRONG_CODEC,
  /** A shared-seed rand-k update whose round seed is not the one the round plan published. */
  WRONG_ROUND_SEED
}
