package dev.rampart.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.rampart.protocol.wire.Chunk;
import dev.rampart.protocol.wire.ClientUpdate;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Fuzz target: a {@link Reassembler} fed a sequence of Kafka records derived from the input, with
 * expiry driven by an injected clock. Whatever the records, it never throws, holds between 0 and
 * {@link #MAX_PENDING_BYTES} bytes and at most {@link #MAX_PENDING_SETS} sets, and holds nothing
 * once every set has expired.
 *
 * <p>The verifier stands in for the signature check (which lives in the crypto module): it accepts a
 * chunk whose signature starts with a zero byte and refuses any other, so the fuzzer reaches both the
 * refusal and the storage paths.
 *
 * <p>Input layout (see {@link #SCRIPT_RECORD} and {@link #SCRIPT_TICK}): a sequence of steps, each
 * one opcode byte followed by its operands; a truncated step ends the script.
 * <ul>
 *   <li>{@code 0x00 ‖ u8 keyLength ‖ key ‖ u16be valueLength ‖ value}: one record arrives;
 *   <li>{@code 0x01 ‖ u16be seconds}: the clock advances, then {@link Reassembler#expire()} runs.
 * </ul>
 * Any other opcode is read as a record too, so every input means something.
 *
 * <p>The script runs twice, through {@link Reassembler#create} and through
 * {@link Reassembler#decodingDense}, and the two must agree step by step: the same kind of outcome,
 * the same rejection reason, and for a completed message the same envelope, the decoded floats put
 * back, with the body digest of the bytes sent. They may part only where the dense reader refuses a
 * set for its floats' reservation (it reserves them before the pieces arrive); from there on only
 * the bounds are checked.
 *
 * <p>Reassembler calls go through {@link #newReassembler} and {@link #accept} only, so this target
 * follows API changes to the reassembler in those two methods.
 */
class ReassemblerFuzzTest {
  /** Opcode: one record. */
  static final byte SCRIPT_RECORD = 0;
  /** Opcode: advance the clock and expire. */
  static final byte SCRIPT_TICK = 1;
  /** Small limits, so that the fuzzer reaches the oversized and the pending-bytes paths. */
  static final long MAX_MESSAGE_BYTES = 16 * 1024;
  static final long MAX_PENDING_BYTES = 24 * 1024;
  static final Duration TTL = Duration.ofSeconds(30);
  static final int MAX_PENDING_SETS = 64;
  static final int MAX_PENDING_SETS_PER_SENDER = 8;
  static final int MAX_FRAME_BYTES = 4096;
  static final long START_MILLIS = 1_700_000_000_000L;

  @FuzzTest(maxDuration = "10s")
  void acceptAndExpire(byte[] script) throws InvalidProtocolBufferException {
    List<Reassembly> whole = run(script, false);
    List<Reassembly> dense = run(script, true);
    assertThat(dense).hasSameSizeAs(whole);
    for (int i = 0; i < whole.size(); i++) {
      Reassembly w = whole.get(i);
      Reassembly d = dense.get(i);
      if (d instanceof Reassembly.Rejected r && r.detail().startsWith("reserving the dense floats")) {
        break;
      }
      assertThat(d.getClass()).isEqualTo(w.getClass());
      if (w instanceof Reassembly.Rejected r) {
        assertThat(((Reassembly.Rejected) d).reason()).isEqualTo(r.reason());
      } else if (w instanceof Reassembly.Complete c) {
        assertSameMessage(c, (Reassembly.Complete) d);
      }
    }
  }

  /** The dense reader's completion is the whole reader's message once its floats are put back. */
  private static void assertSameMessage(Reassembly.Complete whole, Reassembly.Complete dense)
      throws InvalidProtocolBufferException {
    if (dense.dense() == null) {
      assertThat(dense.envelope()).isEqualTo(whole.envelope());
      return;
    }
    assertThat(dense.dense().bodySha256()).isEqualTo(Sha256.of(whole.envelope().getBody()));
    ClientUpdate cut = ClientUpdate.parseFrom(dense.envelope().getBody());
    ClientUpdate restored = cut.toBuilder().setDense(cut.getDense().toBuilder()
        .setFloat32Le(FloatVectors.toWire(dense.dense().floats()).getFloat32Le())).build();
    assertThat(restored).isEqualTo(ClientUpdate.parseFrom(whole.envelope().getBody()));
    assertThat(dense.envelope().toBuilder().clearBody().build())
        .isEqualTo(whole.envelope().toBuilder().clearBody().build());
  }

  /** Runs the script through one reassembler, checking the bounds after every step; returns the record outcomes. */
  private static List<Reassembly> run(byte[] script, boolean decodingDense) {
    ManualClock clock = new ManualClock(START_MILLIS);
    Reassembler reassembler = newReassembler(clock, decodingDense);
    List<Reassembly> outcomes = new ArrayList<>();
    ByteBuffer in = ByteBuffer.wrap(script);
    while (in.hasRemaining()) {
      byte op = in.get();
      if (op == SCRIPT_TICK) {
        if (in.remaining() < 2) {
          break;
        }
        clock.advance(Short.toUnsignedInt(in.getShort()) * 1000L);
        assertThat(reassembler.expire()).allSatisfy(r -> assertThat(r.reason())
            .isEqualTo(RejectionReason.CHUNK_INCOMPLETE));
      } else {
        String key = new String(take(in, in.hasRemaining() ? Byte.toUnsignedInt(in.get()) : 0),
            StandardCharsets.UTF_8);
        byte[] value = take(in, in.remaining() >= 2 ? Short.toUnsignedInt(in.getShort()) : 0);
        Reassembly outcome = accept(reassembler, key, value);
        assertThat(outcome).isNotNull();
        outcomes.add(outcome);
      }
      assertBounded(reassembler);
    }
    clock.advance(Long.MAX_VALUE - clock.millis());
    reassembler.expire();
    assertThat(reassembler.pendingSets()).isZero();
    assertThat(reassembler.pendingBytes()).isZero();
    return outcomes;
  }

  private static Reassembler newReassembler(InstantSource clock, boolean decodingDense) {
    ReassemblyLimits limits = new ReassemblyLimits(MAX_MESSAGE_BYTES, MAX_PENDING_BYTES, MAX_PENDING_SETS,
        MAX_PENDING_SETS_PER_SENDER, TTL, MAX_FRAME_BYTES);
    return decodingDense ? Reassembler.decodingDense(limits, ReassemblerFuzzTest::verify, clock)
        : Reassembler.create(limits, ReassemblerFuzzTest::verify, clock);
  }

  private static Optional<ChunkRefusal> verify(Chunk chunk) {
    return !chunk.getSignature().isEmpty() && chunk.getSignature().byteAt(0) == 0 ? Optional.empty()
        : Optional.of(new ChunkRefusal(RejectionReason.BAD_SIGNATURE, "stand-in signature refused"));
  }

  private static Reassembly accept(Reassembler reassembler, String recordKey, byte[] value) {
    return reassembler.accept(recordKey, value);
  }

  private static void assertBounded(Reassembler reassembler) {
    assertThat(reassembler.pendingBytes()).isBetween(0L, MAX_PENDING_BYTES);
    assertThat(reassembler.pendingSets()).isBetween(0, MAX_PENDING_SETS);
  }

  private static byte[] take(ByteBuffer in, int length) {
    int n = Math.min(length, in.remaining());
    byte[] out = Arrays.copyOfRange(in.array(), in.position(), in.position() + n);
    in.position(in.position() + n);
    return out;
  }

  /** A clock that moves only when told to. */
  static final class ManualClock implements InstantSource {
    private long millis;

    ManualClock(long millis) {
      this.millis = millis;
    }

    void advance(long deltaMillis) {
      millis += deltaMillis;
    }

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }
  }
}
