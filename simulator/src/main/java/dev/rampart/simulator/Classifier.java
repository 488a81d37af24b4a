package dev.rampart.simulator;

import dev.rampart.cli.data.Dataset;
import dev.rampart.client.LocalTrainer;
import dev.rampart.client.MultilayerPerceptron;
import dev.rampart.client.SoftmaxRegression;
import dev.rampart.client.dl4j.Dl4jEvaluator;
import dev.rampart.client.dl4j.Dl4jModels;
import dev.rampart.client.dl4j.Dl4jTrainer;

/**
 * The model family of a cell, with what a run needs of it (trainer, starting model, predictions):
 * {@code logistic} (multinomial logistic regression) and {@code mlp} (one hidden layer), both the
 * client SDK's hand-written ND4J models, and {@code lenet}, the LeNet-5 of
 * {@link Dl4jModels#lenet} trained through {@link Dl4jTrainer} (28 × 28 images only). Immutable
 * and thread-safe; each {@link Scorer} it hands out is used by one run.
 *
 * @param kind {@code logistic}, {@code mlp} or {@code lenet}
 * @param features features per sample
 * @param classes number of classes
 * @param hidden hidden width of {@code mlp}, ignored by the others
 */
public record Classifier(String kind, int features, int classes, int hidden) {
  /** The kinds a scenario or the command line may name. */
  public static final String KINDS = "logistic, mlp or lenet";

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
  }

  /** Whether {@code kind} names a classifier. */
  public static boolean known(String kind) {
    return kind.equals("logistic") || kind.equals("mlp") || kind.equals("lenet");
  }

  /** The model dimension. */
  public int dimension() {
    return switch (kind) {
      case "mlp" -> MultilayerPerceptron.parameterCount(features, hidden, classes);
      case "lenet" -> (int) Dl4jModels.named(kind, features, classes, hidden, 0).numParams();
      default -> SoftmaxRegression.parameterCount(features, classes);
    };
  }

  /** The starting model: zeros for logistic regression, seeded draws for the networks. */
  public float[] initialModel(long seed) {
    return switch (kind) {
      case "mlp" -> MultilayerPerceptron.initialModel(features, hidden, classes, seed);
      case "lenet" -> dl4j(seed).parameters();
      default -> new float[dimension()];
    };
  }

  /** A client's trainer over {@code shard}, shuffling with {@code seed}. */
  public LocalTrainer trainer(Dataset shard, long seed) {
    return switch (kind) {
      case "mlp" -> new MultilayerPerceptron(shard.features(), shard.labels(), hidden, classes, seed);
      case "lenet" -> Dl4jTrainer.of(Dl4jModels.named(kind, features, classes, hidden, seed), shard.features(),
          shard.labels(), classes, seed);
      default -> new SoftmaxRegression(shard.features(), shard.labels(), classes, seed);
    };
  }

  /** Test accuracy and predictions of model vectors; one per run, used from one thread at a time. */
  public Scorer scorer(float[][] testX, int[] testY) {
    if (kind.equals("lenet")) {
      Dl4jEvaluator evaluator = Dl4jEvaluator.of(Dl4jModels.named(kind, features, classes, hidden, 0), testX, testY,
          classes);
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

  private Dl4jTrainer dl4j(long seed) {
    return Dl4jTrainer.of(Dl4jModels.named(kind, features, classes, hidden, seed), new float[][] {new float[features]},
        new int[] {0}, classes, seed);
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
