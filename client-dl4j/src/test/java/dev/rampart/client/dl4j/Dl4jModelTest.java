package dev.rampart.client.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rampart.protocol.ModelLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class Dl4jModelTest {
  @TempDir Path dir;

  private static MultiLayerConfiguration cnn(int channels, Activation activation) {
    return new NeuralNetConfiguration.Builder().seed(3).updater(new Sgd(0.1)).list()
        .layer(new ConvolutionLayer.Builder(3, 3).nOut(channels).activation(activation).build())
        .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
        .setInputType(InputType.convolutionalFlat(TinyNetworks.SIDE, TinyNetworks.SIDE, 1)).build();
  }

  @Test
  void lenetLayout_listsEveryLayerInParameterOrderWithShapes() {
    ModelLayout layout = Dl4jModel.load("lenet", 784, 10, 0, 1).layout();
    assertEquals(61_706, layout.parameterCount());
    assertEquals(List.of("ConvolutionLayer", "SubsamplingLayer", "ConvolutionLayer", "SubsamplingLayer", "DenseLayer",
        "DenseLayer", "OutputLayer"), layout.layers().stream().map(ModelLayout.Layer::type).toList());
    ModelLayout.Layer conv2 = layout.layers().get(2);
    assertEquals("layer2", conv2.name());
    assertEquals(2416, conv2.parameterCount());
    assertTrue(conv2.describe().contains("W [16, 6, 5, 5]"), conv2.describe());
    assertEquals(64, layout.configurationSha256Hex().length());
  }

  @Test
  void aNetworkWithOtherChannels_differsAtThatLayer_andAnotherActivationToo() {
    ModelLayout job = Dl4jModel.of(init(cnn(4, Activation.RELU))).layout();
    assertEquals(Optional.empty(), job.firstDifference(Dl4jModel.of(init(cnn(4, Activation.RELU))).layout()));
    String channels = job.firstDifference(Dl4jModel.of(init(cnn(5, Activation.RELU))).layout()).orElseThrow();
    assertTrue(channels.startsWith("layer 0 differs") && channels.contains("[4, 1, 3, 3]")
        && channels.contains("[5, 1, 3, 3]"), channels);
    String activation = job.firstDifference(Dl4jModel.of(init(cnn(4, Activation.TANH))).layout()).orElseThrow();
    assertTrue(activation.startsWith("layer 0 differs") && activation.contains("tanh"), activation);
  }

  @Test
  void trainerPublishesTheSameLayoutAsTheModel() {
    int[] labels = new int[10];
    float[][] x = TinyNetworks.images(10, 1, labels);
    Dl4jModel model = Dl4jModel.of(init(cnn(4, Activation.RELU)));
    ModelLayout layout = model.layout();
    assertEquals(Optional.of(layout), model.trainer(x, labels, 2, 1).modelLayout());
  }

  @Test
  void save_writesAFileModelSerializerRestoresWithThoseParameters_andTheSameEvaluation() throws Exception {
    int[] labels = new int[40];
    float[][] x = TinyNetworks.images(40, 2, labels);
    Dl4jModel model = Dl4jModel.of(init(cnn(4, Activation.RELU)));
    float[] w = model.parameters();
    for (int i = 0; i < w.length; i++) {
      w[i] += 0.01f * (i % 7);
    }
    Path file = dir.resolve("model.zip");
    model.save(w, file);
    MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file.toFile());
    assertArrayEquals(w, restored.params().toFloatVector());
    assertEquals(model.evaluator(x, labels, 2).evaluate(w), Dl4jEvaluator.of(restored, x, labels, 2)
        .evaluate(restored.params().toFloatVector()));
    Dl4jModel loaded = Dl4jModel.load(file.toString(), 0, 0, 0, 0);
    assertArrayEquals(w, loaded.parameters());
    assertEquals(model.layout(), loaded.layout());
  }

  @Test
  void load_readsAConfigurationJsonAndAGraphModelFile() throws Exception {
    Path json = dir.resolve("cnn.json");
    Files.writeString(json, cnn(4, Activation.RELU).toJson());
    Dl4jModel fromJson = Dl4jModel.load(json.toString(), 0, 0, 0, 0);
    assertEquals(Dl4jModel.of(init(cnn(4, Activation.RELU))).layout(), fromJson.layout());
    assertArrayEquals(init(cnn(4, Activation.RELU)).params().toFloatVector(), fromJson.parameters());

    ComputationGraph graph = TinyNetworks.graph();
    Path zip = dir.resolve("graph.zip");
    ModelSerializer.writeModel(graph, zip.toFile(), false);
    Dl4jModel loaded = Dl4jModel.load(zip.toString(), 0, 0, 0, 0);
    assertEquals(List.of("hidden", "out"), loaded.layout().layers().stream().map(ModelLayout.Layer::name).toList());
    assertArrayEquals(graph.params().toFloatVector(), loaded.parameters());
  }

  @Test
  void load_refusesWhatIsNotANetworkNamingIt() throws Exception {
    IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
        () -> Dl4jModel.load("resnet", 784, 10, 0, 1));
    assertTrue(name.getMessage().contains("'resnet'") && name.getMessage().contains(".zip"), name.getMessage());
    Path missing = dir.resolve("missing.zip");
    IllegalArgumentException absent = assertThrows(IllegalArgumentException.class,
        () -> Dl4jModel.load(missing.toString(), 0, 0, 0, 0));
    assertTrue(absent.getMessage().contains(missing.toString()), absent.getMessage());
    Path garbage = dir.resolve("garbage.json");
    Files.writeString(garbage, "{\"not\": \"a network\"}");
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> Dl4jModel.load(garbage.toString(), 0, 0, 0, 0));
    assertTrue(bad.getMessage().contains(garbage.toString()), bad.getMessage());
  }

  @Test
  void save_refusesAVectorOfAnotherLength() {
    Dl4jModel model = Dl4jModel.of(init(cnn(4, Activation.RELU)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> model.save(new float[3], dir.resolve("x.zip")));
    assertTrue(e.getMessage().contains("3 parameters"), e.getMessage());
    assertNotEquals(3, model.parameterCount());
  }

  private static MultiLayerNetwork init(MultiLayerConfiguration conf) {
    MultiLayerNetwork n = new MultiLayerNetwork(conf);
    n.init();
    return n;
  }
}
