package dev.rampart.coordinator.internal;

import dev.rampart.protocol.ReassemblyLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * Start-up checks that a round fits the coordinator's settings: the JVM's heap against what one
 * round holds at its peak, and the reassembly budget against one round's updates. Both only warn:
 * compressed updates are smaller than the dense estimate, and not every participant may send.
 *
 * <p>The estimate of a round's live peak: every participant's decoded vector ({@code 4 d} bytes
 * each, whatever the wire codec; a chunked dense update is decoded into its array as it arrives,
 * so its pieces are not held beside it), three models ({@code 3 * 4 d}: the configured initial
 * one, the current and the next) and the messages that are read whole before they are decoded
 * (compressed updates, and the pieces they arrive in: two messages per intake thread, {@code 4 d}
 * each, plus the round's dense update bytes or {@code maxPendingBytes}, whichever is less). A warning
 * is given when that estimate is above {@value #LIVE_SHARE_PERCENT}% of the maximum heap: the
 * collector needs room beyond the live objects, above all for model-sized arrays, which need
 * contiguous regions. Measured with the round benchmark at n = 10, d = 10^7, dense updates, 2
 * cores: the estimate is 495 MiB; the largest live set in class histograms taken every second was
 * 514 MiB; every round completed with {@code -Xmx640m} (613 MiB at the heap pools' peaks, no
 * warning: 495 is 77% of 640) and the coordinator ran out of heap with {@code -Xmx600m} (warned:
 * 83%). Stateless and thread-safe.
 */
public final class HeapCheck {
  /** The share of the maximum heap that a round's estimated live peak may take without a warning. */
  public static final int LIVE_SHARE_PERCENT = 80;
  private static final long MIB = 1024 * 1024;

  private HeapCheck() {}

  /**
   * The warnings for a job, empty when a round fits.
   *
   * @param participants active clients, each of which may send one update a round
   * @param dimension the model's dimension
   * @param limits the coordinator's reassembly limits
   * @param maxHeap the JVM's maximum heap in bytes ({@link Runtime#maxMemory()})
   * @param wholeMessages how many updates may be read whole and decoded at once: 0 when the
   *     updates are dense (decoded as they arrive), two per intake thread when they are compressed
   * @return one line per problem, naming the values and what to change
   */
  public static List<String> warnings(int participants, int dimension, ReassemblyLimits limits, long maxHeap,
      int wholeMessages) {
    long vector = 4L * dimension;
    long updates = participants * vector;
    long whole = Math.min(participants, wholeMessages) * vector;
    long pending = wholeMessages == 0 ? 0 : Math.min(limits.maxPendingBytes(), updates);
    long peak = updates + 3 * vector + whole + pending;
    List<String> out = new ArrayList<>(2);
    if (peak * 100 > maxHeap * LIVE_SHARE_PERCENT) {
      out.add(String.format("the coordinator's heap (at most %d MiB) may not hold a round: %d participants x"
          + " d=%d need about %d MiB live (decoded updates %d MiB, three models %d MiB, compressed messages"
          + " being read %d MiB), above %d%% of the heap; an update that cannot be decoded for lack of heap is"
          + " rejected as MALFORMED; raise -Xmx", maxHeap / MIB, participants, dimension, peak / MIB,
          updates / MIB, 3 * vector / MIB, (whole + pending) / MIB, LIVE_SHARE_PERCENT));
    }
    if (limits.maxPendingBytes() < updates) {
      out.add(String.format("reassembly.max-pending-bytes=%d is below one round's dense update bytes (%d"
          + " participants x %d bytes = %d): updates that arrive together beyond it are rejected as"
          + " OVERSIZED; raise it if the clients send dense updates", limits.maxPendingBytes(),
          participants, vector, updates));
    }
    return out;
  }
}
