package dev.rampart.client;

import dev.rampart.crypto.ClientRegistry;
import java.util.Objects;
import java.util.Optional;

/**
 * What this client demands of a coordinator's plan before it sends anything for a round: its
 * defence against a curious or malicious coordinator that would read its update by omitting
 * secure aggregation, putting it in a tiny group, lowering the threshold, or substituting the
 * keys of its peers with keys the coordinator holds.
 *
 * <p>A {@link FederatedClient} with a policy refuses, logging the rule and the value, and sends
 * neither an update nor a secure-aggregation message for a round whose plan
 *
 * <ul>
 *   <li>has no secure aggregation while {@code requireSecureAggregation} is set;
 *   <li>lists a member twice in a group, a client in two groups, one group id twice, or does not
 *       put this client in exactly one group;
 *   <li>gives this client's group fewer than {@code minGroupSize} members, or more than the
 *       plan's own group size s;
 *   <li>has a threshold t with 2t ≤ m (m = members of this client's group) or 2t ≤ s, t below
 *       {@code minThreshold}, or a minimum survivor count below t or above m;
 *   <li>(with a registry) names a member key that is not the active key of that client in the
 *       local registry, or a group member of this client's group the registry does not hold as
 *       active.
 * </ul>
 *
 * <p>With a registry, the peer keys the client verifies secure-aggregation messages with come
 * from this registry, not from the plan. A client without a policy trusts the plan (the
 * behaviour before policies existed). Immutable and thread-safe.
 *
 * @param requireSecureAggregation refuse plans without secure aggregation
 * @param minGroupSize fewest members of this client's group, 3 to 255 (with 2, the one peer
 *     and the coordinator together learn this client's input from the group sum)
 * @param minThreshold smallest Shamir threshold accepted, 2 to 255
 * @param registry the local copy of the consortium's client registry, or empty to take peer
 *     keys from the plan
 */
public record SecureAggregationPolicy(boolean requireSecureAggregation, int minGroupSize,
    int minThreshold, Optional<ClientRegistry> registry) {
  /** Default and least {@link #minGroupSize()}: 3, so no single peer learns this client's input. */
  public static final int DEFAULT_MIN_GROUP_SIZE = 3;
  /** Default {@link #minThreshold()}: 2, the protocol's own lower bound. */
  public static final int DEFAULT_MIN_THRESHOLD = 2;
  /** Largest group the protocol runs (Shamir indices are one byte). */
  public static final int MAX_GROUP_SIZE = 255;

  /** Validates the bounds; the message names the bad value. */
  public SecureAggregationPolicy {
    Objects.requireNonNull(registry, "registry");
    if (minGroupSize < DEFAULT_MIN_GROUP_SIZE || minGroupSize > MAX_GROUP_SIZE) {
      throw new IllegalArgumentException("minGroupSize must be " + DEFAULT_MIN_GROUP_SIZE + "-"
          + MAX_GROUP_SIZE + ", but minGroupSize=" + minGroupSize);
    }
    if (minThreshold < DEFAULT_MIN_THRESHOLD || minThreshold > MAX_GROUP_SIZE) {
      throw new IllegalArgumentException("minThreshold must be " + DEFAULT_MIN_THRESHOLD + "-"
          + MAX_GROUP_SIZE + ", but minThreshold=" + minThreshold);
    }
  }

  /**
   * Requires secure aggregation with the default minimums and takes peer keys from
   * {@code registry}.
   */
  public static SecureAggregationPolicy required(ClientRegistry registry) {
    return new SecureAggregationPolicy(true, DEFAULT_MIN_GROUP_SIZE, DEFAULT_MIN_THRESHOLD,
        Optional.of(Objects.requireNonNull(registry, "registry")));
  }

  /** This policy with another minimum group size (3 to 255). */
  public SecureAggregationPolicy withMinGroupSize(int size) {
    return new SecureAggregationPolicy(requireSecureAggregation, size, minThreshold, registry);
  }

  /** This policy with another minimum threshold (2 to 255). */
  public SecureAggregationPolicy withMinThreshold(int threshold) {
    return new SecureAggregationPolicy(requireSecureAggregation, minGroupSize, threshold, registry);
  }

  /** This policy, requiring secure aggregation or not. */
  public SecureAggregationPolicy withRequireSecureAggregation(boolean require) {
    return new SecureAggregationPolicy(require, minGroupSize, minThreshold, registry);
  }
}
