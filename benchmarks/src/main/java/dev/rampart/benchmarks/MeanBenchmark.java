package dev.rampart.benchmarks;

import dev.rampart.aggregation.AggregationContext;
import dev.rampart.aggregation.AggregationResult;
import dev.rampart.aggregation.Aggregator;
import dev.rampart.aggregation.Aggregators;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Average against the cost of reading every input once: {@code onePass} sums all n*d floats with
 * independent accumulators per input (the fastest single read of the data), {@code mean} is the
 * rule without distance evidence, {@code meanWithEvidence} adds the pass that measures each input's
 * distance to the output.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms6g", "-Xmx6g", "--add-modules", "jdk.incubator.vector"})
// Large-d kernels run few, long calls: the JIT needs about 10 s to settle them.
@Warmup(iterations = 4, time = 4)
@Measurement(iterations = 3, time = 2)
public class MeanBenchmark {

  @Param({"10", "50", "100"})
  public int n;

  @Param({"10000", "1000000"})
  public int d;

  @Param({"1"})
  public int f;

  private List<float[]> inputs;
  private Aggregator average;
  private AggregationContext bare;
  private AggregationContext withEvidence;

  @Setup
  public void setUp() {
    inputs = BenchmarkData.updates(n, d, f);
    average = Aggregators.average();
    withEvidence = AggregationContext.of(new SplittableRandom(BenchmarkData.SEED));
    bare = withEvidence.withDistanceEvidence(false);
  }

  @Benchmark
  public double onePass() {
    return BenchmarkData.onePass(inputs, 0, inputs.size());
  }

  @Benchmark
  public AggregationResult mean() {
    return average.aggregate(inputs, bare);
  }

  @Benchmark
  public AggregationResult meanWithEvidence() {
    return average.aggregate(inputs, withEvidence);
  }
}
