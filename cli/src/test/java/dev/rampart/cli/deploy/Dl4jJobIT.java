package dev.rampart.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rampart.audit.AuditEvents;
import dev.rampart.audit.AuditRecord;
import dev.rampart.audit.RecordType;
import dev.rampart.cli.Main;
import dev.rampart.cli.data.Dataset;
import dev.rampart.client.dl4j.Dl4jEvaluator;
import dev.rampart.crypto.Identity;
import dev.rampart.testkit.KafkaFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * A user's own Deeplearning4j network through the deployed coordinator and clients over the real
 * broker: a small convolutional network for the 8 × 8 digits, given to the coordinator and to four
 * clients as a configuration file ({@code model.network: cnn.json}), trains for three rounds; the
 * committed model, exported with {@code rampart model export}, restores with
 * {@code ModelSerializer} and scores the test accuracy the coordinator recorded for it. A fifth
 * client whose network has other convolution channels refuses the job, naming the layer.
 */
class Dl4jJobIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();
  private static final int CLIENTS = 4;
  private static final int ROUNDS = 3;
  private static final int SIDE = 8;
  @TempDir Path dir;

  /** 3 × 3 convolution to {@code channels} (ReLU), 2 × 2 max pooling, dense 32 (ReLU), softmax over 10. */
  static MultiLayerConfiguration cnn(int channels) {
    return new NeuralNetConfiguration.Builder().seed(17).weightInit(WeightInit.XAVIER).updater(new Sgd(0.1)).list()
        .layer(new ConvolutionLayer.Builder(3, 3).nOut(channels).activation(Activation.RELU).build())
        .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
        .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build())
        .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
        .setInputType(InputType.convolutionalFlat(SIDE, SIDE, 1)).build();
  }

  @Test
  void ownCnn_trainsThreeRounds_lossFalls_exportRestoresWithTheRecordedAccuracy_andAnotherNetworkIsRefused()
      throws Exception {
    Path jobDir = dir.resolve("job");
    ProcessJob job = new ProcessJob(jobDir, KAFKA.bootstrapServers(), "dl4j-it", CLIENTS, ROUNDS, "120s", 23,
        String.join("\n", "model:", "  network: cnn.json", "training:", "  learning-rate: 0.1",
            "  local-epochs: 2", "  batch-size: 16", ""));
    Files.writeString(jobDir.resolve("cnn.json"), cnn(6).toJson());
    Files.writeString(jobDir.resolve("cnn-wide.json"), cnn(8).toJson());
    for (int i = 0; i < CLIENTS; i++) {
      Files.writeString(jobDir.resolve(ProcessJob.clientId(i) + ".yaml"), "model:\n  network: cnn.json\n",
          StandardOpenOption.APPEND);
    }
    Identity outsider = Identity.generate("client-wide", new SecureRandom());
    outsider.save(jobDir.resolve("keys/client-wide.key"));
    Files.writeString(jobDir.resolve("client-wide.yaml"), Files.readString(jobDir.resolve("client-00.yaml"))
        .replace("keys/client-00.key", "keys/client-wide.key").replace("network: cnn.json", "network: cnn-wide.json"));

    ByteArrayOutputStream coordinatorOut = new ByteArrayOutputStream();
    ByteArrayOutputStream wideErr = new ByteArrayOutputStream();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 2);
    try {
      Future<Integer> coordinator = pool.submit(() -> CoordinatorProcess.fromFile(jobDir.resolve("coordinator.yaml"),
          new PrintStream(coordinatorOut, true, StandardCharsets.UTF_8)).run(StopSignal.none()));
      List<Future<Integer>> clients = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        Path yaml = jobDir.resolve(ProcessJob.clientId(i) + ".yaml");
        clients.add(pool.submit(() -> ClientProcess.fromFile(yaml, quiet()).run(StopSignal.none())));
      }
      Future<Integer> wide = pool.submit(() -> DeployCommands.guarded(new PrintStream(wideErr, true,
          StandardCharsets.UTF_8), () -> ClientProcess.fromFile(jobDir.resolve("client-wide.yaml"), quiet())
          .run(StopSignal.none())));
      assertThat(wide.get(3, TimeUnit.MINUTES)).as("exit code of the client with 8 channels").isEqualTo(ExitCodes.FAILED);
      assertThat(coordinator.get(5, TimeUnit.MINUTES)).as("coordinator; its output:%n%s", coordinatorOut)
          .isEqualTo(ExitCodes.COMPLETED);
      for (Future<Integer> c : clients) {
        assertThat(c.get(1, TimeUnit.MINUTES)).isEqualTo(ExitCodes.COMPLETED);
      }
    } finally {
      pool.shutdownNow();
    }
    String refusal = wideErr.toString(StandardCharsets.UTF_8);
    System.out.println("Dl4jJobIT: refused client said: " + refusal.strip());
    assertThat(refusal).contains("client-wide refuses job dl4j-it").contains("layer 0 differs")
        .contains("W [6, 1, 3, 3]").contains("W [8, 1, 3, 3]");

    List<AuditRecord> commits = AuditCounts.read(job.runDirectory()).records().stream()
        .filter(r -> r.type() == RecordType.AGGREGATE_COMMITTED && r.round().orElse(0) > 0).toList();
    assertThat(commits).hasSize(ROUNDS);
    List<Double> losses = commits.stream().map(r -> metric(r, AuditEvents.METRIC_TRAIN_LOSS)).toList();
    System.out.println("Dl4jJobIT: train loss by round " + losses + ", test accuracy by round "
        + commits.stream().map(r -> metric(r, AuditEvents.METRIC_TEST_ACCURACY)).toList());
    assertThat(losses.get(ROUNDS - 1)).as("train loss of round 3 below round 1's, %s", losses)
        .isLessThan(losses.get(0));
    AuditRecord last = commits.get(ROUNDS - 1);
    assertThat(inputs(last)).hasSize(CLIENTS);

    long version = ((Number) last.body().get("modelVersion")).longValue();
    Path exported = dir.resolve("model-v" + version + ".zip");
    assertThat(Main.execute("model", "export", "--config", jobDir.resolve("coordinator.yaml").toString(),
        "--version", Long.toString(version), "--output", exported.toString())).isZero();
    ByteArrayOutputStream missingErr = new ByteArrayOutputStream();
    assertThat(DeployCommands.guarded(new PrintStream(missingErr, true, StandardCharsets.UTF_8), () ->
        ModelCommands.export(jobDir.resolve("coordinator.yaml"), version + 1, dir.resolve("none.zip"), quiet())))
        .isEqualTo(ExitCodes.CONFIG);
    assertThat(missingErr.toString(StandardCharsets.UTF_8)).contains("no model version " + (version + 1))
        .contains("its latest is " + version);
    MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(exported.toFile());
    Dataset test = LocalData.load(jobDir.resolve("data/test.csv"), "auto", 10, 16.0);
    double accuracy = Dl4jEvaluator.of(restored, test.features(), test.labels(), 10)
        .evaluate(restored.params().toFloatVector()).accuracy();
    System.out.println("Dl4jJobIT: exported model's test accuracy " + accuracy + ", recorded "
        + metric(last, AuditEvents.METRIC_TEST_ACCURACY));
    assertThat(accuracy).isCloseTo(metric(last, AuditEvents.METRIC_TEST_ACCURACY), within(1e-12));
    assertThat(accuracy).as("better than chance").isGreaterThan(0.3);
  }

  private static PrintStream quiet() {
    return new PrintStream(PrintStream.nullOutputStream());
  }

  @SuppressWarnings("unchecked")
  private static double metric(AuditRecord r, String name) {
    return ((Number) ((Map<String, Object>) r.body().get("metrics")).get(name)).doubleValue();
  }

  @SuppressWarnings("unchecked")
  private static List<String> inputs(AuditRecord r) {
    return (List<String>) r.body().get("inputs");
  }
}
