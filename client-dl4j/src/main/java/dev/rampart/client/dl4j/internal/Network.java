package dev.rampart.client.dl4j.internal;

import dev.rampart.protocol.ModelLayout;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The few operations the trainer needs from a Deeplearning4j network, the same for a
 * {@link MultiLayerNetwork} and a single-input, single-output {@link ComputationGraph}.
 *
 * <p>Not thread-safe: every call mutates the wrapped network.
 */
public interface Network {
  /** Wraps an initialized sequential network (the caller must have called {@code init()}). */
  static Network of(MultiLayerNetwork network) {
    return new SequentialNetwork(network);
  }

  /** Wraps an initialized single-input, single-output graph. */
  static Network of(ComputationGraph graph) {
    return new GraphNetwork(graph);
  }

  /** The layout of the flattened parameter view ({@link Layouts}). */
  ModelLayout layout();

  /** Number of entries of the flattened parameter view, {@code numParams()}. */
  long parameterCount();

  /** A float copy of the flattened parameter view, in DL4J's order. */
  float[] parameters();

  /** Copies {@code values} into the flattened parameter view. */
  void setParameters(float[] values);

  /**
   * The gradient of the mean loss over {@code batch} at the current parameters, flattened in
   * parameter order, and the score (mean loss plus regularization terms) in {@code score[0]}.
   * DL4J's {@code computeGradientAndScore} leaves the gradient summed over the batch (its updater
   * divides by the batch size under {@code miniBatch(true)}); this divides it by the batch size.
   */
  float[] gradient(DataSet batch, double[] score);

  /** The score of {@code batch} in inference mode (no dropout). */
  double score(DataSet batch);

  /** The network's output (class probabilities) for {@code features}, in inference mode. */
  INDArray output(INDArray features);

  /** One step of the network's own updater on {@code batch}. */
  void fit(DataSet batch);

  /** Sets the learning rate of every layer (replacing any schedule). */
  void setLearningRate(double learningRate);

  /** The updater's flattened state (moments etc.), or null when the updater keeps none. */
  INDArray updaterState();

  /** Sets the iteration and epoch counters (which schedules and Adam's bias correction read). */
  void setCounters(int iteration, int epoch);

  /** Whole-array float copy of a view. */
  static float[] toFloats(INDArray array) {
    return array.dup('c').castTo(DataType.FLOAT).data().asFloat();
  }

  /** A float copy of a summed batch gradient divided by the batch size. */
  static float[] perSample(INDArray summed, int batchSize) {
    float[] g = toFloats(summed);
    for (int i = 0; i < g.length; i++) {
      g[i] /= batchSize;
    }
    return g;
  }
}
