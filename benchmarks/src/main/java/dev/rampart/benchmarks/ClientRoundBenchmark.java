package dev.rampart.benchmarks;

import dev.rampart.client.LocalUpdate;
import dev.rampart.client.MultilayerPerceptron;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A client's whole round with and without grouped secure aggregation, for a model of about 10^6
 * parameters: the local training step and the send path of {@link SecureAggregationBenchmark}
 * ({@code plainSend}, or the secure session of a group of {@code s}, no dropouts). The secure
 * rounds run as the client does: the session (P0, P1, U2's checks and the mask expansion) starts on
 * a thread of its own when the round begins and runs while the caller trains; after training the
 * caller encodes the update, masks and sends it (P2), and answers U3 (P3) and the unmask request
 * (P4). {@code secureRoundSequential} runs the same session after training, for comparison.
 *
 * <p>Two training steps: the MLP's ({@code plainRound}, {@code secureRound}) and a fixed one of
 * {@code stepMillis} of busy computation on the caller's thread ({@code plainRoundFixedStep},
 * {@code secureRoundFixedStep}), which keeps the training time constant from shot to shot.
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

  @Param({"100"})
  public int stepMillis;

  private MultilayerPerceptron trainer;
  private float[] model;
  private SecureAggregationBenchmark send;
  private ExecutorService sessionThread;
  private float[] fixedUpdate;
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
    sessionThread = Executors.newSingleThreadExecutor();
    fixedUpdate = trainer.train(model, fedSgd, 1).vector();
  }

  @TearDown
  public void tearDown() {
    sessionThread.shutdownNow();
  }

  /** Local training, then the dense update enveloped, signed and framed. */
  @Benchmark
  public int plainRound() {
    LocalUpdate u = trainer.train(model, fedSgd, 1);
    return send.plainSend(u.vector());
  }

  /** The secure session begun on its own thread, local training meanwhile, then the rest of it. */
  @Benchmark
  public int secureRound() throws Exception {
    Future<SecureAggregationBenchmark.Session> begun = sessionThread.submit(send::beginSession);
    LocalUpdate u = trainer.train(model, fedSgd, 1);
    return send.finishSession(begun.get(), u.vector());
  }

  /** Local training, then the whole secure-aggregation session of one group member. */
  @Benchmark
  public int secureRoundSequential() throws NoSuchAlgorithmException {
    LocalUpdate u = trainer.train(model, fedSgd, 1);
    return send.secureSession(u.vector());
  }

  /** A fixed training step of {@code stepMillis}, then the plain send path. */
  @Benchmark
  public int plainRoundFixedStep() {
    return send.plainSend(fixedStep());
  }

  /** The secure session begun on its own thread during a fixed training step, then the rest. */
  @Benchmark
  public int secureRoundFixedStep() throws Exception {
    Future<SecureAggregationBenchmark.Session> begun = sessionThread.submit(send::beginSession);
    float[] u = fixedStep();
    return send.finishSession(begun.get(), u);
  }

  /** {@code stepMillis} of busy arithmetic on the caller's thread, standing for a training step. */
  private float[] fixedStep() {
    long end = System.nanoTime() + stepMillis * 1_000_000L;
    double x = 1.0;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 1000; i++) {
        x = x * 1.000_000_1 + 1e-9;
      }
    }
    // The result feeds the returned vector (as 0), so the compiler cannot drop the loop.
    fixedUpdate[0] = (float) (x * 0.0);
    return fixedUpdate;
  }

  /** Local training alone, to show how the round divides. */
  @Benchmark
  public float trainingOnly() {
    return trainer.train(model, fedSgd, 1).vector()[0];
  }
}
