package dev.rampart.cli.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeakHeapTest {
  @TempDir Path dir;

  @Test
  void bytes_pausesAndExitSummary_isTheLargestBeforeCollectionOrAtExit() throws Exception {
    Path log = write("""
        [0.019s][info][gc] Using Serial
        [3.066s][info][gc] GC(0) Pause Young (Allocation Failure) 100M->30M(365M) 121.642ms
        [3.151s][info][gc] GC(1) Pause Full (Allocation Failure) 130M->44M(365M) 60.211ms
        [3.234s][info][gc] GC(2) Pause Young (Allocation Failure) 120M->54M(365M) 55.436ms
        [3.235s][info][gc,heap,exit] Heap
        [3.235s][info][gc,heap,exit]  def new generation   total 116160K, used 38915K [0x00000000e0000000)
        [3.235s][info][gc,heap,exit]   eden space 103296K,  25% used [0x00000000e0000000)
        [3.235s][info][gc,heap,exit]  tenured generation   total 258048K, used 43707K [0x00000000eaaa0000)
        [3.235s][info][gc,heap,exit]  Metaspace       used 9268K, committed 9472K, reserved 1114112K
        """);

    assertThat(PeakHeap.bytes(log)).isEqualTo(130L << 20);
    assertThat(PeakHeap.liveBytes(log)).isEqualTo(54L << 20);
  }

  @Test
  void bytes_noCollectionBeforeExit_isTheHeapInUseAtExit() throws Exception {
    Path log = write("""
        [0.019s][info][gc] Using Serial
        [1.235s][info][gc,heap,exit]  def new generation   total 4928K, used 2015K [0x1)
        [1.235s][info][gc,heap,exit]  tenured generation   total 10944K, used 3120K [0x2)
        """);

    assertThat(PeakHeap.bytes(log)).isEqualTo((2015L + 3120L) * 1024);
  }

  @Test
  void bytes_noHeapFigure_failsNamingTheFile() throws Exception {
    Path log = write("[0.019s][info][gc] Using Serial\n");

    assertThatThrownBy(() -> PeakHeap.bytes(log)).hasMessageContaining(log.toString());
  }

  private Path write(String text) throws Exception {
    Path f = dir.resolve("gc.log");
    Files.writeString(f, text);
    return f;
  }
}
