package dev.rampart.cli.example;

import dev.rampart.audit.AuditEvents;
import dev.rampart.client.ClientConfig;
import dev.rampart.client.ClientRunSummary;
import dev.rampart.client.FederatedClient;
import dev.rampart.client.dl4j.Dl4jEvaluator;
import dev.rampart.client.dl4j.Dl4jModel;
import dev.rampart.client.dl4j.Dl4jTrainer;
import dev.rampart.coordinator.Coordinator;
import dev.rampart.coordinator.CoordinatorConfig;
import dev.rampart.coordinator.JobSummary;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Identity;
import dev.rampart.crypto.PublicKey;
import dev.rampart.protocol.JobId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The example of {@code docs/bring-your-own-model.md}: a team's own Deeplearning4j network trained
 * by Rampart clients and coordinated by a Rampart coordinator. The guide shows this file's code;
 * {@code BringYourOwnModelDocTest} fails when they differ, and {@code OwnNetworkJobIT} runs it
 * over a real broker.
 */
public final class OwnNetworkJob {
  private OwnNetworkJob() {}

  // [network]
  /** The team's network: both sides build it from the same configuration. */
  public static MultiLayerNetwork network() {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(42).weightInit(WeightInit.XAVIER).updater(new Adam(1e-3))  // the updater stays on the client
        .list()
        .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU).build())
        .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
        .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build())
        .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
        .setInputType(InputType.convolutionalFlat(8, 8, 1))                // rows of 64 pixels
        .build();
    MultiLayerNetwork network = new MultiLayerNetwork(conf);
    network.init();
    return network;
  }
  // [/network]

  // [client]
  /** One client: its own data never leaves this method; only signed updates go to Kafka. */
  public static ClientRunSummary runClient(Identity me, PublicKey coordinatorKey, String bootstrap,
      DataSetIterator myData) {
    Dl4jTrainer trainer = Dl4jTrainer.of(network(), myData);          // also checks the job's layout
    ClientConfig config = ClientConfig.builder()
        .job(JobId.of("own-cnn"))
        .bootstrapServers(bootstrap)
        .identity(me)                                                  // signs every update
        .coordinatorKey(coordinatorKey)                                // plans signed by others are ignored
        .build();
    try (FederatedClient client = FederatedClient.create(config, trainer)) {
      return client.run();                                             // returns after the final round
    }
  }
  // [/client]

  // [coordinator]
  /** The coordinator: starts from the network's parameters and evaluates every committed version. */
  public static JobSummary runCoordinator(Identity coordinator, ClientRegistry registry, String bootstrap,
      Path runDirectory, float[][] testX, int[] testLabels) {
    Dl4jModel model = Dl4jModel.of(network());
    Dl4jEvaluator evaluator = Dl4jModel.of(network()).evaluator(testX, testLabels, 10);
    CoordinatorConfig config = CoordinatorConfig.builder()
        .job(JobId.of("own-cnn"))
        .bootstrapServers(bootstrap)
        .identity(coordinator)
        .registry(registry)                                            // the enrolled clients' keys
        .runDirectory(runDirectory)                                    // audit log and model store
        .initialModel(model.parameters())
        .modelLayout(model.layout())                                   // clients with other layers refuse
        .rounds(3)
        .roundTimeout(Duration.ofSeconds(60))
        .aggregation("nnm | trmean").maxByzantine(1)                  // robust to one lying client
        .trainingParameter("local_epochs", "1")
        .trainingParameter("batch_size", "16")
        .evaluator(w -> {
          Dl4jEvaluator.Result r = evaluator.evaluate(w);
          return Map.of(AuditEvents.METRIC_TEST_ACCURACY, r.accuracy(), AuditEvents.METRIC_TEST_LOSS, r.loss());
        })
        .build();
    try (Coordinator c = Coordinator.create(config)) {
      return c.run(round -> System.out.printf("round %d: %d accepted, test accuracy %.4f%n", round.round(),
          round.accepted().size(), round.metrics().get(AuditEvents.METRIC_TEST_ACCURACY)));
    }
  }
  // [/coordinator]
}
