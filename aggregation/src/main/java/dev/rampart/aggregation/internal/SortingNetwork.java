package dev.rampart.aggregation.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Batcher's odd-even merge sorting network, applied to many columns at once.
 *
 * <p>Rows are the n inputs' values over a block of coordinates; each comparator (i, j) with i < j
 * replaces rows i and j by their element-wise minimum and maximum. The loop over the block is
 * branch-free and vectorized by the JIT, so a block of columns is sorted without the branch
 * mispredictions that make quickselect slow on random data. The network for the next power of two
 * is pruned of comparators that touch a row at or beyond n (they would only compare padding at
 * +infinity). Comparator count: about {@code n log2(n)^2 / 4}, 1104 for n = 100.
 *
 * <p>NaN propagates: a comparator with a NaN input outputs NaN on both rows, and since the minimum
 * and maximum depend on every input, a column holding NaN ends with NaN in its first and last row;
 * -infinity and +infinity end there too. So a column is finite iff its first and last sorted rows
 * are. Thread-safe: networks are immutable and cached per n.
 */
public final class SortingNetwork {

  private static final ConcurrentMap<Integer, Network> CACHE = new ConcurrentHashMap<>();
  private static final ConcurrentMap<List<Integer>, int[]> SELECTIONS = new ConcurrentHashMap<>();

  /** Comparator pairs, flattened, and per comparator the size p of the runs its stage merges. */
  private record Network(int[] pairs, int[] stages) {}

  private SortingNetwork() {}

  /**
   * Comparator pairs for n rows, flattened as {@code [i0, j0, i1, j1, ...]}.
   *
   * @param n rows, at least 1
   * @return the comparators, shared: do not modify
   */
  static int[] comparators(int n) {
    return network(n).pairs();
  }

  /**
   * Per comparator of {@link #comparators}, its merge stage: the length p of the sorted runs it
   * merges into runs of 2p. The comparators of stages below 16 connect rows within aligned groups of
   * 16 rows only (runs of at most 16), and together sort each such group.
   *
   * @param n rows, at least 1
   * @return the stages, shared: do not modify
   */
  static int[] stages(int n) {
    return network(n).stages();
  }

  private static Network network(int n) {
    return CACHE.computeIfAbsent(n, SortingNetwork::build);
  }

  private static Network build(int n) {
    int size = 1;
    while (size < n) {
      size <<= 1;
    }
    int[] out = new int[16];
    int[] stage = new int[8];
    int count = 0;
    for (int p = 1; p < size; p <<= 1) {
      for (int k = p; k >= 1; k >>= 1) {
        for (int j = k % p; j <= size - 1 - k; j += 2 * k) {
          for (int i = 0; i <= Math.min(k - 1, size - j - k - 1); i++) {
            int a = i + j;
            int b = i + j + k;
            if (a / (2 * p) == b / (2 * p) && b < n) {
              if (count + 2 > out.length) {
                out = Arrays.copyOf(out, out.length * 2);
                stage = Arrays.copyOf(stage, stage.length * 2);
              }
              stage[count / 2] = p;
              out[count++] = a;
              out[count++] = b;
            }
          }
        }
      }
    }
    return new Network(Arrays.copyOf(out, count), Arrays.copyOf(stage, count / 2));
  }

  /**
   * Sorts every column {@code k < len} of the rows in ascending order.
   *
   * @param rows n rows of at least {@code len} values
   * @param len number of columns to sort
   */
  public static void sortColumns(float[][] rows, int len) {
    int[] net = comparators(rows.length);
    for (int q = 0; q < net.length; q += 2) {
      exchange(rows[net[q]], rows[net[q + 1]], len);
    }
  }

