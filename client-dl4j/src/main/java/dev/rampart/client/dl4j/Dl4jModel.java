package dev.rampart.client.dl4j;

import dev.rampart.client.dl4j.internal.Network;
import dev.rampart.protocol.ModelLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A Deeplearning4j network as a job's model, by name or from a file, for code that should not
 * depend on Deeplearning4j itself (the deployed coordinator and client, the export command):
 * its {@linkplain #layout() layout} and {@linkplain #parameters() parameters}, a
 * {@linkplain #trainer trainer} and an {@linkplain #evaluator evaluator} over it, and
 * {@linkplain #save export} of any model vector to a file {@code ModelSerializer} restores.
 *
 * <p>Where a network comes from ({@link #load}):
 * <ul>
 *   <li>a name of {@link Dl4jModels#NAMES}: the built-in network, its parameters drawn from the seed;
 *   <li>a path ending in {@code .zip}: a model file written by {@code ModelSerializer.writeModel}
 *       (a {@code MultiLayerNetwork} or a {@code ComputationGraph}), with its parameters;
 *   <li>a path ending in {@code .json}: a configuration ({@code toJson()} of either kind),
 *       initialized with the configuration's own seed.
 * </ul>
 *
 * <p>Not thread-safe: it owns one network, which {@link #trainer} hands to the trainer; the
 * evaluator and export work on copies.
 */
public final class Dl4jModel {
  private final MultiLayerNetwork sequential;
  private final ComputationGraph graph;
  private final String source;

  private Dl4jModel(MultiLayerNetwork sequential, ComputationGraph graph, String source) {
    this.sequential = sequential;
    this.graph = graph;
    this.source = source;
  }

  /** An initialized sequential network. */
  public static Dl4jModel of(MultiLayerNetwork network) {
    return new Dl4jModel(Objects.requireNonNull(network, "network"), null, "a MultiLayerNetwork");
  }

  /** An initialized single-input, single-output graph. */
  public static Dl4jModel of(ComputationGraph graph) {
    return new Dl4jModel(null, Objects.requireNonNull(graph, "graph"), "a ComputationGraph");
  }

  /** True when {@code spec} names a built-in network rather than a file. */
  public static boolean isBuiltIn(String spec) {
    return Dl4jModels.NAMES.contains(spec.toLowerCase(Locale.ROOT));
  }

  /**
   * The network {@code spec} names.
   *
   * @param spec a built-in name, or a path to a {@code .zip} model file or a {@code .json} configuration
   * @param features the feature count of one sample (for built-in networks)
   * @param classes the number of classes (for built-in networks)
   * @param hidden the hidden width of {@code mlp}
   * @param seed the seed of a built-in network's initial parameters
   * @throws IllegalArgumentException naming the spec when it is neither a name nor a readable
   *     model or configuration file
   */
  public static Dl4jModel load(String spec, int features, int classes, int hidden, long seed) {
    Objects.requireNonNull(spec, "spec");
    if (isBuiltIn(spec)) {
      return new Dl4jModel(Dl4jModels.named(spec, features, classes, hidden, seed), null, "built-in " + spec);
    }
    Path file = Path.of(spec);
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!name.endsWith(".zip") && !name.endsWith(".json")) {
      throw new IllegalArgumentException("model '" + spec + "' is neither one of " + Dl4jModels.NAMES
          + " nor a path ending in .zip (a ModelSerializer model file) or .json (a network configuration)");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("model file " + file + " does not exist");
    }
    try {
      return name.endsWith(".zip") ? fromModelFile(file) : fromConfiguration(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model file " + file, e);
    } catch (RuntimeException e) {
      if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().contains(file.toString())) {
        throw e;
      }
      throw new IllegalArgumentException("model file " + file + " is not a Deeplearning4j " + (name.endsWith(".zip")
          ? "model file" : "network configuration") + ": " + e.getMessage(), e);
    }
  }

  private static Dl4jModel fromModelFile(Path file) throws IOException {
    String json;
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry entry = zip.getEntry("configuration.json");
      if (entry == null) {
        throw new IllegalArgumentException("model file " + file + " has no configuration.json entry; write it with"
            + " ModelSerializer.writeModel");
      }
      try (InputStream in = zip.getInputStream(entry)) {
        json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    if (isGraph(json)) {
      return new Dl4jModel(null, ModelSerializer.restoreComputationGraph(file.toFile(), false), file.toString());
    }
    return new Dl4jModel(ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false), null, file.toString());
  }

  private static Dl4jModel fromConfiguration(Path file) throws IOException {
    String json = Files.readString(file, StandardCharsets.UTF_8);
    if (isGraph(json)) {
      ComputationGraph g = new ComputationGraph(ComputationGraphConfiguration.fromJson(json));
      g.init();
      return new Dl4jModel(null, g, file.toString());
    }
    MultiLayerNetwork n = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(json));
    n.init();
    return new Dl4jModel(n, null, file.toString());
  }

  /** A graph configuration names its vertices; a sequential one lists its layer configurations. */
  private static boolean isGraph(String json) {
    return json.contains("\"vertices\"") && !json.contains("\"confs\"");
  }

  /** Where the network came from, for messages. */
  public String source() {
    return source;
  }

  /** The layout of the model vector. */
  public ModelLayout layout() {
    return network().layout();
  }

  /** Parameter count, {@code numParams()}. */
  public int parameterCount() {
    return Math.toIntExact(network().parameterCount());
  }

  /** A copy of the network's current parameters: the job's initial model. */
  public float[] parameters() {
    return network().parameters();
  }

  /** The network's configuration JSON. */
  public String configurationJson() {
    return sequential != null ? sequential.getLayerWiseConfigurations().toJson() : graph.getConfiguration().toJson();
  }

  /**
   * A trainer over this network and in-memory samples fed as flat rows; the trainer takes the
   * network over (call once).
   */
  public Dl4jTrainer trainer(float[][] x, int[] labels, int classes, long seed) {
    Dl4jTrainer.Builder b = sequential != null ? Dl4jTrainer.builder(sequential) : Dl4jTrainer.builder(graph);
    return b.data(x, labels, classes, seed).build();
  }

  /** An evaluator over a copy of this network and in-memory test samples fed as flat rows. */
  public Dl4jEvaluator evaluator(float[][] x, int[] labels, int classes) {
    return sequential != null ? Dl4jEvaluator.of(sequential.clone(), x, labels, classes)
        : Dl4jEvaluator.of(graph.clone(), x, labels, classes);
  }

  /**
   * Writes a copy of this network holding {@code parameters} to {@code file} with
   * {@code ModelSerializer.writeModel} (without updater state), so that
   * {@code ModelSerializer.restoreMultiLayerNetwork} (or {@code restoreComputationGraph}) loads it.
   *
   * @throws IllegalArgumentException when the vector's length differs from the parameter count
   */
  public void save(float[] parameters, Path file) {
    Model copy = sequential != null ? sequential.clone() : graph.clone();
    Network wrapped = copy instanceof MultiLayerNetwork m ? Network.of(m) : Network.of((ComputationGraph) copy);
    if (parameters.length != wrapped.parameterCount()) {
      throw new IllegalArgumentException("model has " + parameters.length + " parameters, but " + source + " has "
          + wrapped.parameterCount());
    }
    wrapped.setParameters(parameters);
    try {
      ModelSerializer.writeModel(copy, file.toFile(), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write model file " + file, e);
    }
  }

  private Network network() {
    return sequential != null ? Network.of(sequential) : Network.of(graph);
  }
}
