package dev.rampart.crypto.internal;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Chooses the {@link BlockKernel} this JVM runs fastest, and warms the SIMD one up before using
 * it.
 *
 * <p>{@link VectorKernel} is eligible when the {@code jdk.incubator.vector} module is in the boot
 * layer (the JVM was started with {@code --add-modules jdk.incubator.vector}), the optimizing JIT
 * (C2) is on (vector code run by the interpreter or C1 alone is far slower than the scalar kernel,
 * so {@code -XX:TieredStopAtLevel=1} or {@code -Xint} rule it out), the platform's preferred vector
 * holds at least 4 ints, and it produces exactly the same words as {@link ScalarKernel} on a
 * self-test. The system property {@code rampart.crypto.vector=false} rules it out too.
 *
 * <p>An eligible vector kernel is not used straight away: until C2 has compiled it, it is slower
 * than the scalar one. On first use a daemon thread runs it {@value #WARM_UP_CALLS} times on a
 * dummy state (about 40 MB of keystream: a second or two of one core) and then switches
 * {@link #best()} to it; callers in the meantime get the scalar kernel. Both give identical
 * words, so the switch is invisible except in speed. Thread-safe.
 */
final class Kernels {
  /** Property that rules the vector kernel out when set to {@code false}. */
  static final String PROPERTY = "rampart.crypto.vector";
  static final int WARM_UP_CALLS = 40_000;
  private static final String VECTOR_MODULE = "jdk.incubator.vector";
  private static final BlockKernel VECTOR = eligibleVector();
  private static final CountDownLatch WARM = new CountDownLatch(1);
  private static volatile BlockKernel current = ScalarKernel.INSTANCE;

  static {
    if (VECTOR == null) {
      WARM.countDown();
    } else {
      Thread t = new Thread(Kernels::warmUp, "rampart-chacha20-warm-up");
      t.setDaemon(true);
      t.setPriority(Thread.MIN_PRIORITY);
      t.start();
    }
  }

  private Kernels() {}

  /** The kernel to use now: the scalar one until the vector one (if eligible) is warm. */
  static BlockKernel best() {
    return current;
  }

  /**
   * Waits until the kernel choice is final (the vector kernel warm, or not eligible).
   *
   * @return true if it became final within the time
   */
  static boolean awaitFinal(long timeout, TimeUnit unit) throws InterruptedException {
    return WARM.await(timeout, unit);
  }

  /** The vector kernel if this JVM can run it correctly and fast, else null. */
  static BlockKernel vectorOrNull() {
    return VECTOR;
  }

  private static void warmUp() {
    try {
      BlockKernel.Worker worker = VECTOR.worker();
      int[] state = irregularState();
      int[] acc = new int[16 * VECTOR.lanes()];
      for (int i = 0; i < WARM_UP_CALLS; i++) {
        worker.accumulate(state, i, (i & 1) == 0, acc);
      }
      current = VECTOR;
    } finally {
      WARM.countDown();
    }
  }

  private static BlockKernel eligibleVector() {
    if ("false".equalsIgnoreCase(System.getProperty(PROPERTY))
        || ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty() || !optimizingJit()) {
      return null;
    }
    try {
      BlockKernel k = (BlockKernel) Class.forName(Kernels.class.getPackageName() + ".VectorKernel")
          .getDeclaredConstructor().newInstance();
      return k.lanes() >= 4 && agrees(k, ScalarKernel.INSTANCE) ? k : null;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return null;
    }
  }

  /** True if HotSpot's C2 compiler is enabled (not -Xint, not TieredStopAtLevel below 4). */
  private static boolean optimizingJit() {
    try {
      HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(
          HotSpotDiagnosticMXBean.class);
      return vm != null && Boolean.parseBoolean(vm.getVMOption("UseCompiler").getValue())
          && Integer.parseInt(vm.getVMOption("TieredStopAtLevel").getValue()) >= 4;
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static int[] irregularState() {
    int[] state = new int[16];
    for (int i = 0; i < 16; i++) {
      state[i] = (i + 1) * 0x9e3779b9 ^ 0x5eed << i;
    }
    return state;
  }

  /** Both kernels give the same accumulator for a fixed irregular state, adding and subtracting. */
  private static boolean agrees(BlockKernel candidate, BlockKernel reference) {
    int[] state = irregularState();
    int lanes = candidate.lanes();
    int[] expected = new int[16 * lanes];
    int[] actual = new int[16 * lanes];
    BlockKernel.Worker ref = reference.worker();
    for (int start = 0; start < lanes; start += reference.lanes()) {
      int[] part = new int[16 * reference.lanes()];
      ref.accumulate(state, 7 + start, false, part);
      int n = Math.min(reference.lanes(), lanes - start);
      for (int w = 0; w < 16; w++) {
        System.arraycopy(part, w * reference.lanes(), expected, w * lanes + start, n);
      }
    }
    BlockKernel.Worker worker = candidate.worker();
    worker.accumulate(state, 7, false, actual);
    if (!Arrays.equals(expected, actual)) {
      return false;
    }
    worker.accumulate(state, 7, true, actual);
    return Arrays.equals(new int[16 * lanes], actual);
  }
}
