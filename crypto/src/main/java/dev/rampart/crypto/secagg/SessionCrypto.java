package dev.rampart.crypto.secagg;

import dev.rampart.crypto.AgreementKeyPair;
import dev.rampart.crypto.AgreementPublicKey;
import dev.rampart.crypto.Digests;
import dev.rampart.crypto.KeyFormatException;
import dev.rampart.crypto.MaskPrg;
import dev.rampart.crypto.ShamirShare;
import dev.rampart.crypto.ShareCipher;
import dev.rampart.crypto.secagg.internal.ParallelMasks;
import dev.rampart.crypto.secagg.internal.WireReader;
import dev.rampart.crypto.secagg.internal.WireWriter;
import dev.rampart.protocol.RampartException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The key derivations, share encryption and mask arithmetic of SECAGG.md, shared by client and
 * coordinator. Stateless.
 *
 * <ul>
 *   <li>K_uv = HKDF(X25519(c_u, c_v), salt = sessionId, info = "enc"), 32 bytes.
 *   <li>k_uv = HKDF(X25519(s_u, s_v), salt = sessionId, info = "mask"), 32 bytes.
 *   <li>commitment = SHA-256(sessionId ‖ b_u).
 *   <li>share ciphertext = ShareCipher(K_uv).seal(u, v, sequence 0,
 *       aad = lp(sessionId) ‖ lp(u) ‖ lp(v) ‖ lp("P1"), lp(b share) ‖ lp(s^SK share)).
 * </ul>
 */
final class SessionCrypto {
  static final int SECRET_BYTES = 32;
  static final int SHARE_BYTES = 1 + SECRET_BYTES;
  private static final byte[] ENC = "enc".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MASK = "mask".getBytes(StandardCharsets.US_ASCII);
  private static final String PHASE = "P1";

  private SessionCrypto() {}

  static Octets commitment(Octets sessionId, byte[] seed) {
    return Octets.wrap(Digests.sha256(sessionId.raw(), seed));
  }

  static byte[] maskKey(AgreementKeyPair own, AgreementPublicKey peer, Octets sessionId) {
    return own.deriveKey(peer, sessionId.raw(), MASK, MaskPrg.KEY_BYTES);
  }

  static Octets seal(AgreementKeyPair c, Member self, Member peer, Octets sessionId,
      ShamirShare[] pair) {
    byte[] key = c.deriveKey(peer.encryptionKey(), sessionId.raw(), ENC, ShareCipher.KEY_BYTES);
    byte[] plaintext = new WireWriter(80).bytes(pair[0].encode()).bytes(pair[1].encode())
        .toByteArray();
    return Octets.wrap(ShareCipher.create(key).seal(self.id(), peer.id(), 0,
        aad(sessionId, self.id(), peer.id()), plaintext));
  }

  /**
   * Opens the ciphertext {@code sender} sealed for {@code self} and checks both shares carry the
   * receiver's index.
   *
   * @return {b share, s^SK share}
   * @throws RampartException if authentication fails or the plaintext is malformed
   */
  static ShamirShare[] open(AgreementKeyPair c, Member self, Member sender, Octets sessionId,
      Octets ciphertext) {
    byte[] key = c.deriveKey(sender.encryptionKey(), sessionId.raw(), ENC, ShareCipher.KEY_BYTES);
    byte[] plain = ShareCipher.create(key).open(sender.id(), self.id(), 0,
        aad(sessionId, sender.id(), self.id()), ciphertext.raw());
    WireReader r = new WireReader(plain);
    ShamirShare seed = share(r.bytesExactly(SHARE_BYTES, "seed share"), self.index());
    ShamirShare maskKey = share(r.bytesExactly(SHARE_BYTES, "mask key share"), self.index());
    r.expectEnd("share plaintext");
    return new ShamirShare[] {seed, maskKey};
  }

  static ShamirShare share(byte[] encoded, int expectedIndex) {
    ShamirShare s;
    try {
      s = ShamirShare.decode(encoded);
    } catch (KeyFormatException e) {
      throw new RampartException("share does not decode: " + e.getMessage());
    }
    if (s.index() != expectedIndex || s.length() != SECRET_BYTES) {
      throw new RampartException("share has index " + s.index() + " and " + s.length()
          + " bytes, expected index " + expectedIndex + " and " + SECRET_BYTES + " bytes");
    }
    return s;
  }

  private static byte[] aad(Octets sessionId, String sender, String receiver) {
    return new WireWriter(96).bytes(sessionId.raw()).string(sender).string(receiver)
        .string(PHASE).toByteArray();
  }

  /** A set of mask streams to add to or subtract from a vector. */
  static final class Streams {
    private final List<byte[]> keys = new ArrayList<>();
    private final List<Boolean> subtract = new ArrayList<>();

    Streams add(byte[] key) {
      keys.add(key);
      subtract.add(false);
      return this;
    }

    Streams subtract(byte[] key) {
      keys.add(key);
      subtract.add(true);
      return this;
    }

    /**
     * The pairwise stream of SECAGG.md P2 for the client {@code owner} and its peer
     * {@code peer}: added if the peer's id sorts before the owner's, subtracted otherwise
     * ({@link dev.rampart.crypto.Masking#applyPairwiseMasks}'s convention). {@code remove}
     * inverts it.
     */
    Streams pairwise(String owner, String peer, byte[] key, boolean remove) {
      boolean added = peer.compareTo(owner) < 0;
      return added != remove ? add(key) : subtract(key);
    }

    int size() {
      return keys.size();
    }

    /**
     * Adds or subtracts every stream, each thread over its own slice of the target; within a
     * slice the streams are summed in registers before they reach the target
     * ({@link MaskPrg#applyAll}).
     */
    void applyTo(int[] target, int threads) {
      byte[][] keyArray = keys.toArray(new byte[0][]);
      boolean[] flags = new boolean[subtract.size()];
      for (int i = 0; i < flags.length; i++) {
        flags[i] = subtract.get(i);
      }
      ParallelMasks.forEachSlice(target.length, threads, slice -> {
        int end = slice.from() + slice.length();
        for (int from = slice.from(); from < end; from += CHUNK_WORDS) {
          int length = Math.min(CHUNK_WORDS, end - from);
          MaskPrg.applyAll(keyArray, flags, from, target, from, length);
        }
      });
    }

    /** Words per chunk: 32 KiB of target, a multiple of the 256-word block group. */
    private static final int CHUNK_WORDS = 8192;
  }
}
