package dev.rampart.coordinator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.protocol.ReassemblyLimits;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The start-up warnings name the values they compare, and stay quiet when a round fits. */
class HeapCheckTest {
  private static final long MIB = 1024L * 1024;
  private static final long GIB = 1024 * MIB;

  @Test
  void warnings_roundFitsHeapAndBudget_none() {
    ReassemblyLimits limits = ReassemblyLimits.forHeap(8 * GIB);
    assertThat(HeapCheck.warnings(10, 1_000_000, limits, 8 * GIB, 0)).isEmpty();
    assertThat(HeapCheck.warnings(10, 1_000_000, limits, 8 * GIB, 4)).isEmpty();
  }

  /** The round benchmark's dense rounds at d = 10^7 completed with -Xmx640m: 495 MiB is 77% of it. */
  @Test
  void warnings_roundBenchmarkSettingsOn640MiB_none() {
    ReassemblyLimits limits = ReassemblyLimits.forHeap(640 * MIB).withMaxPendingBytes(440_000_000L);
    assertThat(HeapCheck.warnings(10, 10_000_000, limits, 640 * MIB, 0)).isEmpty();
  }

  /** ... and ran out of heap with -Xmx600m, where 495 MiB is 83%. */
  @Test
  void warnings_tenDenseUpdatesOfTenMillionOn600MiB_namesHeapAndBudget() {
    long heap = 600 * MIB;
    List<String> w = HeapCheck.warnings(10, 10_000_000, ReassemblyLimits.forHeap(heap), heap, 0);
    assertThat(w).hasSize(2);
    assertThat(w.get(0)).contains("at most 600 MiB", "10 participants", "d=10000000", "need about 495 MiB live",
        "above 80% of the heap", "-Xmx");
    assertThat(w.get(1)).contains("reassembly.max-pending-bytes=" + ReassemblyLimits.forHeap(heap).maxPendingBytes(),
        "= 400000000", "OVERSIZED");
  }

  @Test
  void warnings_compressedUpdatesAreReadWhole_countTheirMessagesAndPieces() {
    ReassemblyLimits limits = ReassemblyLimits.forHeap(GIB).withMaxPendingBytes(440_000_000L);
    assertThat(HeapCheck.warnings(10, 10_000_000, limits, GIB, 0)).isEmpty();
    // 400 MB decoded + 120 MB of models + 4 x 40 MB read whole + 400 MB of pieces = 1,080 MB.
    List<String> w = HeapCheck.warnings(10, 10_000_000, limits, GIB, 4);
    assertThat(w).singleElement().asString().contains("need about 1029 MiB live", "compressed messages being read 534 MiB")
        .doesNotContain("OVERSIZED");
  }
}
