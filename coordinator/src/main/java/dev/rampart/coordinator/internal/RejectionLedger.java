package dev.rampart.coordinator.internal;

import dev.rampart.audit.RejectionTally;
import dev.rampart.coordinator.Rejection;
import dev.rampart.protocol.RejectionReason;
import dev.rampart.protocol.Untrusted;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One round's rejections in bounded memory, sorted for the audit trail (DESIGN.md section 7):
 * a rejection of a message nobody authenticated (its reason is in {@link #UNAUTHENTICATED}) only
 * enters the round's {@link RejectionTally}; a rejection of a message its enrolled sender signed
 * is kept to be recorded on its own, at most {@link #MAX_INDIVIDUAL_PER_SENDER} per sender and
 * {@link #MAX_INDIVIDUAL} in all, and counted into the tally beyond that, since an enrolled
 * Byzantine client can flood too. Counts per reason stay complete. Whatever is kept is escaped and
 * cut by {@link Untrusted} first, so a flood of any size holds at most a few hundred small
 * rejections here.
 *
 * <p>Not thread-safe: the coordinator's thread owns it.
 */
public final class RejectionLedger {
  /** Reasons given before, or instead of, verifying the sender's signature. */
  public static final Set<RejectionReason> UNAUTHENTICATED = Collections.unmodifiableSet(EnumSet.of(
      RejectionReason.MALFORMED, RejectionReason.UNSIGNED, RejectionReason.BAD_SIGNATURE,
      RejectionReason.KEY_MISMATCH, RejectionReason.UNKNOWN_CLIENT, RejectionReason.REVOKED_CLIENT,
      RejectionReason.WRONG_TYPE, RejectionReason.CHUNK_CORRUPT, RejectionReason.CHUNK_INCOMPLETE,
      RejectionReason.OVERSIZED));
  /** Authenticated rejections recorded one by one per sender and round; the rest are summarised. */
  public static final int MAX_INDIVIDUAL_PER_SENDER = 4;
  /** Authenticated rejections recorded one by one per round, over all senders. */
  public static final int MAX_INDIVIDUAL = 256;
  /** Rejections kept for the round's summary, the first ones of the round. */
  public static final int MAX_RETAINED = 100;

  private final RejectionTally tally;
  private final Map<RejectionReason, Long> counts = new EnumMap<>(RejectionReason.class);
  private final List<Rejection> individual = new ArrayList<>();
  private final Map<String, Integer> individualPerSender = new HashMap<>();
  private final List<Rejection> retained = new ArrayList<>();
  private long total;

  /** An empty ledger for {@code round}. */
  public RejectionLedger(long round) {
    this.tally = new RejectionTally(round);
  }

  /** Counts one rejection and keeps, records or summarises it as the class comment says. */
  public void add(Rejection rejection) {
    total++;
    counts.merge(rejection.reason(), 1L, Long::sum);
    Rejection bounded = null;
    if (retained.size() < MAX_RETAINED) {
      bounded = bounded(rejection);
      retained.add(bounded);
    }
    if (recordsIndividually(rejection)) {
      individual.add(bounded == null ? bounded(rejection) : bounded);
    } else {
      tally.add(rejection.claimedSender(), rejection.reason(), rejection.detail());
    }
  }

  private boolean recordsIndividually(Rejection rejection) {
    if (UNAUTHENTICATED.contains(rejection.reason()) || individual.size() >= MAX_INDIVIDUAL) {
      return false;
    }
    String sender = Untrusted.id(rejection.claimedSender());
    int seen = individualPerSender.getOrDefault(sender, 0);
    if (seen >= MAX_INDIVIDUAL_PER_SENDER) {
      return false;
    }
    individualPerSender.put(sender, seen + 1);
    return true;
  }

  private static Rejection bounded(Rejection r) {
    return new Rejection(r.round(), Untrusted.id(r.claimedSender()), r.reason(), Untrusted.text(r.detail()));
  }

  /** Rejections added so far. */
  public long total() {
    return total;
  }

  /** Rejections per reason, complete (an unmodifiable copy). */
  public Map<RejectionReason, Long> counts() {
    return Map.copyOf(counts);
  }

  /** The authenticated rejections to record one by one, in arrival order (unmodifiable). */
  public List<Rejection> individual() {
    return List.copyOf(individual);
  }

  /** The summary of every rejection not in {@link #individual()}. */
  public RejectionTally summary() {
    return tally;
  }

  /** The first {@link #MAX_RETAINED} rejections of the round, bounded, in arrival order. */
  public List<Rejection> retained() {
    return List.copyOf(retained);
  }
}
