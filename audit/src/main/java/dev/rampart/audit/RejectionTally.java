package dev.rampart.audit;

import dev.rampart.protocol.RejectionReason;
import dev.rampart.protocol.Untrusted;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts one round's summarised rejections in bounded memory and builds the body of its
 * {@link RecordType#REJECTIONS_SUMMARIZED} record, whose size does not depend on how many
 * rejections were added: counts per reason (complete), the {@link #MAX_SENDERS_SHOWN} claimed
 * senders with the most rejections plus an "others" count, and the first {@link #MAX_SAMPLES}
 * rejections. Senders and details are escaped and cut by {@link Untrusted} before they are kept.
 *
 * <p>Senders are counted with the Space-Saving algorithm (Metwally, Agrawal, El Abbadi, "Efficient
 * computation of frequent and top-k elements in data streams", ICDT 2005) over
 * {@link #TRACKED_SENDERS} counters: while no more distinct senders than that were seen the counts
 * are exact; afterwards a newcomer takes over the smallest counter (ties: any of them) and adds
 * one to it, so each count is an upper bound that overestimates by at most
 * {@code total / TRACKED_SENDERS}, and every sender with more than that share is listed. The
 * counters always add up to {@link #total()}. Cost per rejection: O({@link #TRACKED_SENDERS}).
 *
 * <p>Size bound: each sender shown is at most {@link Untrusted#MAX_ID_CHARS} and each detail
 * {@link Untrusted#MAX_TEXT_CHARS} UTF-16 code units; even if every one of them took the six bytes
 * of a JSON escape, the body stays below {@link #MAX_BODY_BYTES} (about 26 KiB worst case, far
 * under the log's record limit).
 *
 * <p>Not thread-safe.
 */
public final class RejectionTally {
  /** Most senders listed in {@code bySender}. */
  public static final int MAX_SENDERS_SHOWN = 16;
  /** Counters of the Space-Saving sketch: the most distinct senders counted at once. */
  public static final int TRACKED_SENDERS = 64;
  /** Rejections kept as samples: the first ones of the round. */
  public static final int MAX_SAMPLES = 5;
  /** Upper bound of the encoded body in bytes, whatever was added. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private final long round;
  private final Map<RejectionReason, Long> byReason = new EnumMap<>(RejectionReason.class);
  private final Map<String, Long> bySender = new HashMap<>();
  private final List<Map<String, Object>> samples = new ArrayList<>();
  private long total;
  private boolean exact = true;

  /**
   * An empty tally for {@code round}.
   *
   * @throws IllegalArgumentException when {@code round} is negative
   */
  public RejectionTally(long round) {
    if (round < 0) {
      throw new IllegalArgumentException("round must be >= 0, but round=" + round);
    }
    this.round = round;
  }

  /**
   * Counts one rejection.
   *
   * @param claimedSender the sender it claims, unauthenticated, any length; null counts as
   *     {@link Untrusted#NULL}
   * @param reason why it was refused
   * @param detail the explanation, any length
   */
  public void add(String claimedSender, RejectionReason reason, String detail) {
    String sender = Untrusted.id(claimedSender);
    total++;
    byReason.merge(reason, 1L, Long::sum);
    countSender(sender);
    if (samples.size() < MAX_SAMPLES) {
      Map<String, Object> sample = new LinkedHashMap<>();
      sample.put("client", sender);
      sample.put("reason", reason.name());
      sample.put("detail", Untrusted.text(detail));
      samples.add(sample);
    }
  }

  private void countSender(String sender) {
    Long count = bySender.get(sender);
    if (count != null || bySender.size() < TRACKED_SENDERS) {
      bySender.put(sender, count == null ? 1L : count + 1);
      return;
    }
    Map.Entry<String, Long> smallest = bySender.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
    bySender.remove(smallest.getKey());
    bySender.put(sender, smallest.getValue() + 1);
    exact = false;
  }

  /** The round this tally is for. */
  public long round() {
    return round;
  }

  /** Rejections added so far. */
  public long total() {
    return total;
  }

  /** Whether nothing was added. */
  public boolean isEmpty() {
    return total == 0;
  }

  /** Rejections added per reason (complete), as an unmodifiable copy. */
  public Map<RejectionReason, Long> byReason() {
    return Map.copyOf(byReason);
  }

  /** The body of the round's {@link RecordType#REJECTIONS_SUMMARIZED} record (a fresh map). */
  public Map<String, Object> toBody() {
    Map<String, Object> reasons = new LinkedHashMap<>();
    byReason.forEach((r, n) -> reasons.put(r.name(), n));
    List<Map<String, Object>> senders = new ArrayList<>();
    long shown = 0;
    for (Map.Entry<String, Long> e : bySender.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
        .limit(MAX_SENDERS_SHOWN).toList()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("client", e.getKey());
      s.put("count", e.getValue());
      senders.add(s);
      shown += e.getValue();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("round", round);
    body.put("total", total);
    body.put("byReason", reasons);
    body.put("bySender", senders);
    body.put("otherSenders", total - shown);
    body.put("senderCountsExact", exact);
    body.put("samples", samples.stream().map(LinkedHashMap::new).toList());
    return body;
  }
}
