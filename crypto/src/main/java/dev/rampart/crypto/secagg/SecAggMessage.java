package dev.rampart.crypto.secagg;

import dev.rampart.crypto.PublicKey;

/**
 * A secure-aggregation message. Every message is bound to job, round, group, phase (its
 * {@link #kind()}) and, from P1 on, the session id, and signed by its sender with
 * {@link dev.rampart.crypto.MessageSigning}: type {@link MessageKind#signingType()}, the header's
 * job, round and sender, and body {@link #signedBody()}. The one exception is the masked input
 * (P2), which its client sends with an empty signature field: it goes to the coordinator alone,
 * inside an envelope the client signs over type, job, round, sender and exactly the message's
 * bytes, so that signature covers it once ({@link SecAggServer#acceptAuthenticated}). P0, P1 and
 * P3 keep their own signatures because the coordinator forwards them and peers check them.
 *
 * <p><b>Wire format</b> (all integers big-endian; {@code str}/{@code bytes} = u32 length then
 * content; {@code list} = u32 count then elements):
 *
 * <pre>
 * "RSAG" ‖ u8 version=1 ‖ u8 kind ‖ str jobId ‖ i64 round ‖ i32 groupId ‖ bytes sessionId (0|32)
 *   ‖ str sender ‖ payload ‖ bytes signature (64; MaskedInput: 0 or 64)
 * AdvertiseKeys:    bytes c_pk(32) ‖ bytes s_pk(32) ‖ bytes modelDigest(32)
 * KeyList:          list of bytes(encoded AdvertiseKeys)
 * ShareKeys:        bytes commitment(32) ‖ list of (str receiver ‖ bytes ciphertext)
 * ShareKeysList:    list of bytes(encoded ShareKeys)
 * MaskedInput:      u32 d ‖ d × i32
 * SurvivorList:     list of str
 * ConsistencyCheck: list of str
 * UnmaskRequest:    list of str survivors ‖ list of str dropped ‖ list of bytes(ConsistencyCheck)
 * UnmaskResponse:   list of (str owner ‖ u8 shareKind ‖ bytes share)
 * </pre>
 *
 * <p>The signed body is everything before the signature field. Encoding is canonical:
 * {@code decode(m.encode())} equals {@code m}, and {@link #decode} refuses trailing bytes, unknown
 * kinds, wrong lengths and counts above the limits, so a decoded message re-encodes to the same
 * bytes. Decoding checks syntax only; signatures and protocol rules are checked by
 * {@link SecAggClient} and {@link SecAggServer}.
 *
 * <p>Implementations are immutable records and thread-safe.
 */
public sealed interface SecAggMessage permits AdvertiseKeys, KeyList, ShareKeys, ShareKeysList,
    MaskedInput, SurvivorList, ConsistencyCheck, UnmaskRequest, UnmaskResponse {

  /** Largest number of entries in any list (members of a group, shares, signatures). */
  int MAX_ENTRIES = 255;

  /** The binding: group, session id and sender. */
  MessageHeader header();

  /** The sender's 64-byte Ed25519 signature, or {@link Octets#EMPTY} if unsigned. */
  Octets signature();

  /** This message's kind. */
  MessageKind kind();

  /** The bytes the signature covers: the encoding up to, excluding, the signature field. */
  default byte[] signedBody() {
    return MessageCodec.signedBody(this);
  }

  /** The canonical wire bytes (layout in the interface comment). */
  default byte[] encode() {
    return MessageCodec.encode(this);
  }

  /**
   * Whether {@code key} signed exactly this message as {@link MessageHeader#sender()}. False for an
   * unsigned message; never throws for hostile content.
   */
  default boolean verify(PublicKey key) {
    return MessageCodec.verify(this, key);
  }

  /**
   * Parses wire bytes, checking syntax only.
   *
   * @throws SecAggException naming the first malformed field
   */
  static SecAggMessage decode(byte[] bytes) {
    return MessageCodec.decode(bytes);
  }
}
