package dev.rampart.crypto;

import dev.rampart.crypto.internal.ChaCha20Poly1305Aead;
import dev.rampart.crypto.internal.LengthPrefixed;
import dev.rampart.crypto.internal.PartyIds;
import dev.rampart.protocol.RampartException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Authenticated encryption of Shamir shares between two clients of a secure-aggregation session,
 * with AEAD_CHACHA20_POLY1305 (RFC 8439) under the pair key {@code K_uv} (SECAGG.md phase P1).
 *
 * <p><b>Nonces.</b> {@code K_uv} is shared by both directions of the pair and is fresh per
 * session (HKDF salt = session id), so a nonce only has to be unique per direction and message
 * within the session. The 12-byte nonce is {@code direction ‖ 0x000000 ‖ int64be(sequence)},
 * where {@code direction} is 0x00 when {@code sender < receiver} ({@link String#compareTo}) and
 * 0x01 otherwise. Distinct (sender, receiver, sequence) triples of one pair therefore never share
 * a nonce. The caller must not seal two different plaintexts under the same triple; in SECAGG.md
 * terms, a client persists its P1 ciphertexts and resends the same bytes after a restart.
 *
 * <p><b>Associated data.</b> The authenticated data is
 * {@code lp("rampart/secagg/share/v1") ‖ lp(sender) ‖ lp(receiver) ‖ int64be(sequence) ‖
 * lp(associatedData)} ({@code lp} = 4-byte big-endian length, then bytes), so a ciphertext
 * forwarded to a third client or reflected to its sender fails to open even before the caller's
 * own associated data (session id, phase) is considered.
 *
 * <p>Output is {@code ciphertext ‖ 16-byte tag}, 16 bytes longer than the plaintext.
 *
 * <p>Immutable and thread-safe.
 */
public final class ShareCipher {
  /** Key length in bytes. */
  public static final int KEY_BYTES = ChaCha20Poly1305Aead.KEY_BYTES;
  /** Bytes added to each plaintext (the Poly1305 tag). */
  public static final int OVERHEAD_BYTES = ChaCha20Poly1305Aead.TAG_BYTES;

  private static final byte[] DOMAIN = "rampart/secagg/share/v1".getBytes(StandardCharsets.US_ASCII);

  private final byte[] key;

  private ShareCipher(byte[] key) {
    this.key = key;
  }

  /**
   * A cipher for one pair key.
   *
   * @param key the 32-byte {@code K_uv}; copied
   * @throws KeyFormatException if the key is not 32 bytes
   */
  public static ShareCipher create(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length != KEY_BYTES) {
      throw new KeyFormatException(
          "share encryption key must be " + KEY_BYTES + " bytes, but got " + key.length + " bytes");
    }
    return new ShareCipher(key.clone());
  }

  /**
   * Encrypts {@code plaintext} from {@code sender} to {@code receiver}.
   *
   * @param sender sending party id
   * @param receiver receiving party id, different from {@code sender}
   * @param sequence message number within the session for this direction, at least 0
   * @param associatedData caller context to authenticate (e.g. session id ‖ phase); may be empty
   * @param plaintext the share bytes
   * @return {@code ciphertext ‖ tag}
   */
  public byte[] seal(String sender, String receiver, long sequence, byte[] associatedData,
      byte[] plaintext) {
    byte[] nonce = nonce(sender, receiver, sequence);
    return ChaCha20Poly1305Aead.seal(key, nonce,
        aad(sender, receiver, sequence, associatedData), plaintext);
  }

  /**
   * Authenticates and decrypts what {@link #seal} produced with the same arguments.
   *
   * @return the plaintext
   * @throws ShareDecryptionException if authentication fails for any reason
   */
  public byte[] open(String sender, String receiver, long sequence, byte[] associatedData,
      byte[] sealed) {
    byte[] nonce = nonce(sender, receiver, sequence);
    return ChaCha20Poly1305Aead.open(key, nonce, aad(sender, receiver, sequence, associatedData),
            sealed)
        .orElseThrow(() -> new ShareDecryptionException("share from '" + sender + "' to '"
            + receiver + "' (sequence " + sequence + ", " + sealed.length
            + " bytes) failed authentication"));
  }

  /**
   * The 12-byte nonce used for one direction and sequence number (layout in the class comment).
   *
   * @throws RampartException if an id is malformed, the ids are equal, or
   *     the sequence is negative
   */
  public static byte[] nonce(String sender, String receiver, long sequence) {
    PartyIds.requireValid(sender, "sender id");
    PartyIds.requireValid(receiver, "receiver id");
    int order = sender.compareTo(receiver);
    if (order == 0) {
      throw new RampartException(
          "sender and receiver of a share must differ, but both are '" + sender + "'");
    }
    if (sequence < 0) {
      throw new RampartException(
          "share sequence must be >= 0, but was " + sequence);
    }
    byte[] nonce = new byte[ChaCha20Poly1305Aead.NONCE_BYTES];
    nonce[0] = (byte) (order < 0 ? 0 : 1);
    for (int i = 0; i < 8; i++) {
      nonce[4 + i] = (byte) (sequence >>> (56 - 8 * i));
    }
    return nonce;
  }

  private static byte[] aad(String sender, String receiver, long sequence, byte[] associatedData) {
    Objects.requireNonNull(associatedData, "associatedData");
    return new LengthPrefixed().bytes(DOMAIN).utf8(sender).utf8(receiver).int64(sequence)
        .bytes(associatedData).toByteArray();
  }

  /** {@code ShareCipher[key hidden]}. */
  @Override
  public String toString() {
    return "ShareCipher[key hidden]";
  }
}
