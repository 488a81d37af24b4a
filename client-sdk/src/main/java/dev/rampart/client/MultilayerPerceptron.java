package dev.rampart.client;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A one-hidden-layer perceptron (p inputs → h ReLU units → c softmax outputs, e.g. 784-32-10)
 * trained locally with mini-batch SGD on ND4J.
 *
 * <p>Model layout ({@link #parameterCount(int, int, int)} = p·h + h + h·c + c floats, row-major):
 * W1 (p × h), b1 (h), W2 (h × c), b2 (c). Prediction is {@code softmax(relu(x·W1 + b1)·W2 + b2)};
 * the loss is the mean cross-entropy. {@link #initialModel} draws W1 and W2 uniformly in
 * ±sqrt(6 / fan_in) (He) with zero biases; an all-zero model cannot learn (ReLU symmetry).
 *
 * <p>{@link #train} reads the same plan parameters as {@link SoftmaxRegression}
 * ({@code local_epochs}, {@code learning_rate}, {@code batch_size}) and returns
 * {@code w_start − w_end}, or the full-batch gradient with {@code local_epochs=0}.
 *
 * <p>Not thread-safe; one instance per client. The data arrays are copied in.
 */
public final class MultilayerPerceptron implements LocalTrainer {
  private final int features;
  private final int hidden;
  private final int classes;
  private final INDArray x;
  private final INDArray y;
  private final int samples;
  private final SplittableRandom random;

  /**
   * @param x one row of p values per sample, at least one sample
   * @param labels class per sample, in [0, classes)
   * @param hidden hidden units h, at least 1
   * @param classes c, at least 2
   * @param seed seed of the mini-batch shuffling
   */
  public MultilayerPerceptron(float[][] x, int[] labels, int hidden, int classes, long seed) {
    Objects.requireNonNull(x, "x");
    if (x.length == 0 || x.length != labels.length) {
      throw new IllegalArgumentException("need as many labels as samples and at least one sample, but samples="
          + x.length + ", labels=" + labels.length);
    }
    if (hidden < 1 || classes < 2) {
      throw new IllegalArgumentException("need hidden >= 1 and classes >= 2, but hidden=" + hidden + ", classes=" + classes);
    }
    this.samples = x.length;
    this.features = x[0].length;
    this.hidden = hidden;
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

  /** p·h + h + h·c + c. */
  public static int parameterCount(int features, int hidden, int classes) {
    return Math.addExact(Math.addExact(Math.multiplyExact(features, hidden), hidden),
        Math.addExact(Math.multiplyExact(hidden, classes), classes));
  }

  /** A seeded He-uniform starting model. */
  public static float[] initialModel(int features, int hidden, int classes, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] w = new float[parameterCount(features, hidden, classes)];
    double a1 = Math.sqrt(6.0 / features);
    for (int j = 0; j < features * hidden; j++) {
      w[j] = (float) ((2 * r.nextDouble() - 1) * a1);
    }
    int o = features * hidden + hidden;
    double a2 = Math.sqrt(6.0 / hidden);
    for (int j = 0; j < hidden * classes; j++) {
      w[o + j] = (float) ((2 * r.nextDouble() - 1) * a2);
    }
    return w;
  }

  @Override
  public LocalUpdate train(float[] globalModel, Map<String, String> parameters, long round) {
    if (globalModel.length != parameterCount(features, hidden, classes)) {
      throw new IllegalArgumentException("model has " + globalModel.length + " parameters, expected "
          + parameterCount(features, hidden, classes));
    }
    int epochs = Integer.parseInt(parameters.getOrDefault("local_epochs", "1").trim());
    double lr = Double.parseDouble(parameters.getOrDefault("learning_rate", "0.1").trim());
    int batch = Integer.parseInt(parameters.getOrDefault("batch_size", "16").trim());
    if (epochs < 0 || !(lr > 0) || batch < 1) {
      throw new IllegalArgumentException("bad training parameters local_epochs=" + epochs + ", learning_rate=" + lr
          + ", batch_size=" + batch);
    }
    INDArray[] w = unpack(globalModel);
    float loss = (float) loss(x, y, w);
    if (epochs == 0) {
      return new LocalUpdate(pack(gradient(x, y, w)), samples, loss);
    }
    for (int e = 0; e < epochs; e++) {
      int[] order = permutation();
      for (int start = 0; start < samples; start += batch) {
        int[] rows = Arrays.copyOfRange(order, start, Math.min(samples, start + batch));
        INDArray[] g = gradient(x.getRows(rows), y.getRows(rows), w);
        for (int k = 0; k < 4; k++) {
          w[k].subi(g[k].muli(lr));
        }
      }
    }
    float[] end = pack(w);
    float[] delta = new float[end.length];
    for (int j = 0; j < end.length; j++) {
      delta[j] = globalModel[j] - end[j];
    }
    return new LocalUpdate(delta, samples, loss);
  }

  /** Arg-max class of every row of {@code x} under {@code model}. */
  public static int[] predict(float[] model, float[][] x, int hidden, int classes) {
    int p = x[0].length;
    if (model.length != parameterCount(p, hidden, classes)) {
      throw new IllegalArgumentException("model has " + model.length + " parameters, expected "
          + parameterCount(p, hidden, classes));
    }
    int[] out = new int[x.length];
    double[] h = new double[hidden];
    int o2 = p * hidden + hidden;
    for (int i = 0; i < x.length; i++) {
      for (int k = 0; k < hidden; k++) {
        double s = model[p * hidden + k];
        for (int j = 0; j < p; j++) {
          s += (double) x[i][j] * model[j * hidden + k];
        }
        h[k] = Math.max(0, s);
      }
      int best = 0;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        double s = model[o2 + hidden * classes + c];
        for (int k = 0; k < hidden; k++) {
          s += h[k] * model[o2 + k * classes + c];
        }
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      out[i] = best;
    }
    return out;
  }

  private INDArray[] unpack(float[] m) {
    int o1 = features * hidden;
    int o2 = o1 + hidden;
    int o3 = o2 + hidden * classes;
    return new INDArray[] {
        Nd4j.create(Arrays.copyOfRange(m, 0, o1), new long[] {features, hidden}, 'c'),
        Nd4j.create(Arrays.copyOfRange(m, o1, o2), new long[] {1, hidden}, 'c'),
        Nd4j.create(Arrays.copyOfRange(m, o2, o3), new long[] {hidden, classes}, 'c'),
        Nd4j.create(Arrays.copyOfRange(m, o3, o3 + classes), new long[] {1, classes}, 'c')};
  }

  private float[] pack(INDArray[] w) {
    float[] out = new float[parameterCount(features, hidden, classes)];
    int o = 0;
    for (INDArray a : w) {
      float[] f = a.dup('c').castTo(DataType.FLOAT).data().asFloat();
      System.arraycopy(f, 0, out, o, f.length);
      o += f.length;
    }
    return out;
  }

  private static INDArray hiddenPre(INDArray xb, INDArray[] w) {
    return xb.mmul(w[0]).addiRowVector(w[1]);
  }

  private static INDArray probabilities(INDArray a, INDArray[] w) {
    INDArray z = a.mmul(w[2]).addiRowVector(w[3]);
    z.subiColumnVector(z.max(1).reshape(z.rows(), 1));
    INDArray e = Transforms.exp(z, false);
    return e.diviColumnVector(e.sum(1).reshape(e.rows(), 1));
  }

  private static double loss(INDArray xb, INDArray yb, INDArray[] w) {
    INDArray p = probabilities(Transforms.relu(hiddenPre(xb, w), true), w);
    return -Transforms.log(Transforms.max(p, 1e-12, false), false).muli(yb).sumNumber().doubleValue() / xb.rows();
  }

  private static INDArray[] gradient(INDArray xb, INDArray yb, INDArray[] w) {
    INDArray pre = hiddenPre(xb, w);
    INDArray a = Transforms.relu(pre, true);
    INDArray dz = probabilities(a, w).subi(yb).divi(xb.rows());
    INDArray gW2 = a.transpose().mmul(dz);
    INDArray gb2 = dz.sum(0).reshape(1, dz.columns());
    INDArray da = dz.mmul(w[2].transpose());
    INDArray mask = pre.dup();
    BooleanIndexing.replaceWhere(mask, 0.0, Conditions.lessThanOrEqual(0.0));
    BooleanIndexing.replaceWhere(mask, 1.0, Conditions.greaterThan(0.0));
    da.muli(mask);
    return new INDArray[] {xb.transpose().mmul(da), da.sum(0).reshape(1, da.columns()), gW2, gb2};
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
}
