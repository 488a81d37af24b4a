package dev.rampart.simulator.data;

import dev.rampart.cli.data.Dataset;
import dev.rampart.cli.data.IdxFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Loader of Fashion-MNIST (Xiao, Rasul, Vollgraf 2017: 60 000 training and 10 000 test images of
 * 28 × 28 grey pixels in 10 clothing classes) from its four IDX files, gzip-compressed or plain.
 * By default the files are looked up where the Debian package {@code dataset-fashion-mnist}
 * installs them ({@value #DEBIAN_DIRECTORY}).
 *
 * <p>Stateless and thread-safe.
 */
public final class FashionMnist {
  /** Directory the Debian package {@code dataset-fashion-mnist} installs the files to. */
  public static final String DEBIAN_DIRECTORY = "/usr/share/datasets/fashion-mnist";
  /** Number of classes. */
  public static final int CLASSES = 10;

  private FashionMnist() {}

  /** The training split (60 000 samples) from {@code directory}. */
  public static Dataset train(Path directory) {
    return load(directory, "train", Integer.MAX_VALUE, 0);
  }

  /** The test split (10 000 samples) from {@code directory}. */
  public static Dataset test(Path directory) {
    return load(directory, "t10k", Integer.MAX_VALUE, 0);
  }

  /**
   * A seeded random subsample of at most {@code limit} samples of the split {@code part}
   * ({@code train} or {@code t10k}), drawn before the data set is built to keep memory low.
   */
  public static Dataset load(Path directory, String part, int limit, long seed) {
    if (!part.equals("train") && !part.equals("t10k")) {
      throw new IllegalArgumentException("part must be train or t10k, but part=" + part);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, but limit=" + limit);
    }
    Path images = find(directory, part + "-images-idx3-ubyte");
    Path labels = find(directory, part + "-labels-idx1-ubyte");
    float[][] x = IdxFile.readImages(images);
    int[] y = IdxFile.readLabels(labels);
    if (x.length != y.length) {
      throw new IllegalArgumentException(images + " has " + x.length + " images but " + labels + " has " + y.length + " labels");
    }
    for (int i = 0; i < y.length; i++) {
      if (y[i] >= CLASSES) {
        throw new IllegalArgumentException(labels + ": label " + y[i] + " of item " + i + " is outside [0, 10)");
      }
    }
    if (limit < x.length) {
      SplittableRandom random = new SplittableRandom(seed);
      int[] order = new int[x.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      for (int i = 0; i < limit; i++) {
        int j = i + random.nextInt(order.length - i);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      float[][] xs = new float[limit][];
      int[] ys = new int[limit];
      for (int i = 0; i < limit; i++) {
        xs[i] = x[order[i]];
        ys[i] = y[order[i]];
      }
      x = xs;
      y = ys;
    }
    return new Dataset("fashion-mnist-" + part, x, y, CLASSES);
  }

  private static Path find(Path directory, String base) {
    Path gz = directory.resolve(base + ".gz");
    if (Files.isRegularFile(gz)) {
      return gz;
    }
    Path plain = directory.resolve(base);
    if (Files.isRegularFile(plain)) {
      return plain;
    }
    throw new IllegalArgumentException("Fashion-MNIST file " + base + "(.gz) not found in " + directory
        + "; install the Debian package dataset-fashion-mnist (files in " + DEBIAN_DIRECTORY
        + ") or pass --data-dir with the four IDX files");
  }
}
