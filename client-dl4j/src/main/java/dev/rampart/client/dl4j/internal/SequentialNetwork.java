package dev.rampart.client.dl4j.internal;

import dev.rampart.protocol.ModelLayout;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** {@link Network} over a {@link MultiLayerNetwork}. Not thread-safe. */
final class SequentialNetwork implements Network {
  private final MultiLayerNetwork network;

  SequentialNetwork(MultiLayerNetwork network) {
    if (network.params() == null) {
      throw new IllegalArgumentException("the MultiLayerNetwork has no parameters: call init() first");
    }
    this.network = network;
  }

  @Override
  public ModelLayout layout() {
    return Layouts.of(network);
  }

  @Override
  public long parameterCount() {
    return network.numParams();
  }

  @Override
  public float[] parameters() {
    return Network.toFloats(network.params());
  }

  @Override
  public void setParameters(float[] values) {
    network.setParams(Nd4j.createFromArray(values).castTo(network.params().dataType()).reshape(1, values.length));
  }

  @Override
  public float[] gradient(DataSet batch, double[] score) {
    network.setInput(batch.getFeatures());
    network.setLabels(batch.getLabels());
    network.setLayerMaskArrays(batch.getFeaturesMaskArray(), batch.getLabelsMaskArray());
    network.computeGradientAndScore();
    score[0] = network.score();
    float[] g = Network.perSample(network.gradient().gradient(), batch.numExamples());
    network.clearLayerMaskArrays();
    return g;
  }

  @Override
  public INDArray output(INDArray features) {
    return network.output(features, false);
  }

  @Override
  public double score(DataSet batch) {
    return network.score(batch, false);
  }

  @Override
  public void fit(DataSet batch) {
    network.fit(batch);
  }

  @Override
  public void setLearningRate(double learningRate) {
    network.setLearningRate(learningRate);
  }

  @Override
  public INDArray updaterState() {
    return network.getUpdater(true).getStateViewArray();
  }

  @Override
  public void setCounters(int iteration, int epoch) {
    network.getLayerWiseConfigurations().setIterationCount(iteration);
    network.getLayerWiseConfigurations().setEpochCount(epoch);
  }
}
