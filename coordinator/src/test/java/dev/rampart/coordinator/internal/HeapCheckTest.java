package dev.rampart.coordinator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.protocol.ReassemblyLimits;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The start-up warnings name the values they compare, and stay quiet when a round fits. */
class HeapCheckTest {
  private static final long GIB = 1024L * 1024 * 1024;

  @Test
  void warnings_roundFitsHeapAndBudget_none() {
    ReassemblyLimits limits = ReassemblyLimits.forHeap(8 * GIB);
    assertThat(HeapCheck.warnings(10, 1_000_000, limits, 8 * GIB, 2)).isEmpty();
  }

  @Test
  void warnings_roundBenchmarkSettingsOnOneGiB_none() {
    ReassemblyLimits limits = ReassemblyLimits.forHeap(GIB).withMaxPendingBytes(440_000_000L);
    assertThat(HeapCheck.warnings(10, 10_000_000, limits, GIB, 2)).isEmpty();
  }

  @Test
  void warnings_tenUpdatesOfTenMillionOnA700MiBHeap_namesHeapAndBudget() {
    long heap = 700L * 1024 * 1024;
    List<String> w = HeapCheck.warnings(10, 10_000_000, ReassemblyLimits.forHeap(heap), heap, 2);
    assertThat(w).hasSize(2);
    assertThat(w.get(0)).contains("at most 700 MiB", "10 participants", "d=10000000", "-Xmx");
    assertThat(w.get(1)).contains("reassembly.max-pending-bytes=" + ReassemblyLimits.forHeap(heap).maxPendingBytes(),
        "= 400000000", "OVERSIZED");
  }

  @Test
  void warnings_budgetRaisedButHeapSmall_onlyTheHeap() {
    long heap = 900L * 1024 * 1024;
    ReassemblyLimits limits = ReassemblyLimits.forHeap(heap).withMaxPendingBytes(440_000_000L);
    List<String> w = HeapCheck.warnings(10, 10_000_000, limits, heap, 2);
    // 400 MB of updates + 80 MB of models + 4 x 40 MB being decoded + 400 MB pending = 1,040 MB.
    assertThat(w).singleElement().asString().contains("need about 991 MiB", "at most 900 MiB")
        .doesNotContain("OVERSIZED");
  }
}
