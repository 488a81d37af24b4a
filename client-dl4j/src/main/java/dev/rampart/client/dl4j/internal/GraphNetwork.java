package dev.rampart.client.dl4j.internal;

import dev.rampart.protocol.ModelLayout;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** {@link Network} over a single-input, single-output {@link ComputationGraph}. Not thread-safe. */
final class GraphNetwork implements Network {
  private final ComputationGraph graph;

  GraphNetwork(ComputationGraph graph) {
    if (graph.params() == null) {
      throw new IllegalArgumentException("the ComputationGraph has no parameters: call init() first");
    }
    int inputs = graph.getConfiguration().getNetworkInputs().size();
    int outputs = graph.getConfiguration().getNetworkOutputs().size();
    if (inputs != 1 || outputs != 1) {
      throw new IllegalArgumentException("only single-input, single-output graphs are supported, but the graph has "
          + inputs + " inputs and " + outputs + " outputs");
    }
    this.graph = graph;
  }

  @Override
  public ModelLayout layout() {
    return Layouts.of(graph);
  }

  @Override
  public long parameterCount() {
    return graph.numParams();
  }

  @Override
  public float[] parameters() {
    return Network.toFloats(graph.params());
  }

  @Override
  public void setParameters(float[] values) {
    graph.setParams(Nd4j.createFromArray(values).castTo(graph.params().dataType()).reshape(1, values.length));
  }

  @Override
  public float[] gradient(DataSet batch, double[] score) {
    graph.setInputs(batch.getFeatures());
    graph.setLabels(batch.getLabels());
    INDArray fm = batch.getFeaturesMaskArray();
    INDArray lm = batch.getLabelsMaskArray();
    graph.setLayerMaskArrays(fm == null ? null : new INDArray[] {fm}, lm == null ? null : new INDArray[] {lm});
    graph.computeGradientAndScore();
    score[0] = graph.score();
    float[] g = Network.perSample(graph.gradient().gradient(), batch.numExamples());
    graph.clearLayerMaskArrays();
    return g;
  }

  @Override
  public INDArray output(INDArray features) {
    return graph.outputSingle(false, features);
  }

  @Override
  public double score(DataSet batch) {
    return graph.score(batch, false);
  }

  @Override
  public void fit(DataSet batch) {
    graph.fit(batch);
  }

  @Override
  public void setLearningRate(double learningRate) {
    graph.setLearningRate(learningRate);
  }

  @Override
  public INDArray updaterState() {
    return graph.getUpdater(true).getStateViewArray();
  }

  @Override
  public void setCounters(int iteration, int epoch) {
    graph.getConfiguration().setIterationCount(iteration);
    graph.getConfiguration().setEpochCount(epoch);
  }
}
