package dev.rampart.client.dl4j;

import dev.rampart.client.LocalTrainer;
import dev.rampart.client.LocalUpdate;
import dev.rampart.client.ShardGradients;
import dev.rampart.client.dl4j.internal.LocalData;
import dev.rampart.client.dl4j.internal.Network;
import dev.rampart.client.dl4j.internal.TrainingParameters;
import dev.rampart.protocol.DataShard;
import dev.rampart.protocol.ModelLayout;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Any initialized Deeplearning4j {@link MultiLayerNetwork} or single-input, single-output
 * {@link ComputationGraph}, with the client's data, as a {@link LocalTrainer} and
 * {@link ShardGradients}.
 *
 * <p><b>Model vector.</b> The global model is the network's flattened parameter view
 * ({@code params()}), in DL4J's order, of {@link #parameterCount()} floats. Each round the received
 * model is copied into the network ({@code setParams}) before anything else; a model whose length
 * differs from {@code numParams()} is refused with both counts in the message. Only that count is
 * checked: a model from a network of another architecture with the same parameter count is
 * accepted here; the layer-by-layer check is the client's, against the layout the job's plans
 * carry ({@link #modelLayout()}).
 *
 * <p><b>Plan parameters</b>, read like {@code SoftmaxRegression} reads them:
 * <ul>
 *   <li>{@code local_epochs} (count ≥ 0, default 1). With 0 (FedSGD) the update is the gradient of
 *       the mean loss over the <em>whole</em> local data at the received model, as
 *       {@code SoftmaxRegression} does: DL4J's gradient from {@code computeGradientAndScore}, which
 *       is summed over the batch, divided by the sample count (what DL4J's updater does under its
 *       default {@code miniBatch(true)}). In-memory data is one batch; an iterator's batches are
 *       summed, which gives the same full-batch gradient for layers without batch statistics.
 *       No parameter moves and no random number is drawn.
 *   <li>With E ≥ 1 (FedAvg) the network runs E passes with its own updater ({@code fit} per batch)
 *       and the update is {@code w_start − w_end}.
 *   <li>{@code batch_size} (count ≥ 1, default 16): the mini-batch size for in-memory data, which
 *       is reshuffled every epoch with the seed given at construction. A caller's
 *       {@link DataSetIterator} keeps its own batch size and order, and is reset before each pass.
 *   <li>{@code learning_rate} (&gt; 0): when present it is set on every layer
 *       ({@code setLearningRate}, replacing any schedule, and kept for later rounds); when absent
 *       the network's configured updater and rate are used.
 * </ul>
 * The reported loss is the sample-weighted mean DL4J score (loss plus any regularization term) of
 * the local data at the received model, in inference mode.
 *
 * <p><b>Updater state is reset every round</b> to what it was when this trainer was created (Adam
 * or RMSProp moments, and the iteration and epoch counters that bias correction and learning-rate
 * schedules read). Each round starts from a new global model, so moments gathered along last
 * round's local trajectory describe a point that no longer exists; resetting them also makes a
 * round's update a function of the global model, the data and the seeds only, independent of
 * which earlier rounds this client took part in, so a run replays bit for bit. Schedules
 * therefore restart each round.
 *
 * <p><b>Non-trainable state.</b> In DL4J 1.0.0-M2.1 a {@code BatchNormalization} layer keeps its
 * running statistics in {@code params()}: 4 × channels values, gamma, beta, the running mean and
 * (by default) the running log10 standard deviation ({@code "var"} instead with
 * {@code useLogStd(false)}), changed during {@code fit} by a no-op updater rather than by a
 * gradient step. They are part of the model vector, so with local epochs they are aggregated
 * with the weights like every other coordinate (FedAvg of the running statistics) and nothing is
 * kept locally across rounds; keeping them local (FedBN) would need a split of the vector the
 * protocol does not have. Their FedSGD entries are DL4J's bookkeeping, not gradients: train
 * batch-normalized networks with {@code local_epochs} ≥ 1.
 *
 * <p><b>Determinism.</b> Given the same received model, plan, data and shuffle seed the update is
 * the same, provided the network draws no random numbers while training: dropout and weight noise
 * draw from ND4J's process-wide generator (seed it with {@code Nd4j.getRandom().setSeed}).
 * In-memory data is shuffled with the seed given at construction; a caller's iterator decides
 * its own order, so seed its shuffling too. The initial parameters follow the configuration's
 * {@code seed}.
 *
 * <p>Not thread-safe: the trainer owns the network and mutates it on every call; one instance per
 * client, called from the client's thread. In-memory data is copied in.
 */
public final class Dl4jTrainer implements LocalTrainer, ShardGradients {
  private final Network network;
  private final LocalData data;
  private final long[] sampleShape;
  private final INDArray initialUpdaterState;
  private final int parameterCount;
  private final ModelLayout layout;

  private Dl4jTrainer(Network network, LocalData data, long[] sampleShape) {
    long count = network.parameterCount();
    if (count > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("the network has " + count + " parameters, more than a Java array holds");
    }
    this.network = network;
    this.data = data;
    this.sampleShape = sampleShape.clone();
    this.parameterCount = (int) count;
    this.layout = network.layout();
    INDArray state = network.updaterState();
    this.initialUpdaterState = state == null ? null : state.dup();
  }

  /**
   * A trainer over {@code network} and a caller's iterator (which must support {@code reset()}).
   *
   * @param network an initialized network; the trainer takes it over
   * @param data the client's batches; features shaped as the network expects, labels one-hot
   */
  public static Dl4jTrainer of(MultiLayerNetwork network, DataSetIterator data) {
    return builder(network).data(data).build();
  }

  /** As {@link #of(MultiLayerNetwork, DataSetIterator)} for a single-input, single-output graph. */
  public static Dl4jTrainer of(ComputationGraph graph, DataSetIterator data) {
    return builder(graph).data(data).build();
  }

  /**
   * A trainer over {@code network} and in-memory samples, each row fed to the network as a flat
   * feature vector (use {@link #builder(MultiLayerNetwork)} with {@code sampleShape} otherwise).
   *
   * @param x one row of features per sample, all of the same length, at least one sample
   * @param labels class index per sample, in [0, classes)
   * @param classes number of classes (the network's output size), at least 2
   * @param seed seed of the per-epoch mini-batch shuffling
   */
  public static Dl4jTrainer of(MultiLayerNetwork network, float[][] x, int[] labels, int classes, long seed) {
    return builder(network).data(x, labels, classes, seed).build();
  }

  /** As {@link #of(MultiLayerNetwork, float[][], int[], int, long)} for a graph. */
  public static Dl4jTrainer of(ComputationGraph graph, float[][] x, int[] labels, int classes, long seed) {
    return builder(graph).data(x, labels, classes, seed).build();
  }

  /** A builder over an initialized network. */
  public static Builder builder(MultiLayerNetwork network) {
    return new Builder(Network.of(Objects.requireNonNull(network, "network")));
  }

  /** A builder over an initialized single-input, single-output graph. */
  public static Builder builder(ComputationGraph graph) {
    return new Builder(Network.of(Objects.requireNonNull(graph, "graph")));
  }

  /** The model dimension: the network's {@code numParams()}. */
  public int parameterCount() {
    return parameterCount;
  }

  /**
   * The network's layout: its layers' names, types, activations and parameter shapes in the order
   * of the model vector, and the digest of its configuration. The client compares it with the
   * layout of the job's plans and refuses to take part when a layer differs.
   */
  @Override
  public Optional<ModelLayout> modelLayout() {
    return Optional.of(layout);
  }

  /** A copy of the network's current flattened parameters, e.g. as the job's initial model. */
  public float[] parameters() {
    return network.parameters();
  }

  @Override
  public LocalUpdate train(float[] globalModel, Map<String, String> parameters, long round) {
    TrainingParameters plan = TrainingParameters.from(parameters);
    load(globalModel);
    if (plan.localEpochs() == 0) {
      return meanGradient(data.wholeData());
    }
    plan.learningRate().ifPresent(network::setLearningRate);
    List<DataSet> whole = data.wholeData();
    float loss = meanScore(whole);
    int samples = sampleCount(whole);
    float[] start = globalModel.clone();
    for (int e = 0; e < plan.localEpochs(); e++) {
      for (DataSet batch : data.shuffledBatches(plan.batchSize())) {
        network.fit(batch);
      }
    }
    float[] end = network.parameters();
    for (int i = 0; i < start.length; i++) {
      start[i] -= end[i];
    }
    return new LocalUpdate(start, samples, loss);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The shard's rows are shaped with the builder's {@code sampleShape} and its labels one-hot
   * encoded with {@code shard.classes()}; the gradient is DL4J's, over the whole shard as one batch.
   *
   * @throws IllegalArgumentException when the model length differs from {@code numParams()} or
   *     the shard does not fit the network (the message names the shard)
   */
  @Override
  public LocalUpdate shardGradient(float[] model, DataShard shard, Map<String, String> parameters) {
    load(model);
    DataSet set;
    try {
      set = LocalData.toDataSet(shard.features(), shard.labels(), shard.classes(), sampleShape);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("shard " + shard.shardId() + " does not fit: " + e.getMessage(), e);
    }
    try {
      return meanGradient(List.of(set));
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("shard " + shard.shardId() + " with " + shard.featureCount()
          + " features and " + shard.classes() + " classes does not fit the network: " + e.getMessage(), e);
    }
  }

  private void load(float[] model) {
    Objects.requireNonNull(model, "model");
    if (model.length != parameterCount) {
      throw new IllegalArgumentException("model has " + model.length + " parameters, but the network has "
          + parameterCount + " (numParams)");
    }
    network.setParameters(model);
    if (initialUpdaterState != null) {
      network.updaterState().assign(initialUpdaterState);
    }
    network.setCounters(0, 0);
  }

  private LocalUpdate meanGradient(List<DataSet> batches) {
    double[] sum = new double[parameterCount];
    double[] score = new double[1];
    double scoreSum = 0;
    int samples = 0;
    for (DataSet batch : batches) {
      int n = batch.numExamples();
      float[] g = network.gradient(batch, score);
      for (int i = 0; i < sum.length; i++) {
        sum[i] += (double) n * g[i];
      }
      samples += n;
      scoreSum += n * network.score(batch);
    }
    float[] mean = new float[parameterCount];
    for (int i = 0; i < mean.length; i++) {
      mean[i] = (float) (sum[i] / samples);
    }
    return new LocalUpdate(mean, samples, (float) (scoreSum / samples));
  }

  private float meanScore(List<DataSet> batches) {
    double sum = 0;
    for (DataSet batch : batches) {
      sum += batch.numExamples() * network.score(batch);
    }
    return (float) (sum / sampleCount(batches));
  }

  private static int sampleCount(List<DataSet> batches) {
    return batches.stream().mapToInt(DataSet::numExamples).sum();
  }

  /**
   * Options of a {@link Dl4jTrainer}: its data (required) and the per-sample input shape.
   * Not thread-safe; {@link #build} may be called once.
   */
  public static final class Builder {
    private final Network network;
    private LocalData data;
    private float[][] x;
    private int[] labels;
    private int classes;
    private long seed;
    private long[] sampleShape = new long[0];

    private Builder(Network network) {
      this.network = network;
    }

    /** The client's batches (must support {@code reset()}); replaces in-memory data. */
    public Builder data(DataSetIterator iterator) {
      this.data = LocalData.of(iterator);
      this.x = null;
      return this;
    }

    /**
     * In-memory samples; replaces an iterator. Validated in {@link #build}.
     *
     * @param x one row of features per sample (copied)
     * @param labels class index per sample, in [0, classes) (copied)
     * @param classes number of classes, at least 2
     * @param seed seed of the per-epoch shuffling
     */
    public Builder data(float[][] x, int[] labels, int classes, long seed) {
      this.x = Objects.requireNonNull(x, "x");
      this.labels = Objects.requireNonNull(labels, "labels").clone();
      this.classes = classes;
      this.seed = seed;
      this.data = null;
      return this;
    }

    /**
     * The shape of one sample as the network takes it, e.g. {@code 1, 8, 8} for
     * {@code [channels, height, width]}; rows of in-memory data and of coded-mode shards are
     * reshaped (row-major) to it. Empty (the default): rows are fed flat, which suits dense
     * networks and ones configured with {@code InputType.convolutionalFlat}.
     *
     * @param shape positive dimensions whose product is the feature count
     */
    public Builder sampleShape(long... shape) {
      for (long d : shape) {
        if (d < 1) {
          throw new IllegalArgumentException("sample dimensions must be at least 1, but sampleShape="
              + Arrays.toString(shape));
        }
      }
      this.sampleShape = shape.clone();
      return this;
    }

    /**
     * The trainer.
     *
     * @throws IllegalStateException when no data was given
     * @throws IllegalArgumentException when in-memory data is malformed (the message names it)
     */
    public Dl4jTrainer build() {
      LocalData local = data;
      if (x != null) {
        DataSet set = LocalData.toDataSet(x, labels, classes, sampleShape);
        local = LocalData.inMemory(set.getFeatures(), set.getLabels(), seed);
      }
      if (local == null) {
        throw new IllegalStateException("no data: call data(iterator) or data(x, labels, classes, seed)");
      }
      return new Dl4jTrainer(network, local, sampleShape);
    }
  }
}
