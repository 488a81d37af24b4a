package dev.rampart.crypto.secagg;

import static dev.rampart.crypto.secagg.TestGroup.COORDINATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.secagg.ServerReceipt.Status;
import dev.rampart.protocol.RejectionReason;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecAggServerTest {

  private static TestGroup four(long round) {
    return TestGroup.ofFour(GroupRef.of("job-server", round, 0));
  }

  @Test
  void accept_identicalRedelivery_duplicate_differentSecondMessage_rejected() {
    TestGroup g = four(1);
    g.advertise(List.of("c1"));
    AdvertiseKeys first = g.clients.get("c1").advertisement();
    assertThat(g.server.accept(first.encode()).status()).isEqualTo(Status.DUPLICATE);

    TestGroup other = four(1); // same group, fresh keys for c1: a different P0 from c1
    ServerReceipt second = g.server.accept(other.clients.get("c1").advertisement());

    assertThat(second.status()).isEqualTo(Status.REJECTED);
    assertThat(second.reason()).contains(RejectionReason.DUPLICATE);
    assertThat(g.server.awaited()).containsExactly("c2", "c3", "c4");
  }

  @Test
  void accept_lateMessageOfClosedPhase_rejectedLate_butRedeliveryStillDuplicate() {
    TestGroup g = four(2);
    g.advertise(List.of("c1", "c2", "c3"));
    g.close();
    assertThat(g.server.accept(g.clients.get("c4").advertisement()).reason())
        .contains(RejectionReason.LATE);
    assertThat(g.server.accept(g.clients.get("c1").advertisement()).status())
        .isEqualTo(Status.DUPLICATE);
  }

  @Test
  void accept_unsignedMisSignedForeignOrRevoked_rejectedWithReason() {
    TestGroup g = four(3);
    AdvertiseKeys a = g.clients.get("c1").advertisement();
    AdvertiseKeys forged = new AdvertiseKeys(a.header(), a.maskKey(), a.encryptionKey(),
        a.modelDigest(), a.signature());
    ClientRegistry revoked = g.registry.revoke("c2");
    SecAggServer strict = SecAggServer.create(g.ctx, COORDINATOR, revoked);

    assertThat(g.server.accept(a.withSignature(Octets.EMPTY)).reason())
        .contains(RejectionReason.UNSIGNED);
    assertThat(g.server.accept(forged).reason()).contains(RejectionReason.BAD_SIGNATURE);
    assertThat(g.server.accept(four(4).clients.get("c1").advertisement()).reason())
        .contains(RejectionReason.FUTURE_ROUND);
    assertThat(strict.accept(g.clients.get("c2").advertisement()).reason())
        .contains(RejectionReason.REVOKED_CLIENT);
    assertThat(g.server.accept(new byte[] {1, 2, 3}).reason()).contains(RejectionReason.MALFORMED);
    assertThat(g.server.accept(KeyList.sign(COORDINATOR, g.ctx.group(), List.of())).reason())
        .contains(RejectionReason.WRONG_TYPE);
  }

  @Test
  void advance_tooFewAdvertisements_failsGroupWithReason_andStaysDone() {
    TestGroup g = four(5);
    g.advertise(List.of("c1", "c2"));

    ServerStep step = g.server.advance();

    assertThat(step.outcome().orElseThrow().failureReason().orElseThrow())
        .contains("COLLECTING_KEYS", "only 2 members advertised keys, need 3");
    assertThat(g.server.phase()).isEqualTo(ServerPhase.DONE);
    assertThat(g.server.advance()).isEqualTo(step);
    assertThat(g.server.accept(g.clients.get("c3").advertisement()).status())
        .isEqualTo(Status.REJECTED);
  }

  @Test
  void advance_fewerThanThresholdConsistencySignatures_failsGroup() {
    TestGroup g = four(6);
    g.driveTo(ServerPhase.COLLECTING_CHECKS, Set.of(), Set.of("c3", "c4"));

    GroupOutcome outcome = g.server.advance().outcome().orElseThrow();

    // c3 and c4 went silent after P2: only two checks, below t = 3.
    assertThat(outcome.failureReason().orElseThrow())
        .contains("only 2 consistency signatures (threshold), need 3");
  }

  @Test
  void advance_fewerThanThresholdUnmaskResponses_failsGroup() {
    TestGroup g = four(60);
    g.driveTo(ServerPhase.COLLECTING_CHECKS, Set.of(), Set.of());
    UnmaskRequest request = (UnmaskRequest) g.close();
    g.forward(g.deliver(request, g.ctx.members()), List.of("c1", "c2"));

    GroupOutcome outcome = g.server.advance().outcome().orElseThrow();

    assertThat(outcome.failureReason().orElseThrow())
        .contains("only 2 unmask responses (threshold), need 3");
  }

  @Test
  void accept_wrongDimensionOrWrongRevealedShareSet_rejected() {
    TestGroup g = four(7);
    g.driveTo(ServerPhase.COLLECTING_INPUTS, Set.of("c1"), Set.of());
    MaskedInput shortY = MaskedInput.sign(TestGroup.identity("c1"), g.session(), new int[3]);
    assertThat(g.server.accept(shortY).reason()).contains(RejectionReason.WRONG_DIMENSION);

    TestGroup h = four(8);
    h.driveTo(ServerPhase.COLLECTING_CHECKS, Set.of(), Set.of());
    UnmaskRequest request = (UnmaskRequest) h.close();
    UnmaskResponse honest = (UnmaskResponse) h.clients.get("c1").receive(request).message()
        .orElseThrow();
    UnmaskResponse partial = UnmaskResponse.sign(TestGroup.identity("c1"), h.session(),
        honest.shares().subList(0, 3));
    assertThat(h.server.accept(partial).reason()).contains(RejectionReason.BAD_PAYLOAD);
    assertThat(h.server.accept(honest).status()).isEqualTo(Status.ACCEPTED);
  }

  @Test
  void run_noDropouts_awaitedEmptiesEveryPhase_andSumExact() {
    TestGroup g = four(9);
    GroupOutcome outcome = g.run(Set.of(), Set.of());
    assertThat(outcome.sum()).isEqualTo(g.plainSum(g.ctx.members()));
    assertThat(g.server.awaited()).isEmpty();
    assertThat(g.clients.values()).allSatisfy(c ->
        assertThat(c.phase()).isEqualTo(ClientPhase.UNMASK_SENT));
  }
}
