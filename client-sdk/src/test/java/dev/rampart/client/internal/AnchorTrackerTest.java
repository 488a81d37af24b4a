package dev.rampart.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.rampart.client.AuditAnchor;
import dev.rampart.protocol.Hex;
import dev.rampart.protocol.wire.AuditHead;
import dev.rampart.protocol.wire.RoundPlan;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Which audit heads a client keeps from the plans it verified. */
class AnchorTrackerTest {
  private final AnchorTracker tracker = new AnchorTracker("c1");

  private static byte[] digest(int fill) {
    byte[] d = new byte[32];
    Arrays.fill(d, (byte) fill);
    return d;
  }

  private static RoundPlan plan(long round, long sequence, byte[] digest) {
    return RoundPlan.newBuilder().setJobId("j").setRound(round)
        .setAuditHead(AuditHead.newBuilder().setSequence(sequence).setDigest(ByteString.copyFrom(digest)))
        .build();
  }

  @Test
  void observe_planWithHead_keepsItAsTheLatestAnchor() {
    assertThat(tracker.observe(plan(1, 3, digest(1)))).isPresent();
    assertThat(tracker.observe(plan(2, 9, digest(2)))).get().isEqualTo(new AuditAnchor(2, 9, Hex.of(digest(2))));
    assertThat(tracker.latest()).get().extracting(AuditAnchor::text).isEqualTo("9:" + Hex.of(digest(2)));
  }

  @Test
  void observe_headGoingBackwards_keepsTheHigherAnchor() {
    tracker.observe(plan(4, 20, digest(4)));
    assertThat(tracker.observe(plan(5, 12, digest(5)))).isEmpty();
    assertThat(tracker.latest()).get().isEqualTo(new AuditAnchor(4, 20, Hex.of(digest(4))));
  }

  @Test
  void observe_samePlanAgain_reportsNothingNew() {
    tracker.observe(plan(1, 3, digest(1)));
    assertThat(tracker.observe(plan(1, 3, digest(1)))).isEmpty();
  }

  @Test
  void observe_planWithoutHeadOrWithShortDigest_isIgnored() {
    assertThat(tracker.observe(RoundPlan.newBuilder().setRound(1).build())).isEmpty();
    assertThat(tracker.observe(plan(1, 3, new byte[31]))).isEmpty();
    assertThat(tracker.latest()).isEmpty();
  }
}
