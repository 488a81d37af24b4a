package dev.rampart.client.dl4j;

import dev.rampart.client.dl4j.internal.LocalData;
import dev.rampart.client.dl4j.internal.Network;
import java.util.Arrays;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Test accuracy and loss of a model vector on a fixed test set, computed with the same
 * Deeplearning4j network the clients train: the vector is copied into the network
 * ({@code setParams}) and the test set is run through it in inference mode, in batches.
 *
 * <p>Not thread-safe: it owns the network and mutates it on every call; give it a network of its
 * own (not one a {@link Dl4jTrainer} uses).
 */
public final class Dl4jEvaluator {
  private static final int BATCH = 500;

  private final Network network;
  private final DataSet test;
  private final long parameterCount;
  private final long[] sampleShape;

  private Dl4jEvaluator(Network network, float[][] x, int[] labels, int classes, long[] sampleShape) {
    this.network = network;
    this.test = LocalData.toDataSet(x, labels, classes, sampleShape);
    this.parameterCount = network.parameterCount();
    this.sampleShape = sampleShape;
  }

  /**
   * An evaluator over {@code network} and in-memory test samples fed as flat rows.
   *
   * @param network an initialized network; the evaluator takes it over
   * @param x one row of features per test sample, at least one sample
   * @param labels class index per sample, in [0, classes)
   * @param classes the network's output size
   */
  public static Dl4jEvaluator of(MultiLayerNetwork network, float[][] x, int[] labels, int classes) {
    return new Dl4jEvaluator(Network.of(Objects.requireNonNull(network, "network")), x, labels, classes, new long[0]);
  }

  /** As {@link #of(MultiLayerNetwork, float[][], int[], int)} for a single-input, single-output graph. */
  public static Dl4jEvaluator of(ComputationGraph graph, float[][] x, int[] labels, int classes) {
    return new Dl4jEvaluator(Network.of(Objects.requireNonNull(graph, "graph")), x, labels, classes, new long[0]);
  }

  /** Accuracy and mean loss of a model vector on the test set. */
  public record Result(double accuracy, double loss) {}

  /**
   * The predicted class of each row under {@code model}, e.g. for images outside the test set.
   *
   * @throws IllegalArgumentException when the model's length differs from the network's parameter
   *     count
   */
  public int[] predict(float[] model, float[][] rows) {
    load(model);
    int[] out = new int[rows.length];
    for (int from = 0; from < rows.length; from += BATCH) {
      int to = Math.min(rows.length, from + BATCH);
      float[][] part = Arrays.copyOfRange(rows, from, to);
      INDArray features = LocalData.toDataSet(part, new int[part.length], 2, sampleShape).getFeatures();
      int[] classes = network.output(features).argMax(1).toIntVector();
      System.arraycopy(classes, 0, out, from, classes.length);
    }
    return out;
  }

  /**
   * Evaluates {@code model}.
   *
   * @throws IllegalArgumentException when its length differs from the network's parameter count
   */
  public Result evaluate(float[] model) {
    load(model);
    int n = test.numExamples();
    int hits = 0;
    double loss = 0;
    for (int from = 0; from < n; from += BATCH) {
      int to = Math.min(n, from + BATCH);
      DataSet batch = (DataSet) test.getRange(from, to);
      INDArray predicted = network.output(batch.getFeatures()).argMax(1);
      INDArray actual = batch.getLabels().argMax(1);
      hits += predicted.eq(actual).castTo(DataType.INT).sumNumber().intValue();
      loss += (to - from) * network.score(batch);
    }
    return new Result((double) hits / n, loss / n);
  }

  private void load(float[] model) {
    Objects.requireNonNull(model, "model");
    if (model.length != parameterCount) {
      throw new IllegalArgumentException("model has " + model.length + " parameters, but the network has "
          + parameterCount + " (numParams)");
    }
    network.setParameters(model);
  }
}
