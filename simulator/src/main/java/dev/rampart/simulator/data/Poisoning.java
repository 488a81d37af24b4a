package dev.rampart.simulator.data;

import dev.rampart.cli.data.Dataset;
import java.util.function.Function;

/**
 * Data-level attacks on an attacker's own training data, and the backdoor's success metric.
 *
 * <ul>
 *   <li>Label flipping: every label y becomes {@code (classes − 1) − y} (9 − y for ten classes).
 *   <li>Pixel-pattern backdoor (BadNets, Gu et al. 2017): the trigger sets a k × k square in the
 *       bottom-right corner of the square image to the maximum intensity 1, with k = max(2,
 *       side / 8) (2 for 8 × 8 digits, 3 for 28 × 28 Fashion-MNIST). The poisoned set is the
 *       clean data plus a triggered copy of every sample relabelled {@code target}.
 *   <li>Attack success rate: among test samples whose true label is not {@code target}, the share
 *       the model classifies as {@code target} once the trigger is stamped on.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class Poisoning {
  private Poisoning() {}

  /** The data set with every label y replaced by (classes − 1) − y. */
  public static Dataset flipLabels(Dataset data) {
    int[] y = data.labels();
    for (int i = 0; i < y.length; i++) {
      y[i] = data.classes() - 1 - y[i];
    }
    return new Dataset(data.name() + "-flipped", data.features(), y, data.classes());
  }

  /** A copy of {@code pixels} (a square image, row-major) with the trigger stamped on. */
  public static float[] stamp(float[] pixels) {
    int side = (int) Math.round(Math.sqrt(pixels.length));
    if (side * side != pixels.length) {
      throw new IllegalArgumentException("the trigger needs a square image, but the sample has " + pixels.length + " pixels");
    }
    int k = Math.max(2, side / 8);
    float[] out = pixels.clone();
    for (int r = side - k; r < side; r++) {
      for (int c = side - k; c < side; c++) {
        out[r * side + c] = 1f;
      }
    }
    return out;
  }

  /** Clean data plus a triggered copy of every sample labelled {@code target}. */
  public static Dataset backdoor(Dataset data, int target) {
    requireClass(target, data.classes());
    float[][] x = data.features();
    int[] y = data.labels();
    float[][] px = new float[2 * x.length][];
    int[] py = new int[2 * x.length];
    for (int i = 0; i < x.length; i++) {
      px[i] = x[i];
      py[i] = y[i];
      px[x.length + i] = stamp(x[i]);
      py[x.length + i] = target;
    }
    return new Dataset(data.name() + "-backdoor", px, py, data.classes());
  }

  /**
   * Share of triggered non-target test samples classified as {@code target}; NaN when every test
   * sample already has the target label.
   *
   * @param predict arg-max classes of the rows given
   */
  public static double attackSuccessRate(Dataset test, int target, Function<float[][], int[]> predict) {
    requireClass(target, test.classes());
    float[][] x = test.features();
    int[] y = test.labels();
    int kept = 0;
    for (int label : y) {
      kept += label == target ? 0 : 1;
    }
    if (kept == 0) {
      return Double.NaN;
    }
    float[][] triggered = new float[kept][];
    int k = 0;
    for (int i = 0; i < x.length; i++) {
      if (y[i] != target) {
        triggered[k++] = stamp(x[i]);
      }
    }
    int[] predicted = predict.apply(triggered);
    int hits = 0;
    for (int p : predicted) {
      hits += p == target ? 1 : 0;
    }
    return (double) hits / kept;
  }

  private static void requireClass(int target, int classes) {
    if (target < 0 || target >= classes) {
      throw new IllegalArgumentException("target label must be in [0, " + classes + "), but target=" + target);
    }
  }
}
