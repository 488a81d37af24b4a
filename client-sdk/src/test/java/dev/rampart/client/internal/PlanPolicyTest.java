package dev.rampart.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.rampart.client.SecureAggregationPolicy;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Digests;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.wire.Group;
import dev.rampart.protocol.wire.RoundPlan;
import dev.rampart.protocol.wire.SecAggMemberKey;
import dev.rampart.protocol.wire.SecAggSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every rule of a client's secure-aggregation policy, one plan that breaks it at a time. */
class PlanPolicyTest {
  private static final List<String> GROUP = List.of("a", "b", "c", "d");
  private static final ClientRegistry REGISTRY = registry(List.of("a", "b", "c", "d", "e", "f"));
  private static final PlanPolicy POLICY = new PlanPolicy(SecureAggregationPolicy.required(REGISTRY), "a");

  private static Identity identity(String id) {
    return Identity.fromPrivateKey(id, Digests.sha256(id.getBytes(StandardCharsets.UTF_8)));
  }

  private static ClientRegistry registry(List<String> ids) {
    ClientRegistry r = ClientRegistry.empty();
    for (String id : ids) {
      r = r.withClient(id, identity(id).publicKey());
    }
    return r;
  }

  private static SecAggMemberKey key(String id, Identity holder) {
    return SecAggMemberKey.newBuilder().setClientId(id)
        .setPublicKey(ByteString.copyFrom(holder.publicKey().bytes())).build();
  }

  private static Group group(int id, List<String> members) {
    return Group.newBuilder().setGroupId(id).addAllMembers(members).build();
  }

  /** Group size s = 4, t = 3, s_min = 3, groups {a,b,c,d} and {e,f,x} keyed as enrolled. */
  private static SecAggSpec.Builder spec(List<String> keyed) {
    SecAggSpec.Builder s = SecAggSpec.newBuilder().setGroupSize(4).setThreshold(3).setMinSurvivors(3)
        .setClip(1.0).setBits(30).setCoordinatorId("coordinator");
    keyed.forEach(id -> s.addMemberKeys(key(id, identity(id))));
    return s;
  }

  private static RoundPlan.Builder plan(SecAggSpec.Builder spec, List<Group> groups) {
    return RoundPlan.newBuilder().setJobId("job").setRound(7).addAllGroups(groups).setSecureAggregation(spec);
  }

  private static RoundPlan compliant() {
    return plan(spec(List.of("a", "b", "c", "d", "e", "f")),
        List.of(group(0, GROUP), group(1, List.of("e", "f", "b2")))).build();
  }

  @Test
  void refusal_compliantPlan_empty() {
    assertThat(POLICY.refusal(compliant())).isEmpty();
  }

  @Test
  void refusal_noSecureAggregationWhileRequired_refusedNamingTheRound() {
    RoundPlan plain = compliant().toBuilder().clearSecureAggregation().clearGroups().build();

    assertThat(POLICY.refusal(plain)).hasValueSatisfying(r -> assertThat(r)
        .contains("round 7 has no secure aggregation"));
  }

  @Test
  void refusal_noSecureAggregationNotRequired_empty() {
    PlanPolicy optional = new PlanPolicy(SecureAggregationPolicy.required(REGISTRY)
        .withRequireSecureAggregation(false), "a");

    assertThat(optional.refusal(compliant().toBuilder().clearSecureAggregation().build())).isEmpty();
  }

  @Test
  void refusal_twoMemberGroup_refusedNamingSizeAndMinimum() {
    RoundPlan pair = plan(spec(List.of("a", "b")).setGroupSize(2).setThreshold(2).setMinSurvivors(2),
        List.of(group(0, List.of("a", "b")))).build();

    assertThat(POLICY.refusal(pair)).hasValueSatisfying(r -> assertThat(r)
        .contains("group 0 has 2 members, below this client's minimum group size 3"));
  }

  @Test
  void refusal_groupLargerThanThePlansGroupSize_refused() {
    RoundPlan big = plan(spec(List.of("a", "b", "c", "d", "e")),
        List.of(group(0, List.of("a", "b", "c", "d", "e")))).build();

    assertThat(POLICY.refusal(big)).hasValueSatisfying(r -> assertThat(r)
        .contains("group 0 has 5 members, above the plan's groupSize=4"));
  }

  @Test
  void refusal_thresholdAtHalfTheGroup_refusedNamingTheThreshold() {
    RoundPlan half = plan(spec(GROUP).setThreshold(2).setMinSurvivors(2), List.of(group(0, GROUP))).build();

    assertThat(POLICY.refusal(half)).hasValueSatisfying(r -> assertThat(r)
        .contains("threshold=2 is not above half the group"));
  }

