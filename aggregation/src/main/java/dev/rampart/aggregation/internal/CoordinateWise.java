package dev.rampart.aggregation.internal;

import java.util.List;

/**
 * Applies a {@link ColumnStatistic} to every coordinate and counts, per input, the coordinates at
 * which its value fell outside the kept interval.
 *
 * <p>Blocks of 256 coordinates are transposed so that each column is contiguous; blocks run in
 * parallel. Cost: one transposition of the inputs, the statistic per coordinate (O(n) expected for
 * quickselect-based statistics) and one comparison pass. Thread-safe: holds no state.
 */
public final class CoordinateWise {

  private static final int BLOCK = 256;

  private CoordinateWise() {}

  /** Output vector and per-input trimmed-coordinate counts. */
  public record Result(float[] vector, long[] trimmedCounts) {}

  /**
   * Reduces every coordinate.
   *
   * @param inputs n vectors of dimension {@code d}, not modified, all finite
   * @param d the common dimension
   * @param statistic the per-coordinate reduction
   * @return the reduced vector and, per input, how many coordinates trimmed it
   */
  public static Result apply(List<float[]> inputs, int d, ColumnStatistic statistic) {
    int n = inputs.size();
    float[][] x = inputs.toArray(new float[0][]);
    float[] out = new float[d];
    long[] counts = Parallel.reduce(d, (long) n * 8, (from, to) -> block(x, from, to, statistic, out),
        (a, b) -> {
          for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
          }
          return a;
        });
    return new Result(out, counts);
  }

  private static long[] block(float[][] x, int from, int to, ColumnStatistic statistic, float[] out) {
    int n = x.length;
    long[] counts = new long[n];
    float[] buf = new float[BLOCK * n];
    float[] lo = new float[BLOCK];
    float[] hi = new float[BLOCK];
    double[] scratch = new double[2 * n];
    float[] kept = new float[2];
    for (int start = from; start < to; start += BLOCK) {
      int len = Math.min(BLOCK, to - start);
      for (int i = 0; i < n; i++) {
        float[] v = x[i];
        for (int k = 0; k < len; k++) {
          buf[k * n + i] = v[start + k];
        }
      }
      for (int k = 0; k < len; k++) {
        out[start + k] = statistic.reduce(buf, k * n, n, scratch, kept);
        lo[k] = kept[0];
        hi[k] = kept[1];
      }
      for (int i = 0; i < n; i++) {
        float[] v = x[i];
        int c = 0;
        for (int k = 0; k < len; k++) {
          float value = v[start + k];
          c += (value < lo[k] || value > hi[k]) ? 1 : 0;
        }
        counts[i] += c;
      }
    }
    return counts;
  }
}
