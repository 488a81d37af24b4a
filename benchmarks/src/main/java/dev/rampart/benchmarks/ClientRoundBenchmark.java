package dev.rampart.benchmarks;

import dev.rampart.client.LocalUpdate;
import dev.rampart.client.MultilayerPerceptron;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
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
 * A client's whole round with and without grouped secure aggregation, for a model of about 10^6
 * parameters: the local training step and then the send path of {@link SecureAggregationBenchmark}
 * ({@code plainSend} or {@code secureSession}, group of {@code s}, no dropouts).
 *
 * <p>The model is the client SDK's {@link MultilayerPerceptron} with 784 inputs (a 28×28 image),
 * 1270 hidden units and 10 classes: 1,009,700 parameters. Its training step is the lightest one a
 * round can have: one gradient over {@code samples} images ({@code local_epochs=0}, FedSGD), here
 * a single mini-batch. Pixels are synthetic (uniform in [0, 1), seeded); the cost of the step does
 * not depend on their values. Heavier local work (more samples, several epochs) only lowers the
 * ratio of the two rounds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms3g", "-Xmx3g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 40)
@Measurement(iterations = 60)
public class ClientRoundBenchmark {
  static final int FEATURES = 784;
  static final int HIDDEN = 1270;
  static final int CLASSES = 10;

  @Param({"32"})
  public int samples;

  @Param({"10"})
  public int s;

  @Param({"2"})
  public int threads;

  private MultilayerPerceptron trainer;
  private float[] model;
  private SecureAggregationBenchmark send;
  private final Map<String, String> fedSgd = Map.of("local_epochs", "0");

  @Setup
  public void setUp() throws NoSuchAlgorithmException {
    SplittableRandom random = new SplittableRandom(BenchmarkData.SEED);
    float[][] x = new float[samples][FEATURES];
    int[] labels = new int[samples];
    for (int i = 0; i < samples; i++) {
      for (int j = 0; j < FEATURES; j++) {
        x[i][j] = (float) random.nextDouble();
      }
      labels[i] = random.nextInt(CLASSES);
    }
    trainer = new MultilayerPerceptron(x, labels, HIDDEN, CLASSES, BenchmarkData.SEED);
    model = MultilayerPerceptron.initialModel(FEATURES, HIDDEN, CLASSES, BenchmarkData.SEED);
    send = new SecureAggregationBenchmark();
    send.d = model.length;
    send.s = s;
    send.dropoutPercent = 0;
    send.threads = threads;
    send.prepare(true);
  }

  /** Local training, then the dense update enveloped, signed and framed. */
  @Benchmark
  public int plainRound() {
    LocalUpdate u = trainer.train(model, fedSgd, 1);
    return send.plainSend(u.vector());
  }

  /** Local training, then the whole secure-aggregation session of one group member. */
  @Benchmark
  public int secureRound() throws NoSuchAlgorithmException {
    LocalUpdate u = trainer.train(model, fedSgd, 1);
    return send.secureSession(u.vector());
  }

  /** Local training alone, to show how the round divides. */
  @Benchmark
  public float trainingOnly() {
    return trainer.train(model, fedSgd, 1).vector()[0];
  }
}
