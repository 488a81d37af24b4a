package dev.rampart.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.rampart.crypto.ChunkSigning;
import dev.rampart.crypto.Envelopes;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.Framing;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.ReassemblyLimits;
import dev.rampart.protocol.wire.Frame;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.MessageType;
import dev.rampart.protocol.wire.RoundPlan;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the feed treats a coordinator that restarts and runs an open round again. */
class CoordinatorFeedTest {
  private static final Identity COORDINATOR = Identity.generate("coordinator", new SecureRandom());
  private static final JobId JOB = JobId.of("feed-test");

  private final CoordinatorFeed feed = new CoordinatorFeed(JOB, COORDINATOR.publicKey(), ReassemblyLimits.defaults(),
      Clock.systemUTC());

  private static RoundPlan plan(long round, long deadline, boolean closed) {
    return RoundPlan.newBuilder().setJobId(JOB.value()).setRound(round).setDeadlineMs(deadline).setClosed(closed)
        .setDimension(2).build();
  }

  private void publish(RoundPlan plan) {
    Envelope e = Envelopes.seal(COORDINATOR, MessageType.ROUND_PLAN, JOB.value(), plan.getRound(), plan.toByteArray(), 0);
    Framing.frames(e, Framing.DEFAULT_MAX_FRAME_BYTES, 0, ChunkSigning.signer(COORDINATOR))
        .forEach(f -> feed.accept(f.toByteArray()));
  }

  @Test
  void latestPlan_sameRoundWithLaterDeadline_replacesTheEarlierAttempt() {
    publish(plan(3, 1_000, false));
    publish(plan(3, 5_000, false));
    assertThat(feed.latestPlan()).get().extracting(RoundPlan::getDeadlineMs).isEqualTo(5_000L);
  }

  @Test
  void latestPlan_sameRoundWithEarlierDeadline_keepsTheNewerAttempt() {
    publish(plan(3, 5_000, false));
    publish(plan(3, 1_000, false));
    assertThat(feed.latestPlan()).get().extracting(RoundPlan::getDeadlineMs).isEqualTo(5_000L);
  }

  @Test
  void isClosed_closingOfFirstAttempt_doesNotCloseTheRestartedAttempt() {
    publish(plan(3, 1_000, false));
    publish(plan(3, 1_000, true));
    publish(plan(3, 5_000, false));
    RoundPlan restarted = feed.latestPlan().orElseThrow();
    assertThat(feed.isClosed(restarted)).isFalse();
    publish(plan(3, 5_000, true));
    assertThat(feed.isClosed(restarted)).isTrue();
  }

  @Test
  void isClosed_laterRoundClosed_closesEveryEarlierRound() {
    publish(plan(4, 9_000, true));
    assertThat(feed.isClosed(plan(3, 99_000, false))).isTrue();
    assertThat(feed.isClosed(plan(5, 1, false))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"stack", "memory"})
  void accept_signatureCheckThrowsOnOneRecord_dropsItAndTakesTheNextPlan(String kind) {
    CoordinatorFeed guarded = new CoordinatorFeed(JOB, COORDINATOR.publicKey(), ReassemblyLimits.defaults(), Clock.systemUTC(),
        (e, key) -> {
      if (e.getRound() == 1) {
        throw kind.equals("stack") ? new StackOverflowError() : new OutOfMemoryError("Java heap space");
      }
      return Envelopes.verify(e, key);
    });

    for (RoundPlan p : new RoundPlan[] {plan(1, 1_000, false), plan(2, 2_000, false)}) {
      Envelope e = Envelopes.seal(COORDINATOR, MessageType.ROUND_PLAN, JOB.value(), p.getRound(), p.toByteArray(), 0);
      Framing.frames(e, Framing.DEFAULT_MAX_FRAME_BYTES, 0, ChunkSigning.signer(COORDINATOR)).forEach(f -> guarded.accept(f.toByteArray()));
    }

    assertThat(guarded.ignored()).isEqualTo(1);
    assertThat(guarded.latestPlan()).get().extracting(RoundPlan::getRound).isEqualTo(2L);
  }

  @Test
  void accept_chunkedPlanWithRogueChunksInterleaved_reassemblesOnlyTheCoordinatorsChunks() {
    RoundPlan plan = plan(7, 9_000, false).toBuilder().putTraining("padding", "x".repeat(20_000)).build();
    Envelope e = Envelopes.seal(COORDINATOR, MessageType.ROUND_PLAN, JOB.value(), 7, plan.toByteArray(), 0);
    List<Frame> frames = Framing.frames(e, 4096, 0, ChunkSigning.signer(COORDINATOR));
    Identity rogue = Identity.generate("coordinator", new SecureRandom());
    for (Frame f : frames) {
      Frame contradiction = Frame.newBuilder().setChunk(ChunkSigning.signer(rogue).sign(f.getChunk().toBuilder()
          .setData(ByteString.copyFromUtf8("rogue")).build())).build();
      feed.accept(contradiction.toByteArray());
      feed.accept(f.toByteArray());
    }
    assertThat(feed.latestPlan()).contains(plan);
    assertThat(feed.ignored()).isEqualTo(frames.size());
  }
}
