package dev.rampart.audit;

/**
 * Why an audit chain failed verification. The names are stable: scripts and dashboards may match
 * on them.
 */
public enum FailureKind {
  /** The directory holds no segment file, or the segments hold no record. */
  NO_RECORDS,
  /** A line is not a record: bad JSON, missing or extra keys, no TAB, bad base64, bad length. */
  MALFORMED,
  /** The record names a signer key id other than the pinned coordinator key's. */
  WRONG_SIGNER,
  /** The signature does not verify under the pinned key: the record was edited or re-signed. */
  BAD_SIGNATURE,
  /** {@code seq} is not the previous one plus one (or the first is not 1): deleted, inserted or reordered records. */
  BAD_SEQUENCE,
  /** {@code prev} is not the SHA-256 of the previous record's line. */
  BROKEN_CHAIN,
  /** Segment files are not numbered 1, 2, 3... without gaps, or a segment before the last is empty. */
  SEGMENT_GAP,
  /** The last segment ends with bytes that are not a complete line: a crash mid-write or a cut file. */
  TORN_TAIL,
  /** The chain ends before a record known to exist (an expected head, or a record in the mirror). */
  TRUNCATED,
  /** The record at the expected head's sequence has a different hash: the chain was rewritten. */
  HEAD_MISMATCH,
  /** The mirror holds different bytes than the files for the same sequence number. */
  MIRROR_MISMATCH,
  /** The files hold a record that the mirror lacks. */
  MIRROR_INCOMPLETE
}
