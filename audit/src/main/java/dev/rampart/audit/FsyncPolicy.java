package dev.rampart.audit;

/**
 * When the audit log forces its bytes to stable storage.
 *
 * <p>Whatever the policy, each record is handed to the operating system with a single write
 * before {@link AuditLog#append} returns and before the mirror sees it; the policy only decides
 * what survives a power loss or kernel crash (a process crash loses nothing already written).
 */
public enum FsyncPolicy {
  /**
   * Force the segment ({@code fdatasync}) after every record, and the directory after creating a
   * segment. A record returned by {@code append} survives power loss. The default; costs one
   * disk flush per record.
   */
  EVERY_RECORD,
  /**
   * Force a segment only when it is rolled or the log is closed, and the directory after creating
   * a segment. A power loss can lose the records of the open segment, or leave a torn tail.
   */
  EVERY_SEGMENT,
  /** Never force; for tests and throw-away runs only. */
  NONE
}
