package dev.rampart.aggregation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pruned network ({@link SortingNetwork#selectColumns}) puts in every wanted row exactly what
 * the full network puts there, keeps each column's values, and keeps the full network's NaN and
 * infinity behaviour on the first and last rows; the coordinate-wise statistics over selected rows
 * equal their definitions over fully sorted columns, ties included.
 */
class SelectionTest {

  private static final int LEN = 67;

  private static float[][] randomRows(long seed, int n, boolean ties) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] rows = new float[n][LEN];
    for (float[] row : rows) {
      for (int k = 0; k < LEN; k++) {
        row[k] = ties ? r.nextInt(-3, 4) * 0.5f : (float) (r.nextDouble() * 2 - 1);
      }
      if (ties) {
        row[0] = -0.0f;
        row[1] = 0.0f;
      }
    }
    return rows;
  }

  private static float[][] copy(float[][] rows) {
    float[][] c = new float[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      c[i] = rows[i].clone();
    }
    return c;
  }

  private static float[] column(float[][] rows, int k) {
    float[] c = new float[rows.length];
    for (int i = 0; i < rows.length; i++) {
      c[i] = rows[i][k];
    }
    return c;
  }

  private static List<int[]> wantedSets(int n, int f) {
    List<int[]> sets = new ArrayList<>();
    sets.add(ColumnStatistic.median().rowsRead(n));
    sets.add(ColumnStatistic.trimmedMean(f).rowsRead(n));
    sets.add(ColumnStatistic.meanAroundMedian(f).rowsRead(n));
    return sets;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 16, 33, 64, 100, 101})
  void selectColumns_randomColumnsWithAndWithoutTies_wantedRowsEqualFullSort(int n) {
    for (boolean ties : new boolean[] {false, true}) {
      float[][] rows = randomRows(n * 31L + (ties ? 1 : 0), n, ties);
      float[][] sorted = copy(rows);
      SortingNetwork.sortColumns(sorted, LEN);
      for (int[] wanted : wantedSets(n, (n - 1) / 3)) {
        float[][] selected = copy(rows);
        SortingNetwork.selectColumns(selected, LEN, wanted);
        for (int r : wanted) {
          for (int k = 0; k < LEN; k++) {
            assertThat(Float.floatToRawIntBits(selected[r][k]))
                .as("n=%d ties=%s row %d column %d", n, ties, r, k)
                .isEqualTo(Float.floatToRawIntBits(sorted[r][k]));
          }
        }
        for (int k = 0; k < LEN; k++) {
          float[] a = column(selected, k);
          float[] b = column(rows, k);
          Arrays.sort(a);
          Arrays.sort(b);
          assertThat(a).as("column %d keeps its values", k).isEqualTo(b);
        }
      }
    }
  }

  @Test
  void selectColumns_nonFiniteValue_reachesFirstOrLastRowAsInFullSort() {
    int n = 100;
    float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
    for (int[] wanted : wantedSets(n, 10)) {
      for (float special : specials) {
        for (int at : new int[] {0, 37, 99}) {
          float[][] rows = randomRows(5, n, false);
          rows[at][3] = special;
          float[][] sorted = copy(rows);
          SortingNetwork.sortColumns(sorted, LEN);
          SortingNetwork.selectColumns(rows, LEN, wanted);
          assertThat(Float.floatToIntBits(rows[0][3])).isEqualTo(Float.floatToIntBits(sorted[0][3]));
          assertThat(Float.floatToIntBits(rows[n - 1][3])).isEqualTo(Float.floatToIntBits(sorted[n - 1][3]));
          boolean finite = Math.abs(rows[0][3]) <= Float.MAX_VALUE && Math.abs(rows[n - 1][3]) <= Float.MAX_VALUE;
          assertThat(finite).isFalse();
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 16, 17, 40, 100, 101})
  void groupSortsThenLaterStages_leaveWantedRowsAsTheSelection(int n) {
    int[] net = SortingNetwork.comparators(n);
    int[] stages = SortingNetwork.stages(n);
    for (int c = 0; c < stages.length; c++) {
      if (stages[c] < 16) {
        assertThat(net[2 * c] / 16).as("comparator %d", c).isEqualTo(net[2 * c + 1] / 16);
      }
    }
    float[][] rows = randomRows(n * 13L, n, true);
    for (int[] wanted : wantedSets(n, (n - 1) / 3)) {
      float[][] expected = copy(rows);
      SortingNetwork.selectColumns(expected, LEN, wanted);
      float[][] staged = copy(rows);
      int grouped = n / 16 * 16;
      for (int[] part : List.of(SortingNetwork.groupSort(n, 0, grouped, 16),
          SortingNetwork.groupSort(n, grouped, n, 16), SortingNetwork.selection(n, wanted, 16))) {
        for (int q = 0; q < part.length; q += 2) {
          for (int k = 0; k < LEN; k++) {
            float a = staged[part[q]][k];
            float b = staged[part[q + 1]][k];
            staged[part[q]][k] = Math.min(a, b);
            staged[part[q + 1]][k] = Math.max(a, b);
          }
        }
      }
      for (int r : wanted) {
        assertThat(staged[r]).as("n=%d row %d", n, r).isEqualTo(expected[r]);
      }
    }
  }

  @Test
  void selectColumns_median_usesFewerComparatorsThanTheFullSort() {
    int[] wanted = ColumnStatistic.median().rowsRead(100);
    assertThat(SortingNetwork.selection(100, wanted).length / 2).isEqualTo(906);
    assertThat(SortingNetwork.comparators(100).length / 2).isEqualTo(1104);
  }

  @ParameterizedTest
  @ValueSource(ints = {5, 6, 21, 100})
  void statistics_overSelectedRows_equalDefinitionsOverSortedColumns(int n) {
    int f = (n - 1) / 3;
    float[][] rows = randomRows(n, n, true);
    for (ColumnStatistic s : List.of(ColumnStatistic.median(), ColumnStatistic.trimmedMean(f),
        ColumnStatistic.meanAroundMedian(f))) {
      ColumnBlock block = new ColumnBlock(n, LEN, s.readsTotals());
      block.len(LEN);
      float[][] selected = block.rows();
      for (int i = 0; i < n; i++) {
        System.arraycopy(rows[i], 0, selected[i], 0, LEN);
        if (block.totals() != null) {
          for (int k = 0; k < LEN; k++) {
            block.totals()[k] += rows[i][k];
          }
        }
      }
      SortingNetwork.selectColumns(selected, LEN, s.rowsRead(n));
      float[] out = new float[LEN];
      float[] lo = block.lo();
      float[] hi = block.hi();
      s.reduce(block, out, 0);
      for (int k = 0; k < LEN; k++) {
        float[] c = column(rows, k);
        Arrays.sort(c);
        float[] expected = reference(s, c, f);
        assertThat(out[k]).as("%s column %d", s.getClass().getSimpleName(), k).isEqualTo(expected[0]);
        assertThat(lo[k]).isEqualTo(expected[1]);
        assertThat(hi[k]).isEqualTo(expected[2]);
      }
    }
  }

  // The definitions as the full-sort implementation computed them: {value, lo, hi}.
  // Shared with CoordinateWiseTest.
  static float[] reference(ColumnStatistic s, float[] c, int f) {
    int n = c.length;
    float a = c[(n - 1) / 2];
    float b = c[n / 2];
    if (s instanceof ColumnStatistics.Median) {
      return new float[] {a == b ? a : (float) (((double) a + b) * 0.5), a, b};
    }
    int left = f;
    int right = n - f - 1;
    int drops = 0;
    if (s instanceof ColumnStatistics.MeanAroundMedian) {
      double m = ((double) a + b) * 0.5;
      left = 0;
      right = n - 1;
      for (; drops < f; drops++) {
        if (m - c[left] > c[right] - m) {
          left++;
        } else {
          right--;
        }
      }
    }
    double sum = 0;
    for (int r = left; r <= right; r++) {
      sum += c[r];
    }
    return new float[] {(float) (sum / (right - left + 1)), c[left], c[right]};
  }
}
