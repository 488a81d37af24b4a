package dev.rampart.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.cli.data.Dataset;
import dev.rampart.cli.data.Datasets;
import dev.rampart.client.LocalTrainer;
import dev.rampart.client.SoftmaxRegression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class ClassifierTest {
  @Test
  void logistic_isTheClientSdksSoftmaxRegression() {
    Dataset[] split = Datasets.digits().trainTestSplit(0.2, 1);
    Classifier c = new Classifier("logistic", 64, 10, 32);
    float[] w = c.initialModel(1);
    assertThat(w).hasSize(SoftmaxRegression.parameterCount(64, 10)).containsOnly(0f);
    float[] update = c.trainer(split[0], 5).train(w, Map.of("learning_rate", "0.5"), 1).vector();
    float[] expected = new SoftmaxRegression(split[0].features(), split[0].labels(), 10, 5)
        .train(w, Map.of("learning_rate", "0.5"), 1).vector();
    assertThat(update).containsExactly(expected);
    for (int i = 0; i < w.length; i++) {
      w[i] -= update[i];
    }
    assertThat(c.scorer(split[1].features(), split[1].labels()).accuracy(w))
        .isEqualTo(SoftmaxRegression.accuracy(w, split[1].features(), split[1].labels(), 10));
  }

  @Test
  void lenet_trainsThroughDl4jAndScoresWithTheSameNetwork() {
    SplittableRandom random = new SplittableRandom(3);
    int n = 40;
    float[][] x = new float[n][784];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      for (int j = 0; j < 784; j++) {
        // class 1 lights the left half of the image, class 0 the right half
        x[i][j] = (float) (((j % 28 < 14) == (y[i] == 1) ? 0.8 : 0.1) + 0.1 * random.nextDouble());
      }
    }
    Dataset data = new Dataset("stripes", x, y, 2);
    Classifier c = new Classifier("lenet", 784, 2, 0);
    float[] w = c.initialModel(7);
    assertThat(w).hasSize(c.dimension()).isEqualTo(c.initialModel(7));
    LocalTrainer trainer = c.trainer(data, 1);
    Classifier.Scorer scorer = c.scorer(x, y);
    for (int r = 0; r < 5; r++) {
      float[] update = trainer.train(w, Map.of("local_epochs", "1", "batch_size", "8", "learning_rate", "0.1"), r)
          .vector();
      for (int i = 0; i < w.length; i++) {
        w[i] -= update[i];
      }
    }
    assertThat(scorer.accuracy(w)).isEqualTo(1.0);
    assertThat(scorer.predict(w, new float[][] {x[0], x[1]})).containsExactly(y[0], y[1]);
  }

  @Test
  void lenet_onOtherThan784Features_isRefusedNamingTheCount() {
    assertThatThrownBy(() -> new Classifier("lenet", 64, 10, 0)).hasMessageContaining("64")
        .hasMessageContaining("fashion-mnist");
    assertThatThrownBy(() -> new Classifier("resnet", 784, 10, 0)).hasMessageContaining("model=resnet");
  }

  @Test
  void aConfigurationFile_trainsTheUsersNetworkAndItsAccuracyRises(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("dense.json");
    Files.writeString(json, new NeuralNetConfiguration.Builder().seed(5).weightInit(WeightInit.XAVIER).list()
        .layer(new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build())
        .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
        .setInputType(InputType.feedForward(64)).build().toJson());
    Dataset[] split = Datasets.digits().trainTestSplit(0.2, 1);
    Classifier c = new Classifier(json.toString(), 64, 10, 0);
    assertThat(c.dimension()).isEqualTo(64 * 16 + 16 + 16 * 10 + 10);
    float[] w = c.initialModel(1);
    assertThat(w).hasSize(c.dimension()).isEqualTo(c.initialModel(2));
    Classifier.Scorer scorer = c.scorer(split[1].features(), split[1].labels());
    double before = scorer.accuracy(w);
    float[] update = c.trainer(split[0], 3).train(w, Map.of("local_epochs", "2", "learning_rate", "0.1"), 1).vector();
    for (int i = 0; i < w.length; i++) {
      w[i] -= update[i];
    }
    assertThat(scorer.accuracy(w)).isGreaterThan(before + 0.3);
  }

  @Test
  void aMissingFile_isRefusedNamingThePath(@TempDir Path dir) {
    Path missing = dir.resolve("absent.zip");
    assertThatThrownBy(() -> new Classifier(missing.toString(), 64, 10, 0)).hasMessageContaining(missing.toString());
  }
}
