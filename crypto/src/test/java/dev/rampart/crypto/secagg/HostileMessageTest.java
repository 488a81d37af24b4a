package dev.rampart.crypto.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rampart.crypto.secagg.ServerReceipt.Status;
import dev.rampart.crypto.secagg.internal.WireWriter;
import dev.rampart.protocol.RejectionReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Decoding of hostile wire bytes: nesting deeper than the protocol's one level, containers
 * holding the wrong kind, and declared counts the input cannot hold are refused with
 * {@link SecAggException} before any recursion or allocation, and a server handed such bytes
 * returns a rejection instead of throwing.
 */
class HostileMessageTest {
  private static final List<SecAggMessage> ALL = new ArrayList<>();
  private static TestGroup group;

  @BeforeAll
  static void runOneSession() {
    group = TestGroup.ofFour(GroupRef.of("job-hostile", 2, 0));
    group.run(Set.of(), Set.of());
    for (int phase = 0; phase < 5; phase++) {
      ALL.addAll(group.sent.get(phase).values());
    }
    ALL.addAll(group.broadcasts);
  }

  /** A message of {@code kind} with a minimal header, {@code payload} and a zero signature. */
  private static byte[] message(MessageKind kind, boolean withSession, byte[] payload) {
    WireWriter w = new WireWriter(128 + payload.length);
    w.raw(MessageCodec.MAGIC).u8(MessageCodec.VERSION).u8(kind.code()).string("j").i64(1).i32(0)
        .bytes(withSession ? new byte[32] : new byte[0]).string("c").raw(payload);
    return w.bytes(new byte[64]).toByteArray();
  }

  private static byte[] container(MessageKind kind, byte[] entry) {
    return message(kind, kind.hasSessionId(), new WireWriter(entry.length + 8).i32(1).bytes(entry)
        .toByteArray());
  }

  private static SecAggMessage first(MessageKind kind) {
    return ALL.stream().filter(m -> m.kind() == kind).findFirst().orElseThrow();
  }

  @Test
  void decode_keyListNested9000Deep_refusedWithoutRecursion() {
    byte[] wire = first(MessageKind.ADVERTISE_KEYS).encode();
    for (int depth = 0; depth < 9000; depth++) {
      wire = container(MessageKind.KEY_LIST, wire);
    }
    byte[] deep = wire;

    Throwable thrown = catchThrowable(() -> SecAggMessage.decode(deep));

    assertThat(thrown).isInstanceOf(SecAggException.class)
        .hasMessageContaining("nested entry must be a ADVERTISE_KEYS, but is a KEY_LIST");
  }

  @Test
  void decode_keyListHoldingSignedKeyList_refusedNamingBothKinds() {
    byte[] twoDeep = container(MessageKind.KEY_LIST, first(MessageKind.KEY_LIST).encode());

    assertThatThrownBy(() -> SecAggMessage.decode(twoDeep)).isInstanceOf(SecAggException.class)
        .hasMessageContaining("nested entry must be a ADVERTISE_KEYS, but is a KEY_LIST");
  }

  @Test
  void decode_containerHoldingAnotherContainersEntryKind_refused() {
    byte[] sharesInKeyList = container(MessageKind.KEY_LIST,
        first(MessageKind.SHARE_KEYS).encode());
    byte[] requestInList = container(MessageKind.SHARE_KEYS_LIST,
        first(MessageKind.UNMASK_REQUEST).encode());

    assertThatThrownBy(() -> SecAggMessage.decode(sharesInKeyList))
        .isInstanceOf(SecAggException.class).hasMessageContaining("but is a SHARE_KEYS");
    assertThatThrownBy(() -> SecAggMessage.decode(requestInList))
        .isInstanceOf(SecAggException.class).hasMessageContaining("but is a UNMASK_REQUEST");
  }

  @Test
  void decode_maskedInputDeclaringQuarterOfIntMaxCoordinates_refusedBeforeAllocating() {
    byte[] wire = message(MessageKind.MASKED_INPUT, true,
        new WireWriter(8).i32(Integer.MAX_VALUE / 4).i32(7).toByteArray());

    Throwable thrown = catchThrowable(() -> SecAggMessage.decode(wire));

    assertThat(thrown).isInstanceOf(SecAggException.class)
        .hasMessageContaining("vector count " + Integer.MAX_VALUE / 4 + " needs at least");
  }

  @Test
  void decode_listCountsAboveWhatTheRemainingBytesHold_refusedNamingTheCount() {
    byte[] survivors = message(MessageKind.SURVIVOR_LIST, true,
        new WireWriter(4).i32(SecAggMessage.MAX_ENTRIES).toByteArray());
    byte[] shares = message(MessageKind.SHARE_KEYS, true,
        new WireWriter(48).bytes(new byte[32]).i32(SecAggMessage.MAX_ENTRIES).toByteArray());
    byte[] entries = message(MessageKind.KEY_LIST, false,
        new WireWriter(4).i32(SecAggMessage.MAX_ENTRIES).toByteArray());

    assertThatThrownBy(() -> SecAggMessage.decode(survivors)).isInstanceOf(SecAggException.class)
        .hasMessageContaining("survivors count 255 needs at least 1020 bytes");
    assertThatThrownBy(() -> SecAggMessage.decode(shares)).isInstanceOf(SecAggException.class)
        .hasMessageContaining("shares count 255 needs at least 2040 bytes");
    assertThatThrownBy(() -> SecAggMessage.decode(entries)).isInstanceOf(SecAggException.class)
        .hasMessageContaining("entries count 255 needs at least 1020 bytes");
  }

  @Test
  void decode_randomlyCorruptedMessagesOfEveryKind_throwOnlySecAggException() {
    SplittableRandom random = new SplittableRandom(20261204L);
    for (SecAggMessage m : ALL) {
      byte[] original = m.encode();
      for (int trial = 0; trial < 200; trial++) {
        byte[] wire = original.clone();
        for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
          wire[random.nextInt(wire.length)] = (byte) random.nextInt(256);
        }
        byte[] corrupt = wire;
        Throwable thrown = catchThrowable(() -> SecAggMessage.decode(corrupt));
        assertThat(thrown == null || thrown instanceof SecAggException)
            .as("%s trial %d threw %s", m.kind(), trial, thrown).isTrue();
      }
    }
  }

  @Test
  void accept_deeplyNestedBytesFromAMember_returnsMalformedRejection() {
    TestGroup fresh = TestGroup.ofFour(GroupRef.of("job-hostile", 3, 0));
    byte[] wire = fresh.clients.get("c1").advertisement().encode();
    for (int depth = 0; depth < 9000; depth++) {
      wire = container(MessageKind.KEY_LIST, wire);
    }

    ServerReceipt receipt = fresh.server.accept(wire);

    assertThat(receipt.status()).isEqualTo(Status.REJECTED);
    assertThat(receipt.reason()).contains(RejectionReason.MALFORMED);
    assertThat(fresh.server.phase()).isEqualTo(ServerPhase.COLLECTING_KEYS);
  }
}
