package dev.rampart.benchmarks;

import dev.rampart.aggregation.AggregationContext;
import dev.rampart.aggregation.Pipeline;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A plain timing loop over {@link KernelFloorBenchmark}'s inputs (n = 100, d = 10^6, f = 10), for
 * comparing builds or JVM flags quickly: each spec runs {@code calls} times in one JVM and the
 * fastest and the median of the second half are printed. The spec {@code floor} times
 * {@link KernelFloorBenchmark}'s floor instead (one read of every input float on two threads), so
 * that a loop can carry the floor of its own machine state. No JMH: read its figures as a check
 * beside the committed JMH runs, not instead of them.
 *
 * <pre>
 * java -Xms6g -Xmx6g --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     dev.rampart.benchmarks.KernelLoop floor,median,trmean,meamed 30
 * </pre>
 */
public final class KernelLoop {
  private KernelLoop() {}

  /**
   * Runs the loop.
   *
   * @param args comma-separated pipeline specs, then the number of calls per spec
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: KernelLoop SPEC[,SPEC...] CALLS");
      System.exit(2);
    }
    int calls = Integer.parseInt(args[1]);
    if (calls < 2) {
      throw new IllegalArgumentException("CALLS must be at least 2, got " + calls);
    }
    List<float[]> inputs = BenchmarkData.updates(100, 1_000_000, 10);
    ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "floor");
      t.setDaemon(true);
      return t;
    });
    double sink = 0;
    for (String spec : args[0].split(",")) {
      Pipeline pipeline = spec.equals("floor") ? null : Pipeline.parse(spec, 10);
      long[] nanos = new long[calls];
      for (int c = 0; c < calls; c++) {
        long start = System.nanoTime();
        if (pipeline == null) {
          sink += BenchmarkData.twoThreadPass(inputs, pool);
        } else {
          pipeline.aggregate(inputs, AggregationContext.of(new SplittableRandom(BenchmarkData.SEED)));
        }
        nanos[c] = System.nanoTime() - start;
      }
      long[] late = Arrays.copyOfRange(nanos, calls / 2, calls);
      Arrays.sort(late);
      System.out.printf("%s: fastest %.1f ms, median %.1f ms (second half of %d calls)%n", spec,
          late[0] / 1e6, late[late.length / 2] / 1e6, calls);
    }
    // Printed so that the floor's reads are used and cannot be eliminated.
    System.out.println("floor checksum " + sink);
  }
}
