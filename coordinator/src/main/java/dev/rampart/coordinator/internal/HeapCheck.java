package dev.rampart.coordinator.internal;

import dev.rampart.protocol.ReassemblyLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * Start-up checks that a round fits the coordinator's settings: the JVM's heap against what one
 * round holds at its peak, and the reassembly budget against one round's updates. Both only warn:
 * compressed updates are smaller than the dense estimate, and not every participant may send.
 *
 * <p>The estimate of a round's peak: every participant's decoded vector ({@code 4 d} bytes each,
 * whatever the wire codec), the current and the next model ({@code 2 * 4 d}), the complete messages
 * the intake may be decoding at once (two per intake thread, {@code 4 d} each), and the incomplete
 * updates the reassembler may hold ({@code maxPendingBytes}, or the round's dense update bytes when
 * that is less). With the round benchmark's settings at n = 10, d = 10^7 (2 cores, a budget of 440
 * MB) that is 991 MiB: no warning with {@code -Xmx1g}, where the benchmark's rounds all completed
 * (908 MiB at the heap pools' peaks), a warning with {@code -Xmx700m}, where half the updates were
 * rejected for lack of heap. Stateless and thread-safe.
 */
public final class HeapCheck {
  private static final long MIB = 1024 * 1024;

  private HeapCheck() {}

  /**
   * The warnings for a job, empty when a round fits.
   *
   * @param participants active clients, each of which may send one update a round
   * @param dimension the model's dimension
   * @param limits the coordinator's reassembly limits
   * @param maxHeap the JVM's maximum heap in bytes ({@link Runtime#maxMemory()})
   * @param intakeThreads the intake's verification threads (the coordinator uses one per core)
   * @return one line per problem, naming the values and what to change
   */
  public static List<String> warnings(int participants, int dimension, ReassemblyLimits limits, long maxHeap,
      int intakeThreads) {
    long vector = 4L * dimension;
    long updates = participants * vector;
    long pending = Math.min(limits.maxPendingBytes(), updates);
    long decoding = Math.min(participants, 2L * Math.max(1, intakeThreads)) * vector;
    long peak = updates + 2 * vector + decoding + pending;
    List<String> out = new ArrayList<>(2);
    if (peak > maxHeap) {
      out.add(String.format("the coordinator's heap (at most %d MiB) may not hold a round: %d participants x"
          + " d=%d need about %d MiB (decoded updates %d MiB, two models %d MiB, messages being decoded %d"
          + " MiB, incomplete updates up to %d MiB); an update that cannot be decoded for lack of heap is rejected as MALFORMED; raise"
          + " -Xmx or lower reassembly.max-pending-bytes", maxHeap / MIB, participants, dimension, peak / MIB,
          updates / MIB, 2 * vector / MIB, decoding / MIB, pending / MIB));
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
