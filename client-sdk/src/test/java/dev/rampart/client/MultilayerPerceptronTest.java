package dev.rampart.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MultilayerPerceptronTest {
  private static final int P = 4;
  private static final int H = 5;
  private static final int C = 3;

  private static float[][] features(int n) {
    SplittableRandom r = new SplittableRandom(3);
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

  /** Mean cross-entropy in plain double arithmetic, independent of ND4J. */
  private static double loss(float[] w, float[][] x, int[] y) {
    double total = 0;
    int o2 = P * H + H;
    for (int i = 0; i < x.length; i++) {
      double[] h = new double[H];
      for (int k = 0; k < H; k++) {
        double s = w[P * H + k];
        for (int j = 0; j < P; j++) {
          s += x[i][j] * w[j * H + k];
        }
        h[k] = Math.max(0, s);
      }
      double[] z = new double[C];
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < C; c++) {
        z[c] = w[o2 + H * C + c];
        for (int k = 0; k < H; k++) {
          z[c] += h[k] * w[o2 + k * C + c];
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
    float[][] x = features(40);
    int[] y = labels(x);
    float[] w = MultilayerPerceptron.initialModel(P, H, C, 11);
    MultilayerPerceptron mlp = new MultilayerPerceptron(x, y, H, C, 1);
    float[] g = mlp.train(w.clone(), Map.of("local_epochs", "0"), 1).vector();
    for (int j : new int[] {0, 7, P * H + 2, P * H + H + 4, g.length - 1}) {
      float[] plus = w.clone();
      float[] minus = w.clone();
      plus[j] += 1e-3f;
      minus[j] -= 1e-3f;
      double numeric = (loss(plus, x, y) - loss(minus, x, y)) / 2e-3;
      assertThat((double) g[j]).as("coordinate %d", j).isCloseTo(numeric, within(2e-3));
    }
  }

  @Test
  void train_severalRounds_lowersLossAndLearnsTheRule() {
    float[][] x = features(300);
    int[] y = labels(x);
    float[] w = MultilayerPerceptron.initialModel(P, H, C, 5);
    MultilayerPerceptron mlp = new MultilayerPerceptron(x, y, H, C, 2);
    double before = loss(w, x, y);
    for (int round = 0; round < 20; round++) {
      float[] delta = mlp.train(w.clone(), Map.of("learning_rate", "0.3", "local_epochs", "1", "batch_size", "32"), round).vector();
      for (int j = 0; j < w.length; j++) {
        w[j] -= delta[j];
      }
    }
    assertThat(loss(w, x, y)).isLessThan(before * 0.5);
    int[] p = MultilayerPerceptron.predict(w, x, H, C);
    int hits = 0;
    for (int i = 0; i < y.length; i++) {
      hits += p[i] == y[i] ? 1 : 0;
    }
    assertThat(hits / (double) y.length).isGreaterThan(0.85);
  }

  @Test
  void parameterCount_layout_isWeightsAndBiasesOfBothLayers() {
    // 784·32 + 32 + 32·10 + 10
    assertThat(MultilayerPerceptron.parameterCount(784, 32, 10)).isEqualTo(25_450);
  }

  @Test
  void train_wrongModelSize_throwsNamingSizes() {
    MultilayerPerceptron mlp = new MultilayerPerceptron(features(3), new int[] {0, 1, 2}, H, C, 1);
    assertThatThrownBy(() -> mlp.train(new float[3], Map.of(), 1)).hasMessageContaining("3 parameters");
  }
}
