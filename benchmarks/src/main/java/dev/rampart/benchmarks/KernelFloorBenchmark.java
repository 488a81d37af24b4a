package dev.rampart.benchmarks;

import dev.rampart.aggregation.AggregationContext;
import dev.rampart.aggregation.AggregationResult;
import dev.rampart.aggregation.Pipeline;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The aggregation rules against the memory floor, in one run: {@code floor} reads every one of the
 * n*d input floats once on two threads (each thread sums half of the inputs with independent
 * accumulators), the least any rule over these inputs can cost on this machine; {@code aggregate}
 * runs a rule through {@link Pipeline#parse} with a fresh {@link AggregationContext}, which has
 * distance evidence on, exactly as the coordinator's aggregation step does.
 *
 * <p>Short but explicit schedule (one fork, 3 x 2 s warmup, 5 x 2 s measurement), so that the
 * floor and all eight rules fit in one run of a few minutes on a shared machine.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms6g", "-Xmx6g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class KernelFloorBenchmark {

  /** The inputs and a two-thread pool for the floor; it has no rule parameter, so it runs once. */
  @State(Scope.Benchmark)
  public static class Floor {
    @Param({"100"})
    public int n;

    @Param({"1000000"})
    public int d;

    @Param({"10"})
    public int f;

    List<float[]> inputs;
    ExecutorService pool;

    /** Generates the seeded inputs and starts the second reader thread. */
    @Setup(Level.Trial)
    public void setUp() {
      inputs = BenchmarkData.updates(n, d, f);
      pool = Executors.newFixedThreadPool(1, r -> {
        Thread t = new Thread(r, "floor");
        t.setDaemon(true);
        return t;
      });
    }

    /** Stops the reader thread. */
    @TearDown(Level.Trial)
    public void tearDown() {
      pool.shutdownNow();
    }
  }

  /** One rule as a pipeline spec over the same seeded inputs. */
  @State(Scope.Benchmark)
  public static class Rule {
    /** gm runs its default 3 Weiszfeld iterations, cc its default 1 clipping step. */
    @Param({"average", "median", "trmean", "meamed", "gm", "cc", "krum", "multikrum"})
    public String spec;

    @Param({"100"})
    public int n;

    @Param({"1000000"})
    public int d;

    @Param({"10"})
    public int f;

    List<float[]> inputs;
    Pipeline pipeline;
    AggregationContext context;

    /** Generates the seeded inputs and parses the spec as the coordinator does. */
    @Setup(Level.Trial)
    public void setUp() {
      inputs = BenchmarkData.updates(n, d, f);
      pipeline = Pipeline.parse(spec, f);
      context = AggregationContext.of(new SplittableRandom(BenchmarkData.SEED));
    }
  }

  /**
   * One read of every input float on two threads: this thread sums the first half of the inputs,
   * the pool's thread the second half.
   *
   * @param floor the inputs
   * @return a sum, so that the reads are not eliminated
   * @throws InterruptedException if interrupted
   * @throws ExecutionException if a half fails
   */
  @Benchmark
  public double floor(Floor floor) throws InterruptedException, ExecutionException {
    return BenchmarkData.twoThreadPass(floor.inputs, floor.pool);
  }

  /**
   * The rule through its pipeline with distance evidence, as the coordinator runs it.
   *
   * @param rule the rule and its inputs
   * @return the result
   */
  @Benchmark
  public AggregationResult aggregate(Rule rule) {
    return rule.pipeline.aggregate(rule.inputs, rule.context);
  }
}
