package dev.rampart.benchmarks;

import dev.rampart.aggregation.AggregationContext;
import dev.rampart.aggregation.AggregationResult;
import dev.rampart.aggregation.Pipeline;
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
 * Every rule and pre-aggregator, reached through its pipeline spec as the coordinator does, with
 * full evidence (distances included).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms8g", "-Xmx8g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 3, time = 1)
public class PipelineBenchmark {

  @Param({"average", "median", "trmean", "meamed", "gm", "krum", "multikrum", "mda", "monna", "cc",
      "bulyan", "caf", "smea", "nnm | average", "bucketing(s=2) | average", "clip(c=2.0) | average",
      "arc | average"})
  public String spec;

  @Param({"10", "50", "100"})
  public int n;

  @Param({"10000", "1000000"})
  public int d;

  @Param({"1"})
  public int f;

  private List<float[]> inputs;
  private Pipeline pipeline;
  private AggregationContext context;

  @Setup
  public void setUp() {
    inputs = BenchmarkData.updates(n, d, f);
    pipeline = Pipeline.parse(spec, f);
    context = AggregationContext.of(new SplittableRandom(BenchmarkData.SEED));
  }

  @Benchmark
  public AggregationResult aggregate() {
    return pipeline.aggregate(inputs, context);
  }
}
