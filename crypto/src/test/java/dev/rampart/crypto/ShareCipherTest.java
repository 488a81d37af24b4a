package dev.rampart.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.protocol.RampartException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** SECAGG.md attacks 8 (forwarded or reflected ciphertexts) and 9 (nonce uniqueness). */
class ShareCipherTest {
  private static final byte[] SESSION = Digests.sha256("session-1".getBytes());
  private static final byte[] SHARE = "b_u share #3: 0123456789abcdef0123456789abcdef".getBytes();

  private final SecureRandom random = new SecureRandom();

  @Test
  void open_sealedForReceiver_returnsPlaintext() {
    ShareCipher kuv = ShareCipher.create(key());
    byte[] sealed = kuv.seal("u", "v", 0, SESSION, SHARE);

    assertThat(sealed).hasSize(SHARE.length + ShareCipher.OVERHEAD_BYTES);
    assertThat(kuv.open("u", "v", 0, SESSION, sealed)).isEqualTo(SHARE);
  }

  @Test
  void open_forwardedToThirdClient_rejected() {
    // u -> v ciphertext handed to w, who shares a different key with u.
    AgreementKeyPair u = AgreementKeyPair.generate(random);
    AgreementKeyPair v = AgreementKeyPair.generate(random);
    AgreementKeyPair w = AgreementKeyPair.generate(random);
    byte[] sealed = ShareCipher.create(u.deriveKey(v.publicKey(), SESSION, "enc".getBytes(), 32))
        .seal("u", "v", 0, SESSION, SHARE);
    ShareCipher wu = ShareCipher.create(w.deriveKey(u.publicKey(), SESSION, "enc".getBytes(), 32));

    assertThatThrownBy(() -> wu.open("u", "w", 0, SESSION, sealed))
        .isInstanceOf(ShareDecryptionException.class)
        .hasMessageContaining("'u'").hasMessageContaining("'w'");
    assertThatThrownBy(() -> wu.open("u", "v", 0, SESSION, sealed))
        .isInstanceOf(ShareDecryptionException.class);
  }

  @Test
  void open_reflectedBackToSender_rejected() {
    // Same pair key both ways: only the direction in nonce and associated data tells them apart.
    ShareCipher kuv = ShareCipher.create(key());
    byte[] sealed = kuv.seal("u", "v", 0, SESSION, SHARE);

    assertThatThrownBy(() -> kuv.open("v", "u", 0, SESSION, sealed))
        .isInstanceOf(ShareDecryptionException.class);
  }

  @Test
  void open_wrongSequenceOrAssociatedData_rejected() {
    ShareCipher kuv = ShareCipher.create(key());
    byte[] sealed = kuv.seal("u", "v", 0, SESSION, SHARE);
    byte[] otherSession = Digests.sha256("session-2".getBytes());

    assertThatThrownBy(() -> kuv.open("u", "v", 1, SESSION, sealed))
        .isInstanceOf(ShareDecryptionException.class);
    assertThatThrownBy(() -> kuv.open("u", "v", 0, otherSession, sealed))
        .isInstanceOf(ShareDecryptionException.class);
  }

  @Test
  void open_tamperedCiphertext_rejectedWithoutShareBytesInMessage() {
    ShareCipher kuv = ShareCipher.create(key());
    byte[] sealed = kuv.seal("u", "v", 0, SESSION, SHARE);
    sealed[3] ^= 1;

    assertThatThrownBy(() -> kuv.open("u", "v", 0, SESSION, sealed))
        .isInstanceOf(ShareDecryptionException.class)
        .hasMessageNotContaining(HexFormat.of().formatHex(sealed).substring(0, 16));
  }

  @Test
  void nonce_everyDirectionAndSequenceOfASession_uniquePerPairKey() {
    // Property over random sessions: within one pair key (unordered pair), no two distinct
    // (sender, receiver, sequence) triples ever map to the same nonce.
    SplittableRandom rnd = new SplittableRandom(9);
    for (int session = 0; session < 50; session++) {
      List<String> ids = randomIds(rnd, rnd.nextInt(2, 21));
      Map<String, String> seen = new HashMap<>();
      for (String a : ids) {
        for (String b : ids) {
          if (a.equals(b)) {
            continue;
          }
          String pair = a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
          for (int k = 0; k < 4; k++) {
            long seq = k < 2 ? k : rnd.nextLong(0, Long.MAX_VALUE);
            String triple = a + ">" + b + "#" + seq;
            String slot = pair + "@" + HexFormat.of().formatHex(ShareCipher.nonce(a, b, seq));
            String previous = seen.putIfAbsent(slot, triple);
            assertThat(previous == null || previous.equals(triple))
                .as("nonce reuse under key %s: %s and %s", pair, previous, triple).isTrue();
          }
        }
      }
    }
  }

  @Test
  void nonce_oppositeDirections_differ() {
    assertThat(ShareCipher.nonce("a", "b", 0)).isNotEqualTo(ShareCipher.nonce("b", "a", 0));
    assertThat(ShareCipher.nonce("a", "b", 0)).isNotEqualTo(ShareCipher.nonce("a", "b", 1));
  }

  @Test
  void nonce_invalidArguments_throwNamingValue() {
    assertThatThrownBy(() -> ShareCipher.nonce("a", "a", 0))
        .isInstanceOf(RampartException.class).hasMessageContaining("'a'");
    assertThatThrownBy(() -> ShareCipher.nonce("a", "b", -1))
        .isInstanceOf(RampartException.class).hasMessageContaining("-1");
  }

  @Test
  void create_wrongKeyLength_throws() {
    assertThatThrownBy(() -> ShareCipher.create(new byte[16]))
        .isInstanceOf(KeyFormatException.class).hasMessageContaining("16 bytes");
  }

  private byte[] key() {
    byte[] k = new byte[32];
    random.nextBytes(k);
    return k;
  }

  private static List<String> randomIds(SplittableRandom rnd, int n) {
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
    List<String> ids = new ArrayList<>();
    while (ids.size() < n) {
      StringBuilder sb = new StringBuilder();
      int len = rnd.nextInt(1, 12);
      for (int i = 0; i < len; i++) {
        sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
      }
      if (!ids.contains(sb.toString())) {
        ids.add(sb.toString());
      }
    }
    return ids;
  }
}
