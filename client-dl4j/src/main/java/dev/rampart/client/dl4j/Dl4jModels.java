package dev.rampart.client.dl4j;

import java.util.List;
import java.util.Locale;
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
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The project's built-in Deeplearning4j networks, by name: {@code lenet} (a LeNet-5-style
 * convolutional network for 28 × 28 grey images), {@code mlp} (one hidden ReLU layer) and
 * {@code logistic} (multinomial logistic regression). Each is returned initialized, with its
 * parameters drawn from the given seed, so the same seed gives the same initial model on the
 * coordinator and on every client.
 *
 * <p>All take flat feature rows (the project's CSV and IDX loaders give one row of pixels per
 * sample); LeNet is configured with {@code InputType.convolutionalFlat(28, 28, 1)} and reshapes
 * them itself. All use plain SGD (learning rate 0.05 unless the plan's {@code learning_rate}
 * replaces it, see {@link Dl4jTrainer}) and softmax cross-entropy. Stateless.
 */
public final class Dl4jModels {
  /** The names {@link #named} accepts. */
  public static final List<String> NAMES = List.of("lenet", "mlp", "logistic");

  /** Side of LeNet's square input image. */
  public static final int LENET_SIDE = 28;

  /** The learning rate the built-in networks are configured with. */
  public static final double DEFAULT_LEARNING_RATE = 0.05;

  private Dl4jModels() {}

  /**
   * The built-in network {@code name}.
   *
   * @param name one of {@link #NAMES}, case-insensitive
   * @param features the feature count of one sample (LeNet requires 28 × 28 = 784)
   * @param classes the number of classes, at least 2
   * @param hidden the hidden width of {@code mlp}, ignored by the others
   * @param seed the seed of the initial parameters
   * @throws IllegalArgumentException naming the value when the name is unknown or the sizes do
   *     not fit the network
   */
  public static MultiLayerNetwork named(String name, int features, int classes, int hidden, long seed) {
    String key = name == null ? "" : name.toLowerCase(Locale.ROOT);
    return switch (key) {
      case "lenet" -> {
        if (features != LENET_SIDE * LENET_SIDE) {
          throw new IllegalArgumentException("model lenet takes 28 x 28 = 784 features per sample, but the data has "
              + features);
        }
        yield lenet(classes, seed);
      }
      case "mlp" -> mlp(features, hidden, classes, seed);
      case "logistic" -> logistic(features, classes, seed);
      default -> throw new IllegalArgumentException("unknown model '" + name + "': expected one of " + NAMES);
    };
  }

  /**
   * LeNet-5 for 28 × 28 × 1 images: 5 × 5 convolution to 6 channels (padding 2, ReLU), 2 × 2 max
   * pooling, 5 × 5 convolution to 16 channels (ReLU), 2 × 2 max pooling, dense 120 and 84 (ReLU),
   * softmax over {@code classes}: 61,706 parameters for 10 classes.
   */
  public static MultiLayerNetwork lenet(int classes, long seed) {
    requireClasses(classes);
    MultiLayerConfiguration conf = base(seed).list()
        .layer(new ConvolutionLayer.Builder(5, 5).padding(2, 2).nOut(6).activation(Activation.RELU).build())
        .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
        .layer(new ConvolutionLayer.Builder(5, 5).nOut(16).activation(Activation.RELU).build())
        .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
        .layer(new DenseLayer.Builder().nOut(120).activation(Activation.RELU).build())
        .layer(new DenseLayer.Builder().nOut(84).activation(Activation.RELU).build())
        .layer(output(classes))
        .setInputType(InputType.convolutionalFlat(LENET_SIDE, LENET_SIDE, 1)).build();
    return init(conf);
  }

  /** {@code features} → {@code hidden} ReLU → softmax over {@code classes}. */
  public static MultiLayerNetwork mlp(int features, int hidden, int classes, long seed) {
    requireClasses(classes);
    if (features < 1 || hidden < 1) {
      throw new IllegalArgumentException("mlp needs features >= 1 and hidden >= 1, but features=" + features
          + ", hidden=" + hidden);
    }
    MultiLayerConfiguration conf = base(seed).list()
        .layer(new DenseLayer.Builder().nOut(hidden).activation(Activation.RELU).build())
        .layer(output(classes))
        .setInputType(InputType.feedForward(features)).build();
    return init(conf);
  }

  /** Multinomial logistic regression: {@code features} → softmax over {@code classes}. */
  public static MultiLayerNetwork logistic(int features, int classes, long seed) {
    requireClasses(classes);
    if (features < 1) {
      throw new IllegalArgumentException("logistic needs features >= 1, but features=" + features);
    }
    MultiLayerConfiguration conf = base(seed).list()
        .layer(output(classes))
        .setInputType(InputType.feedForward(features)).build();
    return init(conf);
  }

  private static NeuralNetConfiguration.Builder base(long seed) {
    return new NeuralNetConfiguration.Builder().seed(seed).weightInit(WeightInit.XAVIER)
        .updater(new Sgd(DEFAULT_LEARNING_RATE));
  }

  private static OutputLayer output(int classes) {
    return new OutputLayer.Builder(LossFunction.MCXENT).nOut(classes).activation(Activation.SOFTMAX).build();
  }

  private static MultiLayerNetwork init(MultiLayerConfiguration conf) {
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  private static void requireClasses(int classes) {
    if (classes < 2) {
      throw new IllegalArgumentException("classes must be at least 2, but classes=" + classes);
    }
  }
}
