package dev.rampart.crypto.secagg;

import static dev.rampart.crypto.secagg.TestGroup.COORDINATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.crypto.Identity;
import dev.rampart.crypto.secagg.ClientStep.Action;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecAggClientTest {

  private static TestGroup four(long round) {
    return TestGroup.ofFour(GroupRef.of("job-client", round, 0));
  }

  @Test
  void receive_listNotSignedByCoordinator_ignoredAndStateKept() {
    TestGroup g = four(1);
    g.advertise(g.ctx.members());
    KeyList honest = (KeyList) g.close();
    Identity impostor = Identity.generate(COORDINATOR.id(), new SecureRandom());

    ClientStep forged = g.clients.get("c1").receive(KeyList.sign(impostor, g.ctx.group(),
        honest.entries()));
    ClientStep unsigned = g.clients.get("c1").receive(new KeyList(honest.header(),
        honest.entries(), Octets.EMPTY));
    ClientStep garbage = g.clients.get("c1").receive(new byte[] {9, 9});

    assertThat(List.of(forged, unsigned, garbage)).extracting(ClientStep::action)
        .containsOnly(Action.IGNORE);
    assertThat(g.clients.get("c1").phase()).isEqualTo(ClientPhase.ADVERTISED);
    assertThat(g.clients.get("c1").receive(honest).action()).isEqualTo(Action.SEND);
  }

  @Test
  void receive_clientMessageKindOrOtherSender_ignored() {
    TestGroup g = four(2);
    AdvertiseKeys peer = g.clients.get("c2").advertisement();
    assertThat(g.clients.get("c1").receive(peer).action()).isEqualTo(Action.IGNORE);
    KeyList fromPeer = KeyList.sign(TestGroup.identity("c2"), g.ctx.group(), List.of(peer));
    assertThat(g.clients.get("c1").receive(fromPeer).detail()).contains("not the coordinator");
  }

  @Test
  void receive_redeliveredList_resendsSameBytes_differentList_aborts() {
    TestGroup g = four(3);
    g.driveTo(ServerPhase.COLLECTING_CHECKS, Set.of(), Set.of());
    SurvivorList u3 = (SurvivorList) g.broadcasts.get(2);
    byte[] check = g.sent.get(3).get("c1").encode();

    ClientStep again = g.clients.get("c1").receive(u3.encode());
    ClientStep other = g.clients.get("c1").receive(SurvivorList.sign(COORDINATOR, g.session(),
        List.of("c1", "c2", "c3")));

    assertThat(again.action()).isEqualTo(Action.RESEND);
    assertThat(again.message().orElseThrow().encode()).isEqualTo(check);
    assertThat(other.action()).isEqualTo(Action.ABORT);
    assertThat(other.detail()).contains("second, different SURVIVOR_LIST");
    assertThat(g.clients.get("c1").receive(u3).action()).isEqualTo(Action.ABORT);
  }

  @Test
  void receive_laterPhaseBeforeEarlier_aborts() {
    TestGroup g = four(4);
    g.driveTo(ServerPhase.COLLECTING_SHARES, Set.of(), Set.of());
    ClientStep step = g.clients.get("c1").receive(SurvivorList.sign(COORDINATOR, g.session(),
        g.ctx.members()));
    assertThat(step.action()).isEqualTo(Action.ABORT);
    assertThat(step.detail()).contains("SURVIVOR_LIST arrived while the client is in SHARES_SENT");
  }

  @Test
  void receive_survivorListUnsortedOrOutsideU2_aborts() {
    TestGroup g = four(5);
    g.driveTo(ServerPhase.COLLECTING_INPUTS, Set.of(), Set.of());
    g.close();
    ClientStep unsorted = g.clients.get("c1").receive(SurvivorList.sign(COORDINATOR,
        g.session(), List.of("c1", "c3", "c2")));
    ClientStep outside = g.clients.get("c2").receive(SurvivorList.sign(COORDINATOR,
        g.session(), List.of("c1", "c2", "zed")));
    assertThat(unsorted.detail()).contains("not sorted");
    assertThat(outside.detail()).contains("'zed', who is not in U2");
  }

  @Test
  void advertisement_afterAbort_throws_andAbortIsFinal() {
    TestGroup g = four(6);
    g.advertise(g.ctx.members());
    g.clients.get("c1").receive(KeyList.sign(COORDINATOR, g.ctx.group(), List.of()));
    assertThat(g.clients.get("c1").abortReason()).isPresent();
    assertThatThrownBy(() -> g.clients.get("c1").advertisement())
        .hasMessageContaining("is aborted");
    assertThat(g.clients.get("c1").receive(g.close()).action()).isEqualTo(Action.ABORT);
  }

  @Test
  void setup_identityNotPlannedMember_refused() {
    TestGroup g = four(7);
    assertThatThrownBy(() -> ClientSetup.builder().context(g.ctx)
        .identity(TestGroup.identity("outsider")).trust(g.trust)
        .store(ClientStateStore.inMemory()).build())
        .hasMessageContaining("'outsider' is not a member of job-client/r7/g0");
    assertThatThrownBy(() -> ClientSetup.builder().maskThreads(0))
        .hasMessageContaining("maskThreads must be 1-64, but was 0");
  }

  @Test
  void run_maskThreadsFour_sameSumAsOneThread() {
    TestGroup g = TestGroup.create(GroupRef.of("job-client", 8, 0),
        List.of("c1", "c2", "c3", "c4"), SecAggParameters.of(4, 3, 3, 1.0), 20_000);
    for (String id : g.ctx.members()) {
      g.clients.put(id, SecAggClient.open(ClientSetup.builder().context(g.ctx)
          .identity(TestGroup.identity(id)).trust(g.trust).store(ClientStateStore.inMemory())
          .maskThreads(4).build(), g.inputs.get(id)));
    }
    assertThat(g.run(Set.of("c2"), Set.of()).sum()).isEqualTo(
        g.plainSum(List.of("c1", "c3", "c4")));
  }
}
