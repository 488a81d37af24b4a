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
 * comparing builds or JVM flags quickly. Each of {@code calls} rounds times the floor (one read of
 * every input float on two threads, {@link BenchmarkData#twoThreadPass}) and then every spec once,
 * so that each call has a floor measured next to it in the same machine state; per spec the loop
 * prints the fastest call and the median of the second half, and the median over the second half of
 * each call divided by its round's floor. The spec {@code floor} may be listed too (its ratio is 1).
 * No JMH: read its figures as a check beside the committed JMH runs, not instead of them.
 *
 * <pre>
 * java -Xms6g -Xmx6g --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     dev.rampart.benchmarks.KernelLoop average,median,trmean,meamed 30
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
    String[] specs = args[0].split(",");
    List<float[]> inputs = BenchmarkData.updates(100, 1_000_000, 10);
    ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "floor");
      t.setDaemon(true);
      return t;
    });
    Pipeline[] pipelines = new Pipeline[specs.length];
    for (int s = 0; s < specs.length; s++) {
      pipelines[s] = specs[s].equals("floor") ? null : Pipeline.parse(specs[s], 10);
    }
    long[] floors = new long[calls];
    long[][] nanos = new long[specs.length][calls];
    double sink = 0;
    for (int c = 0; c < calls; c++) {
      long start = System.nanoTime();
      sink += BenchmarkData.twoThreadPass(inputs, pool);
      floors[c] = System.nanoTime() - start;
      for (int s = 0; s < specs.length; s++) {
        start = System.nanoTime();
        if (pipelines[s] == null) {
          sink += BenchmarkData.twoThreadPass(inputs, pool);
        } else {
          pipelines[s].aggregate(inputs, AggregationContext.of(new SplittableRandom(BenchmarkData.SEED)));
        }
        nanos[s][c] = System.nanoTime() - start;
      }
    }
    System.out.printf("floor (before each round): fastest %.1f ms, median %.1f ms (second half of %d calls)%n",
        fastest(floors, calls) / 1e6, median(floors, calls) / 1e6, calls);
    for (int s = 0; s < specs.length; s++) {
      double[] ratios = new double[calls - calls / 2];
      for (int c = calls / 2; c < calls; c++) {
        ratios[c - calls / 2] = (double) nanos[s][c] / floors[c];
      }
      Arrays.sort(ratios);
      System.out.printf("%s: fastest %.1f ms, median %.1f ms, median %.2f floors (second half of %d calls)%n",
          specs[s], fastest(nanos[s], calls) / 1e6, median(nanos[s], calls) / 1e6, ratios[ratios.length / 2], calls);
    }
    // Printed so that the floor's reads are used and cannot be eliminated.
    System.out.println("floor checksum " + sink);
  }

  private static long fastest(long[] nanos, int calls) {
    return Arrays.stream(nanos, calls / 2, calls).min().orElseThrow();
  }

  private static long median(long[] nanos, int calls) {
    long[] late = Arrays.copyOfRange(nanos, calls / 2, calls);
    Arrays.sort(late);
    return late[late.length / 2];
  }
}
