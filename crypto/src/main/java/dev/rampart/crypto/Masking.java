package dev.rampart.crypto;

import java.util.List;
import java.util.Objects;

/**
 * Vector arithmetic in Z/2^32 for masked secure aggregation: Java {@code int} addition wraps, so
 * every operation here is exact modular arithmetic with no overflow checks.
 *
 * <p>Stateless and thread-safe; the target arrays are updated in place and must not be shared
 * between threads during a call.
 */
public final class Masking {
  private Masking() {}

  /**
   * {@code target[i] += other[i]} mod 2^32 for every i.
   *
   * @throws IllegalArgumentException if the lengths differ
   */
  public static void add(int[] target, int[] other) {
    requireSameLength(target, other);
    for (int i = 0; i < target.length; i++) {
      target[i] += other[i];
    }
  }

  /**
   * {@code target[i] -= other[i]} mod 2^32 for every i.
   *
   * @throws IllegalArgumentException if the lengths differ
   */
  public static void subtract(int[] target, int[] other) {
    requireSameLength(target, other);
    for (int i = 0; i < target.length; i++) {
      target[i] -= other[i];
    }
  }

  /**
   * Applies a client's pairwise masks the way SECAGG.md phase P2 prescribes,
   * {@code y_u += Σ_{v<u} PRG(k_uv) − Σ_{v>u} PRG(k_uv)}: the stream of a peer whose id sorts
   * before {@code self} is added, that of a peer sorting after it is subtracted, so the two members
   * of every pair cancel in the sum. Ids are ordered by {@link String#compareTo}, which for the
   * ASCII party-id alphabet is plain byte order.
   *
   * @param target the vector to mask, in place
   * @param self the masking client's id
   * @param peerIds ids of the peers, aligned with {@code pairKeys}; none equal to {@code self}
   * @param pairKeys the 32-byte shared mask keys {@code k_uv}, one per peer
   * @throws IllegalArgumentException if the lists differ in length or a peer id equals self
   */
  public static void applyPairwiseMasks(int[] target, String self, List<String> peerIds,
      List<byte[]> pairKeys) {
    Objects.requireNonNull(self, "self");
    if (peerIds.size() != pairKeys.size()) {
      throw new IllegalArgumentException("peerIds has " + peerIds.size() + " entries but pairKeys "
          + pairKeys.size());
    }
    for (int i = 0; i < peerIds.size(); i++) {
      int order = self.compareTo(peerIds.get(i));
      if (order == 0) {
        throw new IllegalArgumentException("peer id '" + self + "' equals the masking client");
      }
      if (order > 0) {
        MaskPrg.addTo(target, pairKeys.get(i));
      } else {
        MaskPrg.subtractFrom(target, pairKeys.get(i));
      }
    }
  }

  private static void requireSameLength(int[] target, int[] other) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(other, "other");
    if (target.length != other.length) {
      throw new IllegalArgumentException(
          "vector lengths differ: target has " + target.length + ", other has " + other.length);
    }
  }
}
