package dev.rampart.coordinator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.protocol.ClientId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpenRoundTest {
  private static final Set<ClientId> PARTICIPANTS = Set.of(ClientId.of("bank-a"), ClientId.of("bank-b"),
      ClientId.of("bank-c"));

  /** The aggregation's input order, and so its floating-point result, must not depend on the topic's order. */
  @Test
  void accepted_isInClientIdOrder_whateverOrderTheUpdatesArrivedIn() {
    OpenRound forward = new OpenRound(1, 1000, new byte[32], PARTICIPANTS);
    OpenRound backward = new OpenRound(1, 1000, new byte[32], PARTICIPANTS);
    List<String> ids = List.of("bank-b", "bank-c", "bank-a");
    for (String id : ids) {
      forward.accept(update(id));
    }
    for (String id : List.of("bank-a", "bank-c", "bank-b")) {
      backward.accept(update(id));
    }

    assertThat(forward.accepted()).extracting(u -> u.client().value()).containsExactly("bank-a", "bank-b", "bank-c");
    assertThat(backward.accepted()).extracting(u -> u.client().value()).containsExactly("bank-a", "bank-b", "bank-c");
    assertThat(forward.complete()).isTrue();
  }

  private static AcceptedUpdate update(String id) {
    return new AcceptedUpdate(ClientId.of(id), new float[] {id.charAt(5)}, 1, 0f, new byte[0], new byte[32]);
  }
}