  /**
   * Places in each listed row exactly the values that {@link #sortColumns} would place there, using
   * only the comparators those rows depend on; the other rows then hold the remaining values in no
   * particular order (every comparator swaps, so each column keeps its multiset of values).
   *
   * <p>The pruned network is the full network with every comparator removed whose two rows are, at
   * that point, read by no later kept comparator and are not wanted at the end (found in one
   * backward sweep). The kept comparators are a subset of the full network's, applied in the same
   * order, so the wanted rows are bit for bit those of the full sort. NaN and infinities behave as
   * in {@link #sortColumns} on the first and the last row, as long as both are listed: the first
   * row depends on every input, so a NaN anywhere reaches it. Cached per n and row set.
   *
   * @param rows n rows of at least {@code len} values
   * @param len number of columns
   * @param wanted the rows that must end as in a full sort, each in {@code [0, n)}
   */
  public static void selectColumns(float[][] rows, int len, int[] wanted) {
    int[] net = selection(rows.length, wanted);
    for (int q = 0; q < net.length; q += 2) {
      exchange(rows[net[q]], rows[net[q + 1]], len);
    }
  }

  /**
   * The pruned network for a set of wanted rows, flattened as {@link #comparators} is.
   *
   * @param n rows, at least 1
   * @param wanted rows that must end sorted
   * @return the comparators, shared: do not modify
   */
  static int[] selection(int n, int[] wanted) {
    return selection(n, wanted, 1);
  }

  /**
   * The comparators of {@link #selection(int, int[])} of stage {@code minStage} or later. Applied
   * after anything that sorts each aligned group of {@code minStage} rows (and the last, partial
   * group), they leave the wanted rows as {@link #selection(int, int[])} does: the earlier stages
   * do exactly that sort, and the kept comparators of a pruned network only read rows whose values
   * the pruned-away ones never change.
   *
   * @param n rows, at least 1
   * @param wanted rows that must end sorted
   * @param minStage the first stage kept, a power of two
   * @return the comparators, shared: do not modify
   */
  static int[] selection(int n, int[] wanted, int minStage) {
    List<Integer> key = new ArrayList<>(wanted.length + 2);
    key.add(n);
    key.add(minStage);
    for (int r : wanted) {
      key.add(r);
    }
    return SELECTIONS.computeIfAbsent(List.copyOf(key), k -> prune(network(n), n, wanted, minStage));
  }

  /**
   * The comparators of the stages below {@code belowStage} that connect two rows of
   * {@code [from, to)}: with {@code from} and {@code to} multiples of {@code belowStage} (or
   * {@code to = n}), they sort each aligned group of {@code belowStage} rows in that range.
   *
   * @param n rows, at least 1
   * @param from first row
   * @param to end row, exclusive
   * @param belowStage the first stage left out, a power of two
   * @return the comparators, flattened
   */
  static int[] groupSort(int n, int from, int to, int belowStage) {
    Network net = network(n);
    int[] pairs = net.pairs();
    int[] out = new int[pairs.length];
    int w = 0;
    for (int c = 0; c < net.stages().length; c++) {
      int a = pairs[2 * c];
      int b = pairs[2 * c + 1];
      if (net.stages()[c] < belowStage && a >= from && b < to) {
        out[w++] = a;
        out[w++] = b;
      }
    }
    return Arrays.copyOf(out, w);
  }

  private static int[] prune(Network network, int n, int[] wanted, int minStage) {
    int[] net = network.pairs();
    boolean[] needed = new boolean[n];
    for (int r : wanted) {
      needed[r] = true;
    }
    boolean[] keep = new boolean[net.length / 2];
    int count = 0;
    for (int q = net.length - 2; q >= 0; q -= 2) {
      int a = net[q];
      int b = net[q + 1];
      if (needed[a] || needed[b]) {
        needed[a] = true;
        needed[b] = true;
        keep[q / 2] = true;
        count++;
      }
    }
    int[] out = new int[2 * count];
    int w = 0;
    for (int c = 0; c < keep.length; c++) {
      if (keep[c] && network.stages()[c] >= minStage) {
        out[w++] = net[2 * c];
        out[w++] = net[2 * c + 1];
      }
    }
    return Arrays.copyOf(out, w);
  }

  private static void exchange(float[] a, float[] b, int len) {
    for (int k = 0; k < len; k++) {
      float x = a[k];
      float y = b[k];
      a[k] = Math.min(x, y);
      b[k] = Math.max(x, y);
    }
  }
}
