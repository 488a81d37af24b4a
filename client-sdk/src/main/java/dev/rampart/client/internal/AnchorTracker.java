package dev.rampart.client.internal;

import dev.rampart.client.AuditAnchor;
import dev.rampart.protocol.Hex;
import dev.rampart.protocol.wire.RoundPlan;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the highest audit chain head seen in verified round plans. A plan whose head lies below
 * one already seen means the coordinator's log went backwards (cut or rebuilt): it is logged as a
 * warning and the higher anchor is kept, since it is the evidence. Plans without a head (a
 * coordinator without an audit log) or with a malformed one are ignored.
 *
 * <p>Written by the client's thread; {@link #latest()} may be read from any thread.
 */
public final class AnchorTracker {
  private static final Logger LOG = LoggerFactory.getLogger(AnchorTracker.class);
  private static final int DIGEST_BYTES = 32;

  private final String clientId;
  private volatile AuditAnchor latest;
  private long lastWarnedSequence;
  private long lastWarnedRound;

  public AnchorTracker(String clientId) {
    this.clientId = clientId;
  }

  /**
   * Takes the head of a plan that verified under the pinned coordinator key.
   *
   * @return the new anchor when it is higher than every one seen before, else empty
   */
  public Optional<AuditAnchor> observe(RoundPlan plan) {
    if (!plan.hasAuditHead() || plan.getAuditHead().getSequence() < 1 || plan.getRound() < 1
        || plan.getAuditHead().getDigest().size() != DIGEST_BYTES) {
      return Optional.empty();
    }
    long sequence = plan.getAuditHead().getSequence();
    AuditAnchor seen = latest;
    if (seen != null && sequence <= seen.sequence()) {
      if (sequence < seen.sequence()) {
        warnBackwards(plan, sequence, seen);
      }
      return Optional.empty();
    }
    AuditAnchor next = new AuditAnchor(plan.getRound(), sequence,
        Hex.of(plan.getAuditHead().getDigest().toByteArray()));
    latest = next;
    LOG.info("client {}: round {}: audit head {}", clientId, next.round(), next.text());
    return Optional.of(next);
  }

  private void warnBackwards(RoundPlan plan, long sequence, AuditAnchor seen) {
    if (sequence == lastWarnedSequence && plan.getRound() == lastWarnedRound) {
      return;
    }
    lastWarnedSequence = sequence;
    lastWarnedRound = plan.getRound();
    LOG.warn("client {}: round {}: the coordinator's audit head went backwards to seq {}, below seq {} "
        + "of round {} (keeping {}): its audit log may have been cut or rewritten", clientId,
        plan.getRound(), sequence, seen.sequence(), seen.round(), seen.text());
  }

  /** The highest head seen so far, if any. */
  public Optional<AuditAnchor> latest() {
    return Optional.ofNullable(latest);
  }
}
