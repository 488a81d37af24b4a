package dev.rampart.cli.deploy;

import dev.rampart.audit.AuditEvents;
import dev.rampart.cli.data.Dataset;
import dev.rampart.client.LocalTrainer;
import dev.rampart.client.SoftmaxRegression;
import dev.rampart.client.dl4j.Dl4jEvaluator;
import dev.rampart.client.dl4j.Dl4jModel;
import dev.rampart.client.dl4j.Dl4jModels;
import dev.rampart.coordinator.ModelEvaluator;
import dev.rampart.protocol.ModelLayout;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The model a deployed job trains, from the YAML key {@code model.network}: {@code logistic}
 * (the default: the client SDK's softmax regression, starting from zeros), a built-in
 * Deeplearning4j network ({@code lenet}, {@code mlp}, see {@link Dl4jModels}), or a path to a
 * Deeplearning4j model file ({@code .zip}, written by {@code ModelSerializer}) or configuration
 * ({@code .json}). A Deeplearning4j network publishes its {@link ModelLayout} with every plan, and
 * the coordinator evaluates committed versions with the same network. Not thread-safe.
 */
public final class JobModel {
  /** The default and the hand-written model's name. */
  public static final String LOGISTIC = "logistic";
  /** The names {@code model.network} accepts besides a file path. */
  public static final List<String> NAMES = List.of(LOGISTIC, "mlp", "lenet");

  private final String spec;
  private final int features;
  private final int classes;
  private final Optional<Dl4jModel> network;

  private JobModel(String spec, int features, int classes, Optional<Dl4jModel> network) {
    this.spec = spec;
    this.features = features;
    this.classes = classes;
    this.network = network;
  }

  /**
   * The model {@code spec} names, for samples of {@code features} features and {@code classes}
   * classes.
   *
   * @param file the YAML file, for messages
   * @param hidden the hidden width of {@code mlp}
   * @param seed the seed of a built-in network's initial parameters
   * @throws ConfigException naming the key and the file when the spec cannot be loaded
   */
  public static JobModel of(String spec, Path file, int features, int classes, int hidden, long seed) {
    String key = spec.strip();
    if (key.toLowerCase(Locale.ROOT).equals(LOGISTIC)) {
      return new JobModel(LOGISTIC, features, classes, Optional.empty());
    }
    Path resolved = Dl4jModel.isBuiltIn(key) ? null : file.toAbsolutePath().getParent().resolve(key);
    try {
      Dl4jModel model = Dl4jModel.load(resolved == null ? key : resolved.toString(), features, classes, hidden, seed);
      return new JobModel(key, features, classes, Optional.of(model));
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new ConfigException("model.network '" + spec + "' in " + file + ": " + e.getMessage()
          + " (expected one of " + NAMES + " or a path to a .zip model file or a .json configuration)", e);
    }
  }

  /** What {@code model.network} said. */
  public String spec() {
    return spec;
  }

  /** The job's first model: zeros for logistic regression, the network's parameters otherwise. */
  public float[] initialModel() {
    return network.map(Dl4jModel::parameters)
        .orElseGet(() -> new float[SoftmaxRegression.parameterCount(features, classes)]);
  }

  /** The layout plans carry; empty for logistic regression. */
  public Optional<ModelLayout> layout() {
    return network.map(Dl4jModel::layout);
  }

  /** The Deeplearning4j network, when the model is one (for export). */
  public Optional<Dl4jModel> network() {
    return network;
  }

  /**
   * The test accuracy (and, for a network, the test loss) of each committed model on {@code test}.
   *
   * @throws ConfigException when the test set's feature count differs from the model's
   */
  public ModelEvaluator evaluator(Dataset test, String source) {
    if (test.featureCount() != features) {
      throw new ConfigException(source + " has " + test.featureCount() + " features, but model.features=" + features);
    }
    float[][] x = test.features();
    int[] y = test.labels();
    if (network.isEmpty()) {
      return model -> Map.of(AuditEvents.METRIC_TEST_ACCURACY, SoftmaxRegression.accuracy(model, x, y, classes));
    }
    Dl4jEvaluator evaluator = network.get().evaluator(x, y, classes);
    return model -> {
      Dl4jEvaluator.Result r = evaluator.evaluate(model);
      Map<String, Double> m = new LinkedHashMap<>();
      m.put(AuditEvents.METRIC_TEST_ACCURACY, r.accuracy());
      m.put(AuditEvents.METRIC_TEST_LOSS, r.loss());
      return m;
    };
  }

  /** A trainer of this model over a client's local data (the network is handed to it: call once). */
  public LocalTrainer trainer(Dataset data, long seed) {
    if (network.isEmpty()) {
      return new SoftmaxRegression(data.features(), data.labels(), data.classes(), seed);
    }
    return network.get().trainer(data.features(), data.labels(), data.classes(), seed);
  }
}
