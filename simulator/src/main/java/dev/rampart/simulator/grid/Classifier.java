package dev.rampart.simulator.grid;

import dev.rampart.cli.data.Dataset;
import dev.rampart.client.LocalTrainer;
import dev.rampart.client.MultilayerPerceptron;
import dev.rampart.client.SoftmaxRegression;

/**
 * The model family of a cell: multinomial logistic regression or the one-hidden-layer MLP, with
 * what a run needs of it (trainer, starting model, predictions). Immutable and thread-safe.
 */
record Classifier(String kind, int features, int classes, int hidden) {

  int dimension() {
    return kind.equals("mlp") ? MultilayerPerceptron.parameterCount(features, hidden, classes)
        : SoftmaxRegression.parameterCount(features, classes);
  }

  float[] initialModel(long seed) {
    return kind.equals("mlp") ? MultilayerPerceptron.initialModel(features, hidden, classes, seed) : new float[dimension()];
  }

  LocalTrainer trainer(Dataset shard, long seed) {
    return kind.equals("mlp") ? new MultilayerPerceptron(shard.features(), shard.labels(), hidden, classes, seed)
        : new SoftmaxRegression(shard.features(), shard.labels(), classes, seed);
  }

  int[] predict(float[] model, float[][] x) {
    if (kind.equals("mlp")) {
      return MultilayerPerceptron.predict(model, x, hidden, classes);
    }
    int[] out = new int[x.length];
    int p = features;
    for (int i = 0; i < x.length; i++) {
      int best = 0;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        double s = model[p * classes + c];
        for (int j = 0; j < p; j++) {
          s += (double) x[i][j] * model[j * classes + c];
        }
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      out[i] = best;
    }
    return out;
  }

  double accuracy(float[] model, float[][] x, int[] y) {
    int[] p = predict(model, x);
    int hits = 0;
    for (int i = 0; i < y.length; i++) {
      hits += p[i] == y[i] ? 1 : 0;
    }
    return (double) hits / y.length;
  }
}
