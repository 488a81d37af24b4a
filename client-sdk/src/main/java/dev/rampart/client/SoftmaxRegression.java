package dev.rampart.client;

import dev.rampart.protocol.DataShard;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Multinomial logistic regression trained locally with mini-batch SGD on ND4J.
 *
 * <p>Model layout ({@link #parameterCount(int, int)} = p·c + c floats): the weight matrix W
 * (p features × c classes, row-major) followed by the bias b (c). Prediction is
 * {@code softmax(x·W + b)}; the loss is the mean cross-entropy.
 *
 * <p>{@link #train} runs {@code local_epochs} passes of mini-batch SGD over the client's data with
 * step {@code learning_rate} and batch size {@code batch_size} (plan parameters; defaults
 * {@value #DEFAULT_EPOCHS}, {@value #DEFAULT_LEARNING_RATE}, {@value #DEFAULT_BATCH_SIZE}) and
 * returns {@code w_start − w_end}: with server step η = 1 and a plain mean this is FedAvg. With
 * {@code local_epochs=0} it returns the full-batch gradient at {@code w_start} instead.
 *
 * <p>In coded mode {@link #shardGradient} returns the full-batch gradient of the mean
 * cross-entropy on an allocated shard at the given model (the shard must have the same features
 * and classes).
 *
 * <p>Not thread-safe; one instance per client. The data arrays are copied in.
 */
public final class SoftmaxRegression implements LocalTrainer, ShardGradients {
  /** Default number of local passes over the data per round. */
  public static final int DEFAULT_EPOCHS = 1;
  /** Default local SGD step size. */
  public static final double DEFAULT_LEARNING_RATE = 0.1;
  /** Default mini-batch size. */
  public static final int DEFAULT_BATCH_SIZE = 16;

  private final int features;
  private final int classes;
  private final INDArray x;
  private final INDArray y;
  private final int samples;
  private final SplittableRandom random;

  /**
   * @param x one row of {@code features} values per sample
   * @param labels class index per sample, in [0, classes)
   * @param classes number of classes, at least 2
   * @param seed seed of the mini-batch shuffling
   */
  public SoftmaxRegression(float[][] x, int[] labels, int classes, long seed) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(labels, "labels");
    if (x.length == 0 || x.length != labels.length) {
      throw new IllegalArgumentException("need as many labels as samples and at least one sample, but samples="
          + x.length + ", labels=" + labels.length);
    }
    if (classes < 2) {
      throw new IllegalArgumentException("classes must be at least 2, but classes=" + classes);
    }
    this.samples = x.length;
    this.features = x[0].length;
    this.classes = classes;
    float[][] onehot = new float[samples][classes];
    for (int i = 0; i < samples; i++) {
      if (x[i].length != features) {
        throw new IllegalArgumentException("sample " + i + " has " + x[i].length + " features, expected " + features);
      }
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException("label of sample " + i + " is " + labels[i] + ", outside [0, " + classes + ")");
      }
      onehot[i][labels[i]] = 1f;
    }
    this.x = Nd4j.create(x);
    this.y = Nd4j.create(onehot);
    this.random = new SplittableRandom(seed);
  }

  /** Number of model parameters for {@code features} inputs and {@code classes} outputs. */
  public static int parameterCount(int features, int classes) {
    return Math.addExact(Math.multiplyExact(features, classes), classes);
  }

  /** Number of local samples. */
  public int sampleCount() {
    return samples;
  }

  @Override
  public LocalUpdate train(float[] globalModel, Map<String, String> parameters, long round) {
    int expected = parameterCount(features, classes);
    if (globalModel.length != expected) {
      throw new IllegalArgumentException("model has " + globalModel.length + " parameters, expected " + expected);
    }
    int epochs = intParameter(parameters, "local_epochs", DEFAULT_EPOCHS);
    double lr = doubleParameter(parameters, "learning_rate", DEFAULT_LEARNING_RATE);
    int batch = intParameter(parameters, "batch_size", DEFAULT_BATCH_SIZE);
    INDArray w = weights(globalModel);
    INDArray b = bias(globalModel);
    float lossBefore = (float) loss(x, y, w, b);
    if (epochs == 0) {
      INDArray[] g = gradient(x, y, w, b);
      return new LocalUpdate(flatten(g[0], g[1]), samples, lossBefore);
    }
    INDArray w0 = w.dup();
    INDArray b0 = b.dup();
    for (int e = 0; e < epochs; e++) {
      int[] order = permutation();
      for (int start = 0; start < samples; start += batch) {
        int end = Math.min(samples, start + batch);
        int[] rows = Arrays.copyOfRange(order, start, end);
        INDArray[] g = gradient(x.getRows(rows), y.getRows(rows), w, b);
        w.subi(g[0].muli(lr));
        b.subi(g[1].muli(lr));
      }
    }
    return new LocalUpdate(flatten(w0.subi(w), b0.subi(b)), samples, lossBefore);
  }

  @Override
  public LocalUpdate shardGradient(float[] model, DataShard shard, Map<String, String> parameters) {
    if (shard.featureCount() != features || shard.classes() != classes) {
      throw new IllegalArgumentException("shard " + shard.shardId() + " has " + shard.featureCount() + " features and "
          + shard.classes() + " classes, but this model expects " + features + " and " + classes);
    }
    int expected = parameterCount(features, classes);
    if (model.length != expected) {
      throw new IllegalArgumentException("model has " + model.length + " parameters, expected " + expected);
    }
    float[][] rows = shard.features();
    int[] labels = shard.labels();
    float[][] onehot = new float[labels.length][classes];
    for (int i = 0; i < labels.length; i++) {
      onehot[i][labels[i]] = 1f;
    }
    INDArray xs = Nd4j.create(rows);
    INDArray ys = Nd4j.create(onehot);
    INDArray w = weights(model);
    INDArray b = bias(model);
    float loss = (float) loss(xs, ys, w, b);
    INDArray[] g = gradient(xs, ys, w, b);
    return new LocalUpdate(flatten(g[0], g[1]), labels.length, loss);
  }

  /** Fraction of samples whose arg-max prediction equals the label. */
  public static double accuracy(float[] model, float[][] x, int[] labels, int classes) {
    int p = x[0].length;
    if (model.length != parameterCount(p, classes)) {
      throw new IllegalArgumentException("model has " + model.length + " parameters, expected " + parameterCount(p, classes));
    }
    int correct = 0;
    for (int i = 0; i < x.length; i++) {
      int best = 0;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        double s = model[p * classes + c];
        for (int j = 0; j < p; j++) {
          s += (double) x[i][j] * model[j * classes + c];
        }
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      correct += best == labels[i] ? 1 : 0;
    }
    return (double) correct / x.length;
  }

  private INDArray[] gradient(INDArray xb, INDArray yb, INDArray w, INDArray b) {
    INDArray g = probabilities(xb, w, b).subi(yb).divi(xb.rows());
    return new INDArray[] {xb.transpose().mmul(g), g.sum(0)};
  }

  private static INDArray probabilities(INDArray xb, INDArray w, INDArray b) {
    INDArray z = xb.mmul(w).addiRowVector(b);
    z.subiColumnVector(z.max(1).reshape(z.rows(), 1));
    INDArray e = Transforms.exp(z, false);
    return e.diviColumnVector(e.sum(1).reshape(e.rows(), 1));
  }

  private static double loss(INDArray xb, INDArray yb, INDArray w, INDArray b) {
    INDArray p = probabilities(xb, w, b);
    INDArray logp = Transforms.log(Transforms.max(p, 1e-12, false), false);
    return -logp.muli(yb).sumNumber().doubleValue() / xb.rows();
  }

  private INDArray weights(float[] model) {
    float[] w = new float[features * classes];
    System.arraycopy(model, 0, w, 0, w.length);
    return Nd4j.create(w, new long[] {features, classes}, 'c');
  }

  private INDArray bias(float[] model) {
    float[] b = new float[classes];
    System.arraycopy(model, features * classes, b, 0, classes);
    return Nd4j.create(b, new long[] {1, classes}, 'c');
  }

  private float[] flatten(INDArray w, INDArray b) {
    float[] out = new float[parameterCount(features, classes)];
    float[] wf = w.dup('c').castTo(DataType.FLOAT).data().asFloat();
    float[] bf = b.dup('c').castTo(DataType.FLOAT).data().asFloat();
    System.arraycopy(wf, 0, out, 0, wf.length);
    System.arraycopy(bf, 0, out, wf.length, bf.length);
    return out;
  }

  private int[] permutation() {
    int[] order = new int[samples];
    for (int i = 0; i < samples; i++) {
      order[i] = i;
    }
    for (int i = samples - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  private static int intParameter(Map<String, String> parameters, String key, int fallback) {
    String v = parameters.get(key);
    try {
      int value = v == null ? fallback : Integer.parseInt(v.trim());
      if (value < 0 || (value == 0 && key.equals("batch_size"))) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("training parameter " + key + "='" + v + "' is not a valid count");
    }
  }

  private static double doubleParameter(Map<String, String> parameters, String key, double fallback) {
    String v = parameters.get(key);
    try {
      double value = v == null ? fallback : Double.parseDouble(v.trim());
      if (!(value > 0) || Double.isInfinite(value)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("training parameter " + key + "='" + v + "' is not a positive number");
    }
  }
}
