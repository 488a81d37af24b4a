package dev.rampart.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SoftmaxRegressionTest {
  private static final int P = 5;
  private static final int C = 3;

  private static float[][] features(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] x = new float[n][P];
    for (float[] row : x) {
      for (int j = 0; j < P; j++) {
        row[j] = (float) r.nextGaussian();
      }
    }
    return x;
  }

  private static int[] labels(float[][] x) {
    int[] y = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i][0] > 0.5 ? 0 : x[i][1] > 0 ? 1 : 2;
    }
    return y;
  }

  /** Mean cross-entropy computed in plain double arithmetic, independent of ND4J. */
  private static double loss(float[] w, float[][] x, int[] y) {
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      double[] z = new double[C];
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < C; c++) {
        z[c] = w[P * C + c];
        for (int j = 0; j < P; j++) {
          z[c] += x[i][j] * w[j * C + c];
        }
        max = Math.max(max, z[c]);
      }
      double sum = 0;
      for (int c = 0; c < C; c++) {
        sum += Math.exp(z[c] - max);
      }
      total += -(z[y[i]] - max - Math.log(sum));
    }
    return total / x.length;
  }

  @Test
  void train_zeroEpochs_returnsGradientMatchingFiniteDifferences() {
    float[][] x = features(40, 1);
    int[] y = labels(x);
    SoftmaxRegression model = new SoftmaxRegression(x, y, C, 7);
    float[] w = new float[SoftmaxRegression.parameterCount(P, C)];
    SplittableRandom r = new SplittableRandom(3);
    for (int k = 0; k < w.length; k++) {
      w[k] = (float) (0.1 * r.nextGaussian());
    }
    LocalUpdate update = model.train(w.clone(), Map.of("local_epochs", "0"), 1);
    float[] g = update.vector();
    for (int k = 0; k < w.length; k++) {
      float[] plus = w.clone();
      float[] minus = w.clone();
      plus[k] += 1e-2f;
      minus[k] -= 1e-2f;
      double numeric = (loss(plus, x, y) - loss(minus, x, y)) / 2e-2;
      assertThat((double) g[k]).as("coordinate %d", k).isCloseTo(numeric, within(2e-3));
    }
    assertThat((double) update.trainLoss()).isCloseTo(loss(w, x, y), within(1e-4));
    assertThat(update.sampleCount()).isEqualTo(40);
  }

  @Test
  void train_localEpochs_returnedStepLowersTheLoss() {
    float[][] x = features(60, 2);
    int[] y = labels(x);
    SoftmaxRegression model = new SoftmaxRegression(x, y, C, 7);
    float[] w = new float[SoftmaxRegression.parameterCount(P, C)];
    float[] delta = model.train(w.clone(), Map.of("local_epochs", "3", "learning_rate", "0.2", "batch_size", "8"), 1).vector();
    float[] next = new float[w.length];
    for (int k = 0; k < w.length; k++) {
      next[k] = w[k] - delta[k];
    }
    assertThat(loss(next, x, y)).isLessThan(loss(w, x, y) - 0.1);
    assertThat(SoftmaxRegression.accuracy(next, x, y, C)).isGreaterThan(0.8);
  }

  @Test
  void train_badParameters_areRejectedNamingThem() {
    SoftmaxRegression model = new SoftmaxRegression(features(4, 3), new int[] {0, 1, 2, 0}, C, 1);
    float[] w = new float[SoftmaxRegression.parameterCount(P, C)];
    assertThatThrownBy(() -> model.train(w, Map.of("learning_rate", "-1"), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learning_rate='-1'");
    assertThatThrownBy(() -> model.train(w, Map.of("batch_size", "0"), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch_size='0'");
    assertThatThrownBy(() -> model.train(new float[3], Map.of(), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 18");
  }

  @Test
  void constructor_labelOutOfRange_isRejectedNamingTheSample() {
    assertThatThrownBy(() -> new SoftmaxRegression(features(2, 4), new int[] {0, 3}, C, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample 1").hasMessageContaining("is 3");
  }

  @Test
  void shardGradient_sameDataAsTrainer_equalsFullBatchGradient() {
    float[][] x = features(40, 21);
    int[] y = labels(x);
    SoftmaxRegression model = new SoftmaxRegression(x, y, C, 5);
    float[] w = new float[SoftmaxRegression.parameterCount(P, C)];
    for (int j = 0; j < w.length; j++) {
      w[j] = 0.01f * (j % 5) - 0.02f;
    }
    LocalUpdate full = model.train(w.clone(), Map.of("local_epochs", "0"), 1);
    LocalUpdate shard = model.shardGradient(w.clone(), new dev.rampart.protocol.DataShard(0, 1, x, y, C), Map.of());
    assertThat(shard.sampleCount()).isEqualTo(40);
    assertThat(shard.trainLoss()).isCloseTo((float) loss(w, x, y), within(1e-4f));
    for (int j = 0; j < w.length; j++) {
      assertThat(shard.vector()[j]).isCloseTo(full.vector()[j], within(1e-6f));
    }
  }

  @Test
  void shardGradient_otherFeatureCount_failsNamingShard() {
    SoftmaxRegression model = new SoftmaxRegression(features(4, 1), labels(features(4, 1)), C, 5);
    dev.rampart.protocol.DataShard narrow = new dev.rampart.protocol.DataShard(3, 4, new float[][] {{1f}}, new int[] {0}, C);
    assertThatThrownBy(() -> model.shardGradient(new float[SoftmaxRegression.parameterCount(P, C)], narrow, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shard 3");
  }
}
