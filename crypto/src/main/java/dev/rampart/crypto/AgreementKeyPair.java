package dev.rampart.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * An X25519 key pair (RFC 7748) for one secure-aggregation session: SECAGG.md gives every client
 * two per session, {@code c} for share encryption and {@code s} for pairwise masks.
 *
 * <p>The private key is 32 random bytes, clamped inside every scalar multiplication as RFC 7748
 * section 5 requires. Agreement refuses low-order peer keys (they are already refused by
 * {@link AgreementPublicKey#of}) and all-zero results, with {@link KeyAgreementException}.
 *
 * <p>Immutable and thread-safe. {@link #toString()} prints only the public fingerprint.
 */
public final class AgreementKeyPair {
  /** Length of an X25519 private key in bytes. */
  public static final int PRIVATE_KEY_BYTES = X25519.SCALAR_SIZE;
  /** Length of a raw X25519 shared secret in bytes. */
  public static final int SECRET_BYTES = X25519.POINT_SIZE;

  private final byte[] privateKey;
  private final AgreementPublicKey publicKey;

  private AgreementKeyPair(byte[] privateKey) {
    this.privateKey = privateKey;
    byte[] pub = new byte[AgreementPublicKey.BYTES];
    X25519.generatePublicKey(privateKey, 0, pub, 0);
    this.publicKey = AgreementPublicKey.of(pub);
  }

  /**
   * A fresh key pair.
   *
   * @param random source of the 32 private-key bytes; use a platform-seeded {@link SecureRandom}
   */
  public static AgreementKeyPair generate(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    byte[] k = new byte[PRIVATE_KEY_BYTES];
    X25519.generatePrivateKey(random, k);
    return new AgreementKeyPair(k);
  }

  /**
   * Rebuilds a key pair from its private key, e.g. one reconstructed from Shamir shares, so the
   * caller can check that it derives the advertised public key.
   *
   * @param privateKey 32 bytes (clamping is applied during use, not to the stored bytes); copied
   * @throws KeyFormatException if the length is not 32
   */
  public static AgreementKeyPair fromPrivateKey(byte[] privateKey) {
    Objects.requireNonNull(privateKey, "privateKey");
    if (privateKey.length != PRIVATE_KEY_BYTES) {
      throw new KeyFormatException("X25519 private key must be " + PRIVATE_KEY_BYTES
          + " bytes, but got " + privateKey.length + " bytes");
    }
    return new AgreementKeyPair(privateKey.clone());
  }

  /** The public half, to advertise in phase P0. */
  public AgreementPublicKey publicKey() {
    return publicKey;
  }

  /**
   * A copy of the 32 private-key bytes, needed to Shamir-share {@code s_u^SK} in phase P1 and to
   * persist session state. Handle as secret.
   */
  public byte[] privateKey() {
    return privateKey.clone();
  }

  /**
   * The raw X25519 shared secret with {@code peer} (RFC 7748 section 6.1). Use it only as HKDF
   * input; see {@link #deriveKey}.
   *
   * @return a new 32-byte array
   * @throws KeyAgreementException if the result is all zero
   */
  public byte[] agree(AgreementPublicKey peer) {
    Objects.requireNonNull(peer, "peer");
    byte[] secret = new byte[SECRET_BYTES];
    if (!X25519.calculateAgreement(privateKey, 0, peer.rawUnsafe(), 0, secret, 0)) {
      throw new KeyAgreementException("X25519 agreement with " + peer
          + " gave the all-zero secret; refusing the peer key");
    }
    return secret;
  }

  /**
   * {@code HKDF-SHA256(ikm = X25519(this, peer), salt, info, length)}, the way SECAGG.md derives
   * {@code K_uv} (info "enc") and {@code k_uv} (info "mask") with the session id as salt. The
   * intermediate shared secret is wiped before returning. Both members of a pair obtain the same
   * key.
   *
   * @param length output bytes, 1 to {@value Hkdf#MAX_OUTPUT_BYTES}
   * @throws KeyAgreementException if the agreement gives the all-zero secret
   */
  public byte[] deriveKey(AgreementPublicKey peer, byte[] salt, byte[] info, int length) {
    byte[] secret = agree(peer);
    try {
      return Hkdf.derive(secret, salt, info, length);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /** {@code X25519KeyPair[public keyId=<16 hex>]}; never the private key. */
  @Override
  public String toString() {
    return "X25519KeyPair[public keyId=" + publicKey.keyId() + "]";
  }
}
