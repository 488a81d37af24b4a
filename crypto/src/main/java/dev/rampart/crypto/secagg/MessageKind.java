package dev.rampart.crypto.secagg;

/**
 * The nine secure-aggregation message kinds, in protocol order (SECAGG.md phases P0-P4). Each kind
 * has a one-byte wire code and its own {@link dev.rampart.crypto.MessageSigning} type string, so a
 * signature made for one kind never verifies as another.
 *
 * <p>Immutable and thread-safe.
 */
public enum MessageKind {
  /** P0, client: its two X25519 public keys and the model digest. */
  ADVERTISE_KEYS(1, "SECAGG_P0", 0, false),
  /** End of P0, coordinator: U1, the signed AdvertiseKeys messages it accepted. */
  KEY_LIST(2, "SECAGG_P0_U1", 0, true),
  /** P1, client: its encrypted Shamir shares, one ciphertext per peer, and its commitment. */
  SHARE_KEYS(3, "SECAGG_P1", 1, false),
  /** End of P1, coordinator: U2, the signed ShareKeys messages it accepted. */
  SHARE_KEYS_LIST(4, "SECAGG_P1_U2", 1, true),
  /** P2, client: its masked input y_u. */
  MASKED_INPUT(5, "SECAGG_P2", 2, false),
  /** End of P2, coordinator: U3, the clients whose masked input it accepted. */
  SURVIVOR_LIST(6, "SECAGG_P2_U3", 2, true),
  /** P3, client: its signature over the session id and U3. */
  CONSISTENCY_CHECK(7, "SECAGG_P3", 3, false),
  /** End of P3, coordinator: U3, U2 \ U3 and at least t consistency signatures. */
  UNMASK_REQUEST(8, "SECAGG_P3_UNMASK", 3, true),
  /** P4, client: the shares it reveals (b for survivors, s^SK for dropouts). */
  UNMASK_RESPONSE(9, "SECAGG_P4", 4, false);

  private final int code;
  private final String signingType;
  private final int phase;
  private final boolean fromCoordinator;

  MessageKind(int code, String signingType, int phase, boolean fromCoordinator) {
    this.code = code;
    this.signingType = signingType;
    this.phase = phase;
    this.fromCoordinator = fromCoordinator;
  }

  /** The wire code, 1-9. */
  public int code() {
    return code;
  }

  /** The {@link dev.rampart.crypto.MessageSigning} type string, e.g. {@code "SECAGG_P0"}. */
  public String signingType() {
    return signingType;
  }

  /** The protocol phase 0-4 this message belongs to (coordinator lists close the phase). */
  public int phase() {
    return phase;
  }

  /** Whether the coordinator sends this kind (otherwise a client does). */
  public boolean fromCoordinator() {
    return fromCoordinator;
  }

  /** Whether messages of this kind carry the session id (all but the two P0 kinds). */
  public boolean hasSessionId() {
    return phase > 0;
  }

  /**
   * The kind with this wire code.
   *
   * @throws SecAggException naming the code if unknown
   */
  public static MessageKind ofCode(int code) {
    for (MessageKind k : values()) {
      if (k.code == code) {
        return k;
      }
    }
    throw new SecAggException("unknown secure-aggregation message kind " + code);
  }
}
