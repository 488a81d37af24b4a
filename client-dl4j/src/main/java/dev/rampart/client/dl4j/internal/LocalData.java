package dev.rampart.client.dl4j.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A client's local data as mini-batches: either in memory (shuffled with a seeded permutation per
 * epoch, batch size chosen per round) or a caller's {@link DataSetIterator} (reset before every
 * pass; its own batch size and shuffling).
 *
 * <p>Not thread-safe.
 */
public final class LocalData {
  private final INDArray features;
  private final INDArray labels;
  private final SplittableRandom random;
  private final DataSetIterator iterator;

  private LocalData(INDArray features, INDArray labels, SplittableRandom random, DataSetIterator iterator) {
    this.features = features;
    this.labels = labels;
    this.random = random;
    this.iterator = iterator;
  }

  /** In-memory samples (features already shaped for the network, one-hot labels), seeded shuffling. */
  public static LocalData inMemory(INDArray features, INDArray labels, long seed) {
    return new LocalData(features, labels, new SplittableRandom(seed), null);
  }

  /** A caller's iterator, which must support {@code reset()}. */
  public static LocalData of(DataSetIterator iterator) {
    Objects.requireNonNull(iterator, "iterator");
    if (!iterator.resetSupported()) {
      throw new IllegalArgumentException("the DataSetIterator must support reset(), but "
          + iterator.getClass().getSimpleName() + " does not");
    }
    return new LocalData(null, null, null, iterator);
  }

  /** One epoch's batches in order: shuffled for in-memory data, the iterator's order otherwise. */
  public List<DataSet> shuffledBatches(int batchSize) {
    if (iterator != null) {
      return pass();
    }
    int n = (int) features.size(0);
    int[] order = permutation(n);
    List<DataSet> out = new ArrayList<>();
    for (int start = 0; start < n; start += batchSize) {
      int[] rows = Arrays.copyOfRange(order, start, Math.min(n, start + batchSize));
      out.add(new DataSet(rows(features, rows), rows(labels, rows)));
    }
    return out;
  }

  /**
   * The whole data in deterministic order: one batch in memory, the iterator's batches otherwise.
   * No random numbers are drawn, so FedSGD rounds do not move the shuffling sequence.
   */
  public List<DataSet> wholeData() {
    if (iterator != null) {
      return pass();
    }
    return List.of(new DataSet(features, labels));
  }

  private List<DataSet> pass() {
    iterator.reset();
    List<DataSet> out = new ArrayList<>();
    while (iterator.hasNext()) {
      out.add(iterator.next());
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("the DataSetIterator returned no batches");
    }
    return out;
  }

  private static INDArray rows(INDArray array, int[] rows) {
    long[] shape = array.shape().clone();
    INDArray flat = array.reshape(shape[0], array.length() / shape[0]).getRows(rows);
    shape[0] = rows.length;
    return flat.reshape(shape);
  }

  private int[] permutation(int n) {
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

  /** Turns float rows and class labels into a features array of {@code [n, shape...]} and one-hot labels. */
  public static DataSet toDataSet(float[][] x, int[] labels, int classes, long[] sampleShape) {
    if (x.length == 0 || x.length != labels.length) {
      throw new IllegalArgumentException("need as many labels as samples and at least one sample, but samples="
          + x.length + ", labels=" + labels.length);
    }
    if (classes < 2) {
      throw new IllegalArgumentException("classes must be at least 2, but classes=" + classes);
    }
    float[][] onehot = new float[x.length][classes];
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != x[0].length) {
        throw new IllegalArgumentException("sample " + i + " has " + x[i].length + " features, expected " + x[0].length);
      }
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException("label of sample " + i + " is " + labels[i] + ", outside [0, " + classes + ")");
      }
      onehot[i][labels[i]] = 1f;
    }
    INDArray features = Nd4j.create(x);
    if (sampleShape.length > 0) {
      long product = Arrays.stream(sampleShape).reduce(1, Math::multiplyExact);
      if (product != x[0].length) {
        throw new IllegalArgumentException("samples have " + x[0].length + " features, but the input shape "
            + Arrays.toString(sampleShape) + " holds " + product);
      }
      long[] shape = new long[sampleShape.length + 1];
      shape[0] = x.length;
      System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
      features = features.reshape('c', shape);
    }
    return new DataSet(features, Nd4j.create(onehot));
  }
}
