package dev.rampart.crypto.secagg;

import static dev.rampart.crypto.secagg.TestGroup.COORDINATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.crypto.secagg.ClientStep.Action;
import dev.rampart.crypto.secagg.ServerReceipt.Status;
import dev.rampart.protocol.RejectionReason;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A session opened without its input ({@link SecAggClient#open(ClientSetup)}), as a client does
 * when the plan arrives and it trains while P0, P1 and the mask expansion run; and the masked input
 * sent with its envelope's signature as its one signature.
 */
class DeferredInputTest {

  private static TestGroup four(long round) {
    return TestGroup.ofFour(GroupRef.of("job-deferred", round, 0));
  }

  /** c1 gets its input after U2 (WAIT, then SEND), c2 before U2; c3 and c4 at open. */
  @Test
  void supplyInput_afterOrBeforeU2_sendsMaskedInput_groupSumExact() {
    TestGroup g = four(1);
    g.clients.put("c1", SecAggClient.open(g.setup("c1")));
    g.clients.put("c2", SecAggClient.open(g.setup("c2")));
    g.driveTo(ServerPhase.COLLECTING_SHARES, Set.of(), Set.of());
    ClientStep early = g.clients.get("c2").supplyInput(g.inputs.get("c2").clone());
    assertThat(early.action()).as(early.detail()).isEqualTo(Action.WAIT);

    SecAggMessage u2 = g.close();
    Map<String, ClientStep> steps = g.deliver(u2, g.ctx.members());
    assertThat(steps.get("c1").action()).as(steps.get("c1").detail()).isEqualTo(Action.WAIT);
    assertThat(steps.get("c2").action()).isEqualTo(Action.SEND);
    assertThat(g.clients.get("c1").receive(u2.encode()).action()).isEqualTo(Action.WAIT);
    assertThat(g.clients.get("c1").phase()).isEqualTo(ClientPhase.SHARES_SENT);

    ClientStep late = g.clients.get("c1").supplyInput(g.inputs.get("c1").clone());
    assertThat(late.action()).isEqualTo(Action.SEND);
    assertThat(g.clients.get("c1").phase()).isEqualTo(ClientPhase.INPUT_SENT);
    MaskedInput y = (MaskedInput) late.message().orElseThrow();
    assertThat(y.signature().isEmpty()).as("P2 carries no signature of its own").isTrue();
    assertThat(late.wire().orElseThrow()).isEqualTo(y.encode());
    steps.put("c1", late);
    g.forward(steps, g.ctx.members());

    GroupOutcome outcome = g.run(Set.of(), Set.of());
    assertThat(outcome.isSuccess()).as("%s", outcome).isTrue();
    assertThat(outcome.sum()).isEqualTo(g.plainSum(g.ctx.members()));
    assertThat(g.clients.get("c1").supplyInput(g.inputs.get("c1").clone()).action())
        .as("an input after P2 was sent").isEqualTo(Action.IGNORE);
  }

  @Test
  void receive_differentU2WhileMasksWaitForInput_aborts() {
    TestGroup g = four(2);
    g.clients.put("c1", SecAggClient.open(g.setup("c1")));
    g.driveTo(ServerPhase.COLLECTING_SHARES, Set.of(), Set.of());
    SecAggMessage u2 = g.close();
    assertThat(g.clients.get("c1").receive(u2.encode()).action()).isEqualTo(Action.WAIT);
    List<ShareKeys> fewer = g.sent.get(1).values().stream().map(m -> (ShareKeys) m)
        .filter(m -> !m.header().sender().equals("c4")).toList();

    ClientStep other = g.clients.get("c1").receive(ShareKeysList.sign(COORDINATOR, g.session(), fewer));

    assertThat(other.action()).isEqualTo(Action.ABORT);
    assertThat(other.detail()).contains("second, different SHARE_KEYS_LIST");
    assertThat(g.clients.get("c1").supplyInput(g.inputs.get("c1").clone()).action()).isEqualTo(Action.ABORT);
  }

  @Test
  void supplyInput_wrongLengthOrTwice_refusedNamingTheValue() {
    TestGroup g = four(3);
    SecAggClient c1 = SecAggClient.open(g.setup("c1"));
    assertThatThrownBy(() -> c1.supplyInput(new int[3])).isInstanceOf(SecAggException.class)
        .hasMessageContaining("3 coordinates").hasMessageContaining("dimension is 64");
    assertThat(c1.supplyInput(g.inputs.get("c1").clone()).action()).isEqualTo(Action.WAIT);
    assertThatThrownBy(() -> c1.supplyInput(g.inputs.get("c1").clone()))
        .isInstanceOf(SecAggException.class).hasMessageContaining("already supplied");
  }

  /** The masked input's one signature is its envelope's: only the authenticated path takes it. */
  @Test
  void unsignedMaskedInput_acceptedOnlyAsAuthenticated_otherKindsStillNeedTheirOwnSignature() {
    TestGroup g = four(4);
    g.driveTo(ServerPhase.COLLECTING_SHARES, Set.of(), Set.of());
    Map<String, ClientStep> steps = g.deliver(g.close(), g.ctx.members());
    MaskedInput c1 = (MaskedInput) steps.get("c1").message().orElseThrow();
    MaskedInput c2 = (MaskedInput) steps.get("c2").message().orElseThrow();
    MaskedInput c3 = (MaskedInput) steps.get("c3").message().orElseThrow();
    assertThat(c1.signature().isEmpty()).isTrue();

    assertThat(g.server.accept(c1).reason()).contains(RejectionReason.UNSIGNED);
    assertThat(g.server.acceptAuthenticated(c1).status()).isEqualTo(Status.ACCEPTED);
    MaskedInput signedByOther = new MaskedInput(c2.header(), c2.vector(),
        MaskedInput.sign(TestGroup.identity("c3"), g.session(), c2.vector()).signature());
    assertThat(g.server.acceptAuthenticated(signedByOther).reason()).contains(RejectionReason.BAD_SIGNATURE);
    MaskedInput signed = MaskedInput.sign(TestGroup.identity("c3"), g.session(), c3.vector());
    assertThat(g.server.accept(signed).status()).as("a P2 with a valid signature of its own")
        .isEqualTo(Status.ACCEPTED);

    TestGroup fresh = four(5);
    AdvertiseKeys a = fresh.clients.get("c1").advertisement();
    assertThat(fresh.server.acceptAuthenticated(a.withSignature(Octets.EMPTY)).reason())
        .as("P0 is forwarded to peers, so it keeps its own signature").contains(RejectionReason.UNSIGNED);
  }
}
