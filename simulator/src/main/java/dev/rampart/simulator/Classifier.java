package dev.rampart.simulator;

import dev.rampart.cli.data.Dataset;
import dev.rampart.client.LocalTrainer;
import dev.rampart.client.MultilayerPerceptron;
import dev.rampart.client.SoftmaxRegression;
import dev.rampart.client.dl4j.Dl4jEvaluator;
import dev.rampart.client.dl4j.Dl4jModel;
import dev.rampart.client.dl4j.Dl4jModels;
import dev.rampart.client.dl4j.Dl4jTrainer;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The model family of a cell, with what a run needs of it (trainer, starting model, predictions):
 * {@code logistic} (multinomial logistic regression) and {@code mlp} (one hidden layer), both the
 * client SDK's hand-written ND4J models, and {@code lenet}, the LeNet-5 of
 * {@link Dl4jModels#lenet} trained through {@link Dl4jTrainer} (28 × 28 images only), or a user's
 * own Deeplearning4j network: a path ending in {@code .zip} (a {@code ModelSerializer} model file,
 * which also gives the starting model) or {@code .json} (a configuration, initialized from its own
 * seed), relative to the working directory. Immutable and thread-safe; each {@link Scorer} it hands
 * out is used by one run.
 *
 * @param kind {@code logistic}, {@code mlp}, {@code lenet} or a path to a model file or configuration
 * @param features features per sample
 * @param classes number of classes
 * @param hidden hidden width of {@code mlp}, ignored by the others
 */
public record Classifier(String kind, int features, int classes, int hidden) {
  /** The kinds a scenario or the command line may name. */
  public static final String KINDS = "logistic, mlp, lenet or a path to a DL4J .zip model file or .json configuration";

  /**
   * Checks the kind and that the data fits it.
   *
   * @throws IllegalArgumentException naming the value otherwise
   */
  public Classifier {
    if (!known(kind)) {
      throw new IllegalArgumentException("model must be " + KINDS + ", but model=" + kind);
    }
    if (kind.equals("lenet") && features != Dl4jModels.LENET_SIDE * Dl4jModels.LENET_SIDE) {
      throw new IllegalArgumentException("model lenet takes 28 x 28 images (784 features), but the data has "
          + features + " features per sample; use dataset fashion-mnist");
    }
    if (isFile(kind)) {
      try {
        Dl4jModel.load(kind, features, classes, hidden, 0);
      } catch (UncheckedIOException e) {
        throw new IllegalArgumentException("model " + kind + ": " + e.getMessage(), e);
      }
    }
  }

  /** Whether {@code kind} names a classifier. */
  public static boolean known(String kind) {
    return kind.equals("logistic") || kind.equals("mlp") || kind.equals("lenet") || isFile(kind);
  }

  private static boolean isFile(String kind) {
    String k = kind.toLowerCase(Locale.ROOT);
    return k.endsWith(".zip") || k.endsWith(".json");
  }

  /** Whether this model trains through Deeplearning4j ({@code lenet} or a file). */
  private boolean isDl4j() {
    return kind.equals("lenet") || isFile(kind);
  }

  /** The model dimension. */
  public int dimension() {
    if (isDl4j()) {
      return dl4j(0).parameterCount();
    }
    return kind.equals("mlp") ? MultilayerPerceptron.parameterCount(features, hidden, classes)
        : SoftmaxRegression.parameterCount(features, classes);
  }

  /** The starting model: zeros for logistic regression, seeded draws for the networks. */
  public float[] initialModel(long seed) {
    if (isDl4j()) {
      return dl4j(seed).parameters();
    }
    return kind.equals("mlp") ? MultilayerPerceptron.initialModel(features, hidden, classes, seed)
        : new float[dimension()];
  }

  /** A client's trainer over {@code shard}, shuffling with {@code seed}. */
  public LocalTrainer trainer(Dataset shard, long seed) {
    if (isDl4j()) {
      return dl4j(seed).trainer(shard.features(), shard.labels(), classes, seed);
    }
    return kind.equals("mlp") ? new MultilayerPerceptron(shard.features(), shard.labels(), hidden, classes, seed)
        : new SoftmaxRegression(shard.features(), shard.labels(), classes, seed);
  }

  /** Test accuracy and predictions of model vectors; one per run, used from one thread at a time. */
  public Scorer scorer(float[][] testX, int[] testY) {
    if (isDl4j()) {
      Dl4jEvaluator evaluator = dl4j(0).evaluator(testX, testY, classes);
      return new Scorer() {
        @Override
        public synchronized double accuracy(float[] model) {
          return evaluator.evaluate(model).accuracy();
        }

        @Override
        public synchronized int[] predict(float[] model, float[][] x) {
          return evaluator.predict(model, x);
        }
      };
    }
    return new Scorer() {
      @Override
      public double accuracy(float[] model) {
        return handWrittenAccuracy(model, testX, testY);
      }

      @Override
      public int[] predict(float[] model, float[][] x) {
        return handWrittenPredict(model, x);
      }
    };
  }

  /** What the coordinator's evaluation asks of a model vector. */
  public interface Scorer {
    /** Share of the test set classified correctly. */
    double accuracy(float[] model);

    /** Predicted class per row. */
    int[] predict(float[] model, float[][] x);
  }

  private Dl4jModel dl4j(long seed) {
    return Dl4jModel.load(kind, features, classes, hidden, seed);
  }

  private int[] handWrittenPredict(float[] model, float[][] x) {
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

  private double handWrittenAccuracy(float[] model, float[][] x, int[] y) {
    if (kind.equals("logistic")) {
      return SoftmaxRegression.accuracy(model, x, y, classes);
    }
    int[] p = handWrittenPredict(model, x);
    int hits = 0;
    for (int i = 0; i < y.length; i++) {
      hits += p[i] == y[i] ? 1 : 0;
    }
    return (double) hits / y.length;
  }
}
