package dev.rampart.benchmarks;

import dev.rampart.aggregation.AggregationContext;
import dev.rampart.aggregation.AggregationResult;
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

/** Coordinate-wise median and trimmed mean, with and without the distance-evidence pass. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms6g", "-Xmx6g", "--add-modules", "jdk.incubator.vector"})
// Large-d kernels run few, long calls: the JIT needs about 10 s to settle them.
@Warmup(iterations = 4, time = 4)
@Measurement(iterations = 3, time = 2)
public class MedianBenchmark {

  @Param({"10", "50", "100"})
  public int n;

  @Param({"10000", "1000000"})
  public int d;

  @Param({"1"})
  public int f;

  private List<float[]> inputs;
  private AggregationContext bare;
  private AggregationContext withEvidence;

  @Setup
  public void setUp() {
    inputs = BenchmarkData.updates(n, d, f);
    withEvidence = AggregationContext.of(new SplittableRandom(BenchmarkData.SEED));
    bare = withEvidence.withDistanceEvidence(false);
  }

  @Benchmark
  public AggregationResult median() {
    return Aggregators.median().aggregate(inputs, bare);
  }

  @Benchmark
  public AggregationResult medianWithEvidence() {
    return Aggregators.median().aggregate(inputs, withEvidence);
  }

  @Benchmark
  public AggregationResult trimmedMean() {
    return Aggregators.trimmedMean(f).aggregate(inputs, bare);
  }
}
