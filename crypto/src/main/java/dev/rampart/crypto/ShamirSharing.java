package dev.rampart.crypto;

import dev.rampart.protocol.RampartException;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.crypto.threshold.ShamirSecretSplitter;
import org.bouncycastle.crypto.threshold.ShamirSplitSecret;
import org.bouncycastle.crypto.threshold.ShamirSplitSecretShare;

/**
 * Shamir t-of-n secret sharing over GF(2^8) (AES field polynomial), byte by byte, through
 * BouncyCastle's {@link ShamirSecretSplitter} (1.86+).
 *
 * <p>{@link #split} draws a random polynomial of degree {@code t-1} per secret byte, with the
 * secret byte as constant term, and returns its values at x = 1..n as shares with those indices.
 * {@link #recombine} interpolates at x = 0 through every share it is given.
 *
 * <p><b>Fewer than t shares.</b> BouncyCastle does not detect this: interpolating through fewer
 * points returns bytes unrelated to the secret (garbage, not an error). {@link #recombine}
 * therefore refuses fewer than {@code threshold} shares up-front with a {@link RampartException}.
 * A wrong share among the inputs also yields garbage silently; callers detect it by checking the
 * result (SECAGG.md: the reconstructed {@code s_v^SK} must derive {@code s_v^PK}, and {@code b_v}
 * must match its commitment).
 *
 * <p>Cost: O(t·n·len) to split and O(k^2 + k·len) to recombine k shares. Stateless and
 * thread-safe if the supplied {@link SecureRandom} is.
 */
public final class ShamirSharing {
  /** Largest secret BouncyCastle's splitter accepts, in bytes. */
  public static final int MAX_SECRET_BYTES = 65534;

  private ShamirSharing() {}

  /**
   * Splits {@code secret} into {@code shareCount} shares, any {@code threshold} of which recover it.
   *
   * @param secret 1 to {@value #MAX_SECRET_BYTES} bytes
   * @param threshold t, at least 2 (t = 1 would make every share equal to the secret)
   * @param shareCount n, from t to 255
   * @param random source of the polynomial coefficients
   * @return n shares with indices 1..n, in index order
   * @throws RampartException naming the values if out of range
   */
  public static List<ShamirShare> split(byte[] secret, int threshold, int shareCount,
      SecureRandom random) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(random, "random");
    if (secret.length < 1 || secret.length > MAX_SECRET_BYTES) {
      throw new RampartException("secret must be 1-" + MAX_SECRET_BYTES + " bytes, but was "
          + secret.length);
    }
    if (threshold < 2 || shareCount < threshold || shareCount > ShamirShare.MAX_INDEX) {
      throw new RampartException("Shamir sharing needs 2 <= threshold <= shareCount <= "
          + ShamirShare.MAX_INDEX + ", but threshold=" + threshold + ", shareCount=" + shareCount);
    }
    ShamirSecretSplitter splitter = new ShamirSecretSplitter(ShamirSecretSplitter.Algorithm.AES,
        ShamirSecretSplitter.Mode.Native, secret.length, random);
    ShamirSplitSecretShare[] raw = splitter.resplit(secret, threshold, shareCount)
        .getSecretShares();
    List<ShamirShare> shares = new ArrayList<>(raw.length);
    for (int i = 0; i < raw.length; i++) {
      // BouncyCastle evaluates share i at x = i + 1 and keeps x package-private; record it here.
      shares.add(ShamirShare.of(i + 1, encoded(raw[i])));
    }
    return List.copyOf(shares);
  }

  /**
   * Recovers the secret from at least {@code threshold} shares with distinct indices.
   *
   * @param shares the shares, any order; all are used
   * @param threshold the t the secret was split with
   * @return the secret if every share is genuine; unrelated bytes otherwise (see class comment)
   * @throws RampartException naming the counts if fewer than {@code threshold} shares are given,
   *     or naming the index if indices repeat or lengths differ
   */
  public static byte[] recombine(Collection<ShamirShare> shares, int threshold) {
    Objects.requireNonNull(shares, "shares");
    if (threshold < 2) {
      throw new RampartException("threshold must be >= 2, but was " + threshold);
    }
    if (shares.size() < threshold) {
      throw new RampartException("need at least threshold=" + threshold
          + " shares to recombine, but got " + shares.size());
    }
    ShamirSplitSecretShare[] raw = new ShamirSplitSecretShare[shares.size()];
    Set<Integer> indices = new HashSet<>();
    int length = -1;
    int i = 0;
    for (ShamirShare share : shares) {
      if (!indices.add(share.index())) {
        throw new RampartException("share index " + share.index() + " appears twice");
      }
      if (length >= 0 && share.length() != length) {
        throw new RampartException("share index " + share.index() + " has " + share.length()
            + " bytes, others have " + length);
      }
      length = share.length();
      raw[i++] = new ShamirSplitSecretShare(share.value(), share.index());
    }
    try {
      return new ShamirSplitSecret(ShamirSecretSplitter.Algorithm.AES,
          ShamirSecretSplitter.Mode.Native, raw).getSecret();
    } catch (IOException e) {
      throw new RampartException("cannot read Shamir shares: " + e.getMessage(), e);
    }
  }

  private static byte[] encoded(ShamirSplitSecretShare share) {
    try {
      return share.getEncoded();
    } catch (IOException e) {
      throw new RampartException("cannot encode a Shamir share: " + e.getMessage(), e);
    }
  }
}
