package dev.rampart.client.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

class Dl4jModelsTest {
  @Test
  void lenetHasTheDocumentedLayersAndParameterCount() {
    MultiLayerNetwork lenet = Dl4jModels.named("LeNet", 784, 10, 0, 3);
    // conv 6*25+6, conv 16*6*25+16, dense 400*120+120, 120*84+84, 84*10+10
    assertEquals(156 + 2416 + 48120 + 10164 + 850, lenet.numParams());
    assertEquals(7, lenet.getnLayers());
  }

  @Test
  void theSameSeedGivesTheSameInitialModelAndAnotherSeedAnother() {
    float[] a = Dl4jTrainer.of(Dl4jModels.lenet(10, 5), new float[][] {new float[784]}, new int[] {0}, 10, 1).parameters();
    float[] b = Dl4jTrainer.of(Dl4jModels.lenet(10, 5), new float[][] {new float[784]}, new int[] {0}, 10, 1).parameters();
    float[] c = Dl4jTrainer.of(Dl4jModels.lenet(10, 6), new float[][] {new float[784]}, new int[] {0}, 10, 1).parameters();
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, c));
  }

  @Test
  void mlpAndLogisticHaveTheirDenseCounts() {
    assertEquals(64L * 32 + 32 + 32 * 10 + 10, Dl4jModels.named("mlp", 64, 10, 32, 1).numParams());
    assertEquals(64L * 10 + 10, Dl4jModels.named("logistic", 64, 10, 0, 1).numParams());
  }

  @Test
  void badNamesAndSizesAreRefusedWithTheValue() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> Dl4jModels.named("resnet", 784, 10, 0, 1));
    assertTrue(unknown.getMessage().contains("'resnet'") && unknown.getMessage().contains("lenet"), unknown.getMessage());
    IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
        () -> Dl4jModels.named("lenet", 64, 10, 0, 1));
    assertTrue(size.getMessage().contains("64"), size.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Dl4jModels.logistic(4, 1, 1));
  }

  @Test
  void evaluatorCountsHitsAndLossWithTheTrainersNetwork() {
    int[] labels = new int[60];
    float[][] x = TinyNetworks.blobs(60, 3, labels);
    MultiLayerNetwork net = TinyNetworks.mlp();
    Dl4jTrainer trainer = Dl4jTrainer.of(net, x, labels, TinyNetworks.CLASSES, 1);
    float[] w = trainer.parameters();
    Dl4jEvaluator evaluator = Dl4jEvaluator.of(TinyNetworks.mlp(), x, labels, TinyNetworks.CLASSES);
    Dl4jEvaluator.Result before = evaluator.evaluate(w);
    for (int r = 0; r < 20; r++) {
      float[] update = trainer.train(w, Map.of("local_epochs", "1"), r).vector();
      for (int i = 0; i < w.length; i++) {
        w[i] -= update[i];
      }
    }
    Dl4jEvaluator.Result after = evaluator.evaluate(w);
    assertTrue(after.loss() < before.loss(), before + " -> " + after);
    assertTrue(after.accuracy() > 0.9, String.valueOf(after));
    assertThrows(IllegalArgumentException.class, () -> evaluator.evaluate(new float[3]));
  }
}
