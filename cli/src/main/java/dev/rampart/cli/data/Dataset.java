package dev.rampart.cli.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A labelled data set held in memory: one row of features per sample and a class index. Immutable;
 * arrays are copied in and out.
 *
 * @param name short name for logs and summaries
 * @param classes number of classes
 */
public record Dataset(String name, float[][] features, int[] labels, int classes) {
  /** Copies the arrays and checks their shapes. */
  public Dataset {
    Objects.requireNonNull(name, "name");
    if (features.length != labels.length || features.length == 0) {
      throw new IllegalArgumentException("dataset " + name + " needs as many labels as samples (>0), but samples="
          + features.length + ", labels=" + labels.length);
    }
    features = deepCopy(features);
    labels = labels.clone();
  }

  @Override
  public float[][] features() {
    return deepCopy(features);
  }

  @Override
  public int[] labels() {
    return labels.clone();
  }

  /** Number of samples. */
  public int size() {
    return labels.length;
  }

  /** Number of features per sample. */
  public int featureCount() {
    return features[0].length;
  }

  /** The samples at the given indices, in that order. */
  public Dataset subset(int[] indices, String subsetName) {
    float[][] x = new float[indices.length][];
    int[] y = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      x[i] = features[indices[i]];
      y[i] = labels[indices[i]];
    }
    return new Dataset(subsetName, x, y, classes);
  }

  /**
   * A seeded shuffle split into a training part and a held-out test part.
   *
   * @param testFraction share of samples held out, in (0, 1)
   */
  public Dataset[] trainTestSplit(double testFraction, long seed) {
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("testFraction must be in (0, 1), but testFraction=" + testFraction);
    }
    int[] order = permutation(size(), seed);
    int test = (int) Math.round(size() * testFraction);
    return new Dataset[] {
        subset(Arrays.copyOfRange(order, test, size()), name + "-train"),
        subset(Arrays.copyOfRange(order, 0, test), name + "-test")};
  }

  /** A seeded IID split into {@code parts} near-equal shards (sizes differ by at most one). */
  public Dataset[] iidSplit(int parts, long seed) {
    if (parts < 1 || parts > size()) {
      throw new IllegalArgumentException("parts must be in [1, " + size() + "], but parts=" + parts);
    }
    int[] order = permutation(size(), seed);
    Dataset[] out = new Dataset[parts];
    for (int p = 0; p < parts; p++) {
      int from = (int) ((long) size() * p / parts);
      int to = (int) ((long) size() * (p + 1) / parts);
      out[p] = subset(Arrays.copyOfRange(order, from, to), name + "-part" + p);
    }
    return out;
  }

  static int[] permutation(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  private static float[][] deepCopy(float[][] rows) {
    float[][] out = new float[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = rows[i].clone();
    }
    return out;
  }
}