  @Test
  void refusal_thresholdBelowThePolicysMinimum_refused() {
    PlanPolicy strict = new PlanPolicy(SecureAggregationPolicy.required(REGISTRY).withMinThreshold(4), "a");

    assertThat(strict.refusal(compliant())).hasValueSatisfying(r -> assertThat(r)
        .contains("threshold=3 is below this client's minimum threshold 4"));
  }

  @Test
  void refusal_minSurvivorsBelowThreshold_refused() {
    RoundPlan low = plan(spec(GROUP).setMinSurvivors(2), List.of(group(0, GROUP))).build();

    assertThat(POLICY.refusal(low)).hasValueSatisfying(r -> assertThat(r)
        .contains("minSurvivors=2 must lie in [threshold=3, 4]"));
  }

  @Test
  void refusal_substitutedMemberKey_refusedNamingTheMember() {
    SecAggSpec.Builder s = spec(List.of("a", "c", "d")).addMemberKeys(key("b", identity("coordinator-held")));

    assertThat(POLICY.refusal(plan(s, List.of(group(0, GROUP))).build())).hasValueSatisfying(r -> assertThat(r)
        .contains("member key of 'b' in the plan differs from the local registry's"));
  }

  @Test
  void refusal_memberKeyOfUnenrolledClient_refused() {
    List<String> withSybil = List.of("a", "b", "c", "sybil");
    RoundPlan p = plan(spec(withSybil), List.of(group(0, withSybil))).build();

    assertThat(POLICY.refusal(p)).hasValueSatisfying(r -> assertThat(r)
        .contains("member key of 'sybil' is not an active enrollment of the local registry"));
  }

  @Test
  void refusal_groupMemberWithoutAnyKeyAndNotEnrolled_refused() {
    List<String> withSybil = List.of("a", "b", "c", "sybil");
    RoundPlan p = plan(spec(List.of("a", "b", "c")), List.of(group(0, withSybil))).build();

    assertThat(POLICY.refusal(p)).hasValueSatisfying(r -> assertThat(r)
        .contains("group member 'sybil' is not an active enrollment"));
  }

  @Test
  void refusal_revokedMember_refused() {
    PlanPolicy revoked = new PlanPolicy(SecureAggregationPolicy.required(REGISTRY.revoke("c")), "a");

    assertThat(revoked.refusal(compliant())).hasValueSatisfying(r -> assertThat(r)
        .contains("member key of 'c' is not an active enrollment"));
  }

  @Test
  void refusal_memberListedTwiceInAGroup_refused() {
    List<String> twice = List.of("a", "b", "c", "b");
    RoundPlan p = plan(spec(GROUP), List.of(group(0, twice))).build();

    assertThat(POLICY.refusal(p)).hasValueSatisfying(r -> assertThat(r)
        .contains("member 'b' is listed twice in group 0"));
  }

  @Test
  void refusal_clientInTwoGroups_refusedNamingBothGroups() {
    RoundPlan p = plan(spec(GROUP), List.of(group(0, GROUP), group(1, List.of("e", "f", "a")))).build();

    assertThat(POLICY.refusal(p)).hasValueSatisfying(r -> assertThat(r)
        .contains("client 'a' is in groups 0 and 1"));
  }

  @Test
  void refusal_thisClientInNoGroup_refused() {
    RoundPlan p = plan(spec(GROUP), List.of(group(0, List.of("b", "c", "d")))).build();

    assertThat(POLICY.refusal(p)).hasValueSatisfying(r -> assertThat(r)
        .contains("client 'a' is in no secure-aggregation group of round 7"));
  }

  @Test
  void refusal_groupIdUsedTwice_refused() {
    RoundPlan p = plan(spec(GROUP), List.of(group(0, GROUP), group(0, List.of("e", "f", "b2")))).build();

    assertThat(POLICY.refusal(p)).hasValueSatisfying(r -> assertThat(r)
        .contains("group id 0 appears twice"));
  }

  @Test
  void peers_withLocalRegistry_trustsItsKeysNotThePlans() {
    SecAggSpec substituted = spec(List.of()).addMemberKeys(key("b", identity("coordinator-held"))).build();
    PlanPolicy planTrusting = new PlanPolicy(new SecureAggregationPolicy(true, 3, 2, Optional.empty()), "a");

    assertThat(POLICY.peers(substituted).activeKey("b")).contains(identity("b").publicKey());
    assertThat(planTrusting.peers(substituted).activeKey("b")).contains(identity("coordinator-held").publicKey());
  }

  @Test
  void constructor_groupSizeOrThresholdOutOfRange_refusedNamingTheValue() {
    assertThatThrownBy(() -> SecureAggregationPolicy.required(REGISTRY).withMinGroupSize(2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minGroupSize=2");
    assertThatThrownBy(() -> SecureAggregationPolicy.required(REGISTRY).withMinThreshold(1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minThreshold=1");
  }
}
