package dev.rampart.client.dl4j;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Tiny seeded networks and synthetic data for the trainer tests. */
final class TinyNetworks {
  static final int FEATURES = 4;
  static final int CLASSES = 3;
  static final int SIDE = 8;

  private TinyNetworks() {}

  /** 4 → 8 tanh → 3 softmax. */
  static MultiLayerNetwork mlp(IUpdater updater) {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).updater(updater).list()
        .layer(new DenseLayer.Builder().nOut(8).activation(Activation.TANH).build())
        .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(CLASSES).activation(Activation.SOFTMAX).build())
        .setInputType(InputType.feedForward(FEATURES)).build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  static MultiLayerNetwork mlp() {
    return mlp(new Adam(0.05));
  }

  /** 4 → 8 dense → batch norm → 3 softmax. */
  static MultiLayerNetwork withBatchNorm() {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).updater(new Sgd(0.1)).list()
        .layer(new DenseLayer.Builder().nOut(8).activation(Activation.IDENTITY).build())
        .layer(new BatchNormalization.Builder().nOut(8).build())
        .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(CLASSES).activation(Activation.SOFTMAX).build())
        .setInputType(InputType.feedForward(FEATURES)).build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  /** One 3x3 convolution (4 channels, ReLU) on 1x8x8 images, then a 2-class softmax. */
  static MultiLayerNetwork cnn() {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(11).updater(new Adam(0.02)).list()
        .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
        .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
        .setInputType(InputType.convolutional(SIDE, SIDE, 1)).build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  /** The MLP as a graph: in → dense → out. */
  static ComputationGraph graph() {
    ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).updater(new Sgd(0.2))
        .graphBuilder().addInputs("in")
        .addLayer("hidden", new DenseLayer.Builder().nOut(8).activation(Activation.TANH).build(), "in")
        .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(CLASSES).activation(Activation.SOFTMAX)
            .build(), "hidden")
        .setOutputs("out").setInputTypes(InputType.feedForward(FEATURES)).build();
    ComputationGraph graph = new ComputationGraph(conf);
    graph.init();
    return graph;
  }

  /** Gaussian blobs: class c centred at 2·e_c (first 3 coordinates). */
  static float[][] blobs(int n, long seed, int[] labelsOut) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] x = new float[n][FEATURES];
    for (int i = 0; i < n; i++) {
      int c = i % CLASSES;
      labelsOut[i] = c;
      for (int j = 0; j < FEATURES; j++) {
        x[i][j] = (float) (gaussian(random) * 0.7 + (j == c ? 2 : 0));
      }
    }
    return x;
  }

  /** 8x8 images, flattened row-major: class 0 is bright on top, class 1 at the bottom. */
  static float[][] images(int n, long seed, int[] labelsOut) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] x = new float[n][SIDE * SIDE];
    for (int i = 0; i < n; i++) {
      int c = i % 2;
      labelsOut[i] = c;
      for (int p = 0; p < SIDE * SIDE; p++) {
        boolean top = p / SIDE < SIDE / 2;
        x[i][p] = (float) (0.3 * gaussian(random) + ((top == (c == 0)) ? 1 : 0));
      }
    }
    return x;
  }

  private static double gaussian(SplittableRandom random) {
    double u = random.nextDouble(1e-12, 1);
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
