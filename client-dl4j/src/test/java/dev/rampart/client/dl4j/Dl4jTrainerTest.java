package dev.rampart.client.dl4j;

import static dev.rampart.client.dl4j.TinyNetworks.CLASSES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rampart.client.LocalTrainer;
import dev.rampart.client.LocalUpdate;
import dev.rampart.protocol.DataShard;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class Dl4jTrainerTest {
  /** float32 arithmetic in a different order (per-batch sums) agrees to this absolute tolerance. */
  private static final float TOLERANCE = 1e-5f;
  private static final Map<String, String> FEDSGD = Map.of("local_epochs", "0");

  private final int[] labels = new int[60];
  private final float[][] x = TinyNetworks.blobs(60, 3, labels);

  @Test
  void train_localEpochsZero_equalsDl4jGradientOfWholeData() {
    Dl4jTrainer trainer = Dl4jTrainer.of(TinyNetworks.mlp(), x, labels, CLASSES, 1);
    float[] global = TinyNetworks.mlp().params().toFloatVector();

    LocalUpdate update = trainer.train(global.clone(), FEDSGD, 1);

    MultiLayerNetwork reference = TinyNetworks.mlp();
    reference.setParams(Nd4j.createFromArray(global).reshape(1, global.length));
    reference.setInput(Nd4j.create(x));
    reference.setLabels(oneHot(labels, CLASSES));
    reference.computeGradientAndScore();
    assertThat(update.vector()).containsExactly(perSample(reference.gradient().gradient(), 60), within(TOLERANCE));
    assertThat(update.sampleCount()).isEqualTo(60);
    assertThat(update.trainLoss()).isCloseTo((float) reference.score(), within(1e-4f));
  }

  @Test
  void train_localEpochsTwo_equalsStartMinusEndOfSameFitOnACopy() {
    List<DataSet> examples = new DataSet(Nd4j.create(x), oneHot(labels, CLASSES)).asList();
    Dl4jTrainer trainer = Dl4jTrainer.of(TinyNetworks.mlp(), new ListDataSetIterator<>(examples, 16));
    float[] global = TinyNetworks.mlp().params().toFloatVector();
    global[0] += 0.25f;

    LocalUpdate update = trainer.train(global.clone(), Map.of("local_epochs", "2"), 1);

    MultiLayerNetwork copy = TinyNetworks.mlp();
    copy.setParams(Nd4j.createFromArray(global).reshape(1, global.length));
    ListDataSetIterator<DataSet> same = new ListDataSetIterator<>(examples, 16);
    for (int e = 0; e < 2; e++) {
      same.reset();
      while (same.hasNext()) {
        copy.fit(same.next());
      }
    }
    float[] end = copy.params().toFloatVector();
    float[] expected = new float[global.length];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = global[i] - end[i];
    }
    assertThat(update.vector()).containsExactly(expected, within(TOLERANCE));
    assertThat(norm(update.vector())).isGreaterThan(1e-3);
  }

  @Test
  void train_sameModelTwice_sameUpdateBecauseUpdaterStateIsReset() {
    List<DataSet> examples = new DataSet(Nd4j.create(x), oneHot(labels, CLASSES)).asList();
    Dl4jTrainer trainer = Dl4jTrainer.of(TinyNetworks.mlp(), new ListDataSetIterator<>(examples, 16));
    float[] global = trainer.parameters();

    float[] first = trainer.train(global.clone(), Map.of("local_epochs", "1"), 1).vector();
    float[] second = trainer.train(global.clone(), Map.of("local_epochs", "1"), 2).vector();

    assertThat(second).containsExactly(first, within(1e-7f));
  }

  @Test
  void train_inMemoryWithSeed_deterministic() {
    Map<String, String> plan = Map.of("local_epochs", "1", "batch_size", "8", "learning_rate", "0.05");
    float[] global = TinyNetworks.mlp().params().toFloatVector();

    float[] a = Dl4jTrainer.of(TinyNetworks.mlp(), x, labels, CLASSES, 5).train(global.clone(), plan, 1).vector();
    float[] b = Dl4jTrainer.of(TinyNetworks.mlp(), x, labels, CLASSES, 5).train(global.clone(), plan, 1).vector();

    assertThat(b).containsExactly(a, within(0f));
  }

  @Test
  void rounds_tinyMlpWithAveraging_lowerTheLoss() {
    List<LocalTrainer> clients = new ArrayList<>();
    for (int c = 0; c < 3; c++) {
      int[] y = new int[30];
      float[][] xs = TinyNetworks.blobs(30, 100 + c, y);
      clients.add(Dl4jTrainer.of(TinyNetworks.mlp(), xs, y, CLASSES, c));
    }
    float[] model = TinyNetworks.mlp().params().toFloatVector();

    float[] losses = averagingRounds(clients, model, Map.of("local_epochs", "1", "batch_size", "10"), 5);

    assertThat(losses[4]).isLessThan(losses[0] * 0.8f);
  }

  @Test
  void rounds_tinyCnnWithAveraging_lowerTheLoss() {
    List<LocalTrainer> clients = new ArrayList<>();
    for (int c = 0; c < 2; c++) {
      int[] y = new int[24];
      float[][] images = TinyNetworks.images(24, 200 + c, y);
      clients.add(Dl4jTrainer.builder(TinyNetworks.cnn()).data(images, y, 2, c).sampleShape(1, 8, 8).build());
    }
    float[] model = TinyNetworks.cnn().params().toFloatVector();

    float[] losses = averagingRounds(clients, model, Map.of("local_epochs", "1", "batch_size", "8"), 4);

    assertThat(losses[3]).isLessThan(losses[0] * 0.8f);
  }

  @Test
  void rounds_computationGraphWithAveraging_lowerTheLoss() {
    List<LocalTrainer> clients = new ArrayList<>();
    for (int c = 0; c < 3; c++) {
      int[] y = new int[30];
      float[][] xs = TinyNetworks.blobs(30, 300 + c, y);
      clients.add(Dl4jTrainer.of(TinyNetworks.graph(), xs, y, CLASSES, c));
    }
    float[] model = TinyNetworks.graph().params().toFloatVector();

    float[] losses = averagingRounds(clients, model, Map.of("local_epochs", "2", "batch_size", "10"), 5);

    assertThat(losses[4]).isLessThan(losses[0] * 0.8f);
  }

  @Test
  void train_computationGraphLocalEpochsZero_equalsDl4jGradient() {
    Dl4jTrainer trainer = Dl4jTrainer.of(TinyNetworks.graph(), x, labels, CLASSES, 1);
    float[] global = trainer.parameters();

    LocalUpdate update = trainer.train(global.clone(), FEDSGD, 1);

    ComputationGraph reference = TinyNetworks.graph();
    reference.setParams(Nd4j.createFromArray(global).reshape(1, global.length));
    reference.setInputs(Nd4j.create(x));
    reference.setLabels(oneHot(labels, CLASSES));
    reference.computeGradientAndScore();
    assertThat(update.vector()).containsExactly(perSample(reference.gradient().gradient(), 60), within(TOLERANCE));
  }

  @Test
  void shardGradient_sampleWeightedMeanOverShards_equalsWholeDataGradient() {
    Dl4jTrainer trainer = Dl4jTrainer.of(TinyNetworks.mlp(), x, labels, CLASSES, 1);
    float[] global = trainer.parameters();
    int[] bounds = {0, 10, 35, 60};
    double[] mean = new double[global.length];
    for (int k = 0; k < 3; k++) {
      DataShard shard = new DataShard(k, 3, Arrays.copyOfRange(x, bounds[k], bounds[k + 1]),
          Arrays.copyOfRange(labels, bounds[k], bounds[k + 1]), CLASSES);
      LocalUpdate g = trainer.shardGradient(global.clone(), shard, Map.of());
      assertThat(g.sampleCount()).isEqualTo(bounds[k + 1] - bounds[k]);
      float[] v = g.vector();
      for (int i = 0; i < v.length; i++) {
        mean[i] += (double) g.sampleCount() * v[i] / 60;
      }
    }

    float[] whole = trainer.train(global.clone(), FEDSGD, 1).vector();

    float[] weighted = new float[mean.length];
    for (int i = 0; i < mean.length; i++) {
      weighted[i] = (float) mean[i];
    }
    assertThat(weighted).containsExactly(whole, within(TOLERANCE));
  }

  @Test
  void shardGradient_cnnShardShapedWithSampleShape_equalsFedSgdOnSameData() {
    int[] y = new int[20];
    float[][] images = TinyNetworks.images(20, 9, y);
    Dl4jTrainer trainer = Dl4jTrainer.builder(TinyNetworks.cnn()).data(images, y, 2, 1).sampleShape(1, 8, 8).build();
    float[] global = trainer.parameters();

    LocalUpdate shard = trainer.shardGradient(global.clone(), new DataShard(0, 1, images, y, 2), Map.of());

    assertThat(shard.vector()).containsExactly(trainer.train(global.clone(), FEDSGD, 1).vector(), within(TOLERANCE));
    assertThat(shard.sampleCount()).isEqualTo(20);
  }

  @Test
  void build_withoutData_refused() {
    assertThatThrownBy(() -> Dl4jTrainer.builder(TinyNetworks.mlp()).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no data");
  }

  @Test
  void shardGradient_wrongFeatureCount_refusedNamingTheShard() {
    Dl4jTrainer trainer = Dl4jTrainer.of(TinyNetworks.mlp(), x, labels, CLASSES, 1);
    DataShard shard = new DataShard(4, 5, new float[][] {{1, 2}, {3, 4}}, new int[] {0, 1}, CLASSES);

    assertThatThrownBy(() -> trainer.shardGradient(trainer.parameters(), shard, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shard 4");
  }

  @Test
  void train_wrongModelLength_refusedNamingBothCounts() {
    Dl4jTrainer trainer = Dl4jTrainer.of(TinyNetworks.mlp(), x, labels, CLASSES, 1);
    int count = trainer.parameterCount();

    assertThat(count).isEqualTo(4 * 8 + 8 + 8 * 3 + 3);
    assertThatThrownBy(() -> trainer.train(new float[count - 1], FEDSGD, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(String.valueOf(count - 1)).hasMessageContaining(String.valueOf(count));
    assertThatThrownBy(() -> trainer.shardGradient(new float[count + 2], new DataShard(0, 1, x, labels, CLASSES),
        Map.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(String.valueOf(count + 2)).hasMessageContaining(String.valueOf(count));
  }

  @Test
  void parameters_batchNormalization_runningStatisticsAreInTheModelVector() {
    MultiLayerNetwork net = TinyNetworks.withBatchNorm();
    Map<String, INDArray> bn = net.getLayer(1).paramTable();
    assertThat(bn).containsKeys("gamma", "beta", "mean", "log10stdev");
    assertThat(net.getLayer(1).numParams()).isEqualTo(4 * 8);
    Dl4jTrainer trainer = Dl4jTrainer.of(net, x, labels, CLASSES, 1);
    float[] global = trainer.parameters();
    int meanOffset = 4 * 8 + 8 + 2 * 8;

    float[] update = trainer.train(global.clone(), Map.of("local_epochs", "1"), 1).vector();

    float[] meanDelta = Arrays.copyOfRange(update, meanOffset, meanOffset + 8);
    float[] meanEnd = net.getLayer(1).getParam("mean").toFloatVector();
    for (int i = 0; i < 8; i++) {
      assertThat(meanDelta[i]).isCloseTo(global[meanOffset + i] - meanEnd[i], within(1e-6f));
    }
    assertThat(norm(meanDelta)).as("running mean moved by fit, so it travels in the update").isGreaterThan(1e-4);
  }

  @Test
  void train_badPlanParameter_refusedNamingIt() {
    Dl4jTrainer trainer = Dl4jTrainer.of(TinyNetworks.mlp(), x, labels, CLASSES, 1);

    assertThatThrownBy(() -> trainer.train(trainer.parameters(), Map.of("batch_size", "0"), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch_size='0'");
  }

  private static float[] averagingRounds(List<LocalTrainer> clients, float[] model, Map<String, String> plan,
      int rounds) {
    float[] losses = new float[rounds];
    for (int r = 0; r < rounds; r++) {
      double[] sum = new double[model.length];
      double loss = 0;
      for (LocalTrainer client : clients) {
        LocalUpdate u = client.train(model.clone(), plan, r);
        float[] v = u.vector();
        for (int i = 0; i < v.length; i++) {
          sum[i] += v[i];
        }
        loss += u.trainLoss();
      }
      losses[r] = (float) (loss / clients.size());
      for (int i = 0; i < model.length; i++) {
        model[i] -= (float) (sum[i] / clients.size());
      }
    }
    return losses;
  }

  private static INDArray oneHot(int[] labels, int classes) {
    INDArray y = Nd4j.zeros(DataType.FLOAT, labels.length, classes);
    for (int i = 0; i < labels.length; i++) {
      y.putScalar(i, labels[i], 1f);
    }
    return y;
  }

  /** DL4J's batch gradient is summed over the batch; its updater divides by the batch size. */
  private static float[] perSample(INDArray summed, int batchSize) {
    float[] g = summed.toFloatVector();
    for (int i = 0; i < g.length; i++) {
      g[i] /= batchSize;
    }
    return g;
  }

  private static double norm(float[] v) {
    double s = 0;
    for (float f : v) {
      s += (double) f * f;
    }
    return Math.sqrt(s);
  }
}
