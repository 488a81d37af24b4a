package dev.rampart.crypto.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.crypto.Identity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Wire encoding and signature binding of every message kind. */
class SecAggMessageTest {
  private static final List<SecAggMessage> ALL = new ArrayList<>();

  @BeforeAll
  static void runOneSession() {
    TestGroup g = TestGroup.ofFour(GroupRef.of("job-msg", 3, 1));
    g.run(Set.of("c4"), Set.of());
    for (int phase = 0; phase < 5; phase++) {
      ALL.addAll(g.sent.get(phase).values());
    }
    ALL.addAll(g.broadcasts);
  }

  @Test
  void decode_everyKind_roundTripsToEqualMessageAndIdenticalBytes() {
    assertThat(ALL.stream().map(SecAggMessage::kind).distinct()).hasSize(9);
    for (SecAggMessage m : ALL) {
      byte[] wire = m.encode();
      SecAggMessage back = SecAggMessage.decode(wire);
      assertThat(back).as(m.kind().toString()).isEqualTo(m);
      assertThat(back.encode()).isEqualTo(wire);
    }
  }

  @Test
  void decode_trailingTruncatedOrCorruptFraming_throwsNamingTheProblem() {
    for (SecAggMessage m : ALL) {
      byte[] wire = m.encode();
      byte[] trailing = Arrays.copyOf(wire, wire.length + 1);
      assertThatThrownBy(() -> SecAggMessage.decode(trailing))
          .isInstanceOf(SecAggException.class).hasMessageContaining("trailing");
      for (int cut : new int[] {0, 3, 6, wire.length / 2, wire.length - 1}) {
        assertThatThrownBy(() -> SecAggMessage.decode(Arrays.copyOf(wire, cut)))
            .as("%s cut at %d", m.kind(), cut).isInstanceOf(SecAggException.class);
      }
    }
    byte[] wire = ALL.get(0).encode();
    wire[5] = 42;
    assertThatThrownBy(() -> SecAggMessage.decode(wire)).hasMessageContaining("kind 42");
    byte[] magic = ALL.get(0).encode();
    magic[0] = 'X';
    assertThatThrownBy(() -> SecAggMessage.decode(magic)).hasMessageContaining("magic");
  }

  @Test
  void decode_hugeDeclaredCount_refusedBeforeAllocating() {
    byte[] wire = ALL.stream().filter(m -> m instanceof MaskedInput).findFirst().orElseThrow()
        .encode();
    // The u32 dimension sits right after the header; raise it by 2^28 (a 1 GiB claim).
    int at = indexOfDimension(wire);
    wire[at] = 0x10;
    assertThatThrownBy(() -> SecAggMessage.decode(wire)).isInstanceOf(SecAggException.class)
        .hasMessageContaining("needs at least");
  }

  private static int indexOfDimension(byte[] wire) {
    MaskedInput m = (MaskedInput) SecAggMessage.decode(wire);
    return wire.length - (4 + m.signature().length()) - 4 * m.dimension() - 4;
  }

  @Test
  void decode_unsignedMessage_refused() {
    SecAggMessage signed = ALL.get(0);
    AdvertiseKeys a = (AdvertiseKeys) signed;
    byte[] unsigned = a.withSignature(Octets.EMPTY).encode();
    assertThatThrownBy(() -> SecAggMessage.decode(unsigned))
        .hasMessageContaining("signature must be 64 bytes");
    assertThat(a.withSignature(Octets.EMPTY).verify(TestGroup.identity("c1").publicKey()))
        .isFalse();
  }

  @Test
  void verify_anyBoundFieldChanged_fails() {
    Identity c1 = TestGroup.identity("c1");
    ConsistencyCheck check = ALL.stream().filter(m -> m instanceof ConsistencyCheck)
        .map(m -> (ConsistencyCheck) m).filter(m -> m.header().sender().equals("c1"))
        .findFirst().orElseThrow();
    SessionRef s = check.header().session();
    GroupRef g = s.group();
    assertThat(check.verify(c1.publicKey())).isTrue();

    List<SessionRef> elsewhere = List.of(
        new SessionRef(GroupRef.of("job-other", g.round(), g.groupId()), s.sessionId()),
        new SessionRef(GroupRef.of("job-msg", g.round() + 1, g.groupId()), s.sessionId()),
        new SessionRef(GroupRef.of("job-msg", g.round(), g.groupId() + 1), s.sessionId()),
        new SessionRef(g, Octets.of(new byte[32])));
    for (SessionRef other : elsewhere) {
      ConsistencyCheck moved = new ConsistencyCheck(new MessageHeader(other, "c1"),
          check.survivors(), check.signature());
      assertThat(moved.verify(c1.publicKey())).as(other.toString()).isFalse();
    }
    ConsistencyCheck otherU3 = new ConsistencyCheck(check.header(),
        check.survivors().subList(0, 2), check.signature());
    assertThat(otherU3.verify(c1.publicKey())).isFalse();
    // Same body bytes under another phase's type: a P3 signature is not a P2 or P4 signature.
    SurvivorList asList = new SurvivorList(check.header(), check.survivors(), check.signature());
    assertThat(asList.verify(c1.publicKey())).isFalse();
    assertThat(check.verify(TestGroup.identity("c2").publicKey())).isFalse();
  }

  @Test
  void constructor_wrongLengthsOrSessionBinding_throwNamingField() {
    MessageHeader p0 = new MessageHeader(SessionRef.advertising(GroupRef.of("j", 0, 0)), "c1");
    Octets k = Octets.of(new byte[32]);
    assertThatThrownBy(() -> new AdvertiseKeys(p0, Octets.of(new byte[31]), k, k, Octets.EMPTY))
        .hasMessageContaining("encryptionKey must be 32 bytes, but has 31");
    assertThatThrownBy(() -> new MaskedInput(p0, new int[1], Octets.EMPTY))
        .hasMessageContaining("MASKED_INPUT messages must carry a session id");
    assertThatThrownBy(() -> new SessionRef(GroupRef.of("j", 0, 0), Octets.of(new byte[5])))
        .hasMessageContaining("sessionId must be empty or 32 bytes, but has 5");
    assertThatThrownBy(() -> new MessageHeader(p0.session(), "bad id"))
        .hasMessageContaining("sender id");
  }

  @Test
  void maskedInput_vectorAccessor_returnsCopy() {
    MaskedInput m = ALL.stream().filter(x -> x instanceof MaskedInput).map(x -> (MaskedInput) x)
        .findFirst().orElseThrow();
    int[] v = m.vector();
    v[0] ^= 1;
    assertThat(m.vector()[0]).isNotEqualTo(v[0]);
    assertThat(m.toString()).doesNotContain(Integer.toString(m.vector()[0]));
  }
}
