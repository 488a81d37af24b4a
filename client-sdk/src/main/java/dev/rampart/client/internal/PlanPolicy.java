package dev.rampart.client.internal;

import dev.rampart.client.SecureAggregationPolicy;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.PublicKey;
import dev.rampart.protocol.RampartException;
import dev.rampart.protocol.wire.Group;
import dev.rampart.protocol.wire.RoundPlan;
import dev.rampart.protocol.wire.SecAggMemberKey;
import dev.rampart.protocol.wire.SecAggSpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a verified round plan against this client's {@link SecureAggregationPolicy} (the rules
 * are listed there) and names the peer keys the client trusts. The plan's signature only proves
 * the coordinator wrote it; these checks are what a client does against a coordinator that is
 * itself curious or malicious.
 *
 * <p>Immutable and thread-safe.
 */
public final class PlanPolicy {
  private final SecureAggregationPolicy policy;
  private final String clientId;

  /** A checker of {@code policy} for the client {@code clientId}. */
  public PlanPolicy(SecureAggregationPolicy policy, String clientId) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clientId = Objects.requireNonNull(clientId, "clientId");
  }

  /**
   * Why this client must not answer {@code plan}, naming the rule and the value; empty when the
   * plan keeps the policy.
   */
  public Optional<String> refusal(RoundPlan plan) {
    if (!plan.hasSecureAggregation()) {
      return policy.requireSecureAggregation() ? Optional.of("round " + plan.getRound()
          + " has no secure aggregation, but this client requires it") : Optional.empty();
    }
    Optional<String> structure = groupsRefusal(plan);
    if (structure.isPresent()) {
      return structure;
    }
    Group mine = plan.getGroupsList().stream().filter(g -> g.getMembersList().contains(clientId))
        .findFirst().orElseThrow();
    SecAggSpec spec = plan.getSecureAggregation();
    return parametersRefusal(spec, mine).or(() -> keysRefusal(spec, mine));
  }

  /**
   * The registry whose active keys this client verifies its peers' secure-aggregation messages
   * with: the policy's local registry when it has one, else the member keys the plan lists.
   *
   * @throws RampartException if the plan's keys are malformed or listed twice (only without a
   *     local registry)
   */
  public ClientRegistry peers(SecAggSpec spec) {
    return policy.registry().orElseGet(() -> planKeys(spec));
  }

  /** The member keys a plan lists, as a registry (what a client without a policy trusts). */
  public static ClientRegistry planKeys(SecAggSpec spec) {
    ClientRegistry registry = ClientRegistry.empty();
    for (SecAggMemberKey k : spec.getMemberKeysList()) {
      registry = registry.withClient(k.getClientId(), PublicKey.of(k.getPublicKey().toByteArray()));
    }
    return registry;
  }

  private Optional<String> groupsRefusal(RoundPlan plan) {
    Map<String, Integer> groupOf = new HashMap<>();
    Set<Integer> ids = new HashSet<>();
    for (Group g : plan.getGroupsList()) {
      if (!ids.add(g.getGroupId())) {
        return Optional.of("group id " + g.getGroupId() + " appears twice in round "
            + plan.getRound());
      }
      Set<String> members = new HashSet<>();
      for (String m : g.getMembersList()) {
        if (!members.add(m)) {
          return Optional.of("member '" + m + "' is listed twice in group " + g.getGroupId());
        }
        Integer other = groupOf.putIfAbsent(m, g.getGroupId());
        if (other != null) {
          return Optional.of("client '" + m + "' is in groups " + other + " and "
              + g.getGroupId());
        }
      }
    }
    return groupOf.containsKey(clientId) ? Optional.empty() : Optional.of("client '" + clientId
        + "' is in no secure-aggregation group of round " + plan.getRound());
  }

  private Optional<String> parametersRefusal(SecAggSpec spec, Group mine) {
    int m = mine.getMembersCount();
    long s = Integer.toUnsignedLong(spec.getGroupSize());
    long t = Integer.toUnsignedLong(spec.getThreshold());
    long survivors = Integer.toUnsignedLong(spec.getMinSurvivors());
    String group = "group " + mine.getGroupId() + " has " + m + " members";
    if (m < policy.minGroupSize()) {
      return Optional.of(group + ", below this client's minimum group size "
          + policy.minGroupSize());
    }
    if (m > s) {
      return Optional.of(group + ", above the plan's groupSize=" + s);
    }
    if (2 * t <= m || 2 * t <= s) {
      return Optional.of("threshold=" + t + " is not above half the group (" + group
          + ", groupSize=" + s + ")");
    }
    if (t < policy.minThreshold()) {
      return Optional.of("threshold=" + t + " is below this client's minimum threshold "
          + policy.minThreshold());
    }
    if (survivors < t || survivors > m) {
      return Optional.of("minSurvivors=" + survivors + " must lie in [threshold=" + t + ", "
          + m + "] (" + group + ")");
    }
    return Optional.empty();
  }

  private Optional<String> keysRefusal(SecAggSpec spec, Group mine) {
    if (policy.registry().isEmpty()) {
      return Optional.empty();
    }
    ClientRegistry local = policy.registry().get();
    for (SecAggMemberKey k : spec.getMemberKeysList()) {
      Optional<PublicKey> enrolled = local.activeKey(k.getClientId());
      if (enrolled.isEmpty()) {
        return Optional.of("member key of '" + k.getClientId()
            + "' is not an active enrollment of the local registry");
      }
      if (!enrolled.get().equals(keyOrNull(k))) {
        return Optional.of("member key of '" + k.getClientId() + "' in the plan differs from the "
            + "local registry's (keyId=" + enrolled.get().keyId() + ")");
      }
    }
    for (String member : mine.getMembersList()) {
      if (local.activeKey(member).isEmpty()) {
        return Optional.of("group member '" + member
            + "' is not an active enrollment of the local registry");
      }
    }
    return Optional.empty();
  }

  private static PublicKey keyOrNull(SecAggMemberKey k) {
    try {
      return PublicKey.of(k.getPublicKey().toByteArray());
    } catch (RampartException e) {
      return null;
    }
  }
}
