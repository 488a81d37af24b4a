package dev.rampart.crypto.secagg;

/** Which client messages a {@link SecAggServer} is collecting; advances in declaration order. */
public enum ServerPhase {
  /** Collecting AdvertiseKeys (P0) from the planned members. */
  COLLECTING_KEYS,
  /** Collecting ShareKeys (P1) from U1. */
  COLLECTING_SHARES,
  /** Collecting MaskedInput (P2) from U2. */
  COLLECTING_INPUTS,
  /** Collecting ConsistencyCheck (P3) from U3. */
  COLLECTING_CHECKS,
  /** Collecting UnmaskResponse (P4) from U3. */
  COLLECTING_UNMASK,
  /** Finished: {@link SecAggServer#outcome()} holds the group's sum or failure. */
  DONE
}
