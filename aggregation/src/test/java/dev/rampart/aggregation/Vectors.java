package dev.rampart.aggregation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded test data. */
final class Vectors {

  private Vectors() {}

  static List<float[]> gaussian(long seed, int n, int d, double scale) {
    SplittableRandom r = new SplittableRandom(seed);
    List<float[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      float[] x = new float[d];
      for (int k = 0; k < d; k++) {
        x[k] = (float) (gauss(r) * scale);
      }
      out.add(x);
    }
    return out;
  }

  static double gauss(SplittableRandom r) {
    double u = r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }

  static List<float[]> deepCopy(List<float[]> in) {
    List<float[]> out = new ArrayList<>(in.size());
    for (float[] x : in) {
      out.add(x.clone());
    }
    return out;
  }

  static List<float[]> rows(double[][] rows) {
    List<float[]> out = new ArrayList<>();
    for (double[] r : rows) {
      float[] x = new float[r.length];
      for (int k = 0; k < r.length; k++) {
        x[k] = (float) r[k];
      }
      out.add(x);
    }
    return out;
  }

  static double distance(float[] a, float[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      double t = (double) a[k] - b[k];
      s += t * t;
    }
    return Math.sqrt(s);
  }

  static float[] mean(List<float[]> xs) {
    float[] m = new float[xs.get(0).length];
    for (int k = 0; k < m.length; k++) {
      double s = 0;
      for (float[] x : xs) {
        s += x[k];
      }
      m[k] = (float) (s / xs.size());
    }
    return m;
  }

  static double diameter(List<float[]> xs) {
    double d = 0;
    for (float[] a : xs) {
      for (float[] b : xs) {
        d = Math.max(d, distance(a, b));
      }
    }
    return d;
  }
}
