package dev.rampart.crypto.secagg;

/**
 * Where a {@link SecAggClient} is in its session: the last message it sent, or
 * {@link #ABORTED}. The phases advance strictly in declaration order.
 */
public enum ClientPhase {
  /** P0 sent; waiting for the coordinator's KeyList (U1). */
  ADVERTISED,
  /** P1 sent; waiting for the ShareKeysList (U2). */
  SHARES_SENT,
  /** P2 sent (y_u persisted first); waiting for the SurvivorList (U3). */
  INPUT_SENT,
  /** P3 sent (U3 signed); waiting for the UnmaskRequest. */
  CHECK_SENT,
  /** P4 sent; the session is over for this client, further requests are refused. */
  UNMASK_SENT,
  /** The client refused to continue; it never sends again in this session. */
  ABORTED
}
