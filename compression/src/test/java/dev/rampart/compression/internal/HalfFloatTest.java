package dev.rampart.compression.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HalfFloatTest {
  @Test
  void toFloat_fromFloat_roundTripsEveryFiniteHalfBitExact() {
    int finite = 0;
    for (int h = 0; h < 0x10000; h++) {
      if (!HalfFloat.isFinite(h)) {
        continue;
      }
      finite++;
      assertThat(HalfFloat.fromFloat(HalfFloat.toFloat(h)) & 0xFFFF).as("half 0x%04x", h)
          .isEqualTo(h);
    }
    assertThat(finite).isEqualTo(2 * 31 * 1024);
  }

  @Test
  void toFloat_knownValues_matchBinary16Definition() {
    assertThat(HalfFloat.toFloat(0x3C00)).isEqualTo(1.0f);
    assertThat(HalfFloat.toFloat(0xC000)).isEqualTo(-2.0f);
    assertThat(HalfFloat.toFloat(0x7BFF)).isEqualTo(65504f);
    assertThat(HalfFloat.toFloat(0x0400)).isEqualTo((float) Math.pow(2, -14));
    assertThat(HalfFloat.toFloat(0x0001)).isEqualTo((float) Math.pow(2, -24));
    assertThat(HalfFloat.toFloat(0x3555)).isEqualTo(0.333251953125f);
    assertThat(Float.floatToRawIntBits(HalfFloat.toFloat(0x8000)))
        .isEqualTo(Float.floatToRawIntBits(-0.0f));
    assertThat(HalfFloat.toFloat(0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
  }

  @Test
  void fromFloat_exactMidpoints_roundToEvenNeighbour() {
    for (int h = 0; h < 0x7BFF; h++) {
      float low = HalfFloat.toFloat(h);
      float high = HalfFloat.toFloat(h + 1);
      float mid = (low + high) / 2; // 12 significant bits: exact in float
      assertThat((double) mid).isEqualTo(((double) low + high) / 2);
      int even = (h & 1) == 0 ? h : h + 1;
      assertThat(HalfFloat.fromFloat(mid) & 0xFFFF).as("midpoint after 0x%04x", h).isEqualTo(even);
      assertThat(HalfFloat.fromFloat(Math.nextDown(mid)) & 0xFFFF).isEqualTo(h);
      assertThat(HalfFloat.fromFloat(Math.nextUp(mid)) & 0xFFFF).isEqualTo(h + 1);
      assertThat(HalfFloat.fromFloat(-mid) & 0xFFFF).isEqualTo(even | 0x8000);
    }
  }

  @Test
  void fromFloat_randomFloats_matchNearestHalfFoundBySearch() {
    double[] grid = new double[0x7C00];
    for (int h = 0; h < grid.length; h++) {
      grid[h] = HalfFloat.toFloat(h);
    }
    SplittableRandom random = new SplittableRandom(11);
    for (int n = 0; n < 200_000; n++) {
      double magnitude = Math.pow(2, random.nextDouble(-30, 16.1));
      float x = (float) (random.nextBoolean() ? magnitude : -magnitude);
      int expected = nearest(grid, Math.abs(x));
      int expectedBits = expected < 0 ? 0x7C00 : expected;
      int actual = HalfFloat.fromFloat(x) & 0x7FFF;
      assertThat(actual).as("x=%s", x).isEqualTo(expectedBits);
      assertThat(HalfFloat.fromFloat(x) & 0x8000).isEqualTo(x < 0 ? 0x8000 : 0);
    }
  }

  /** Nearest grid index, ties to even; -1 when |x| rounds past the largest finite half. */
  private static int nearest(double[] grid, double x) {
    double max = grid[grid.length - 1];
    double ulpAtMax = max - grid[grid.length - 2];
    if (x >= max + ulpAtMax / 2) {
      return -1;
    }
    if (x >= max) {
      return grid.length - 1;
    }
    int at = Arrays.binarySearch(grid, x);
    if (at >= 0) {
      return at;
    }
    int above = -at - 1;
    int below = above - 1;
    double dBelow = x - grid[below];
    double dAbove = grid[above] - x;
    if (dBelow != dAbove) {
      return dBelow < dAbove ? below : above;
    }
    return (below & 1) == 0 ? below : above;
  }

  @Test
  void fromFloat_rangeEdges_overflowAndUnderflowAsIeee() {
    assertThat(HalfFloat.fromFloat(65504f) & 0xFFFF).isEqualTo(0x7BFF);
    assertThat(HalfFloat.fromFloat(Math.nextDown(65520f)) & 0xFFFF).isEqualTo(0x7BFF);
    assertThat(HalfFloat.fromFloat(65520f) & 0xFFFF).isEqualTo(0x7C00);
    assertThat(HalfFloat.fromFloat(-Float.MAX_VALUE) & 0xFFFF).isEqualTo(0xFC00);
    float halfOfSmallest = (float) Math.pow(2, -25);
    assertThat(HalfFloat.fromFloat(halfOfSmallest) & 0xFFFF).isZero();
    assertThat(HalfFloat.fromFloat(Math.nextUp(halfOfSmallest)) & 0xFFFF).isEqualTo(1);
    assertThat(HalfFloat.fromFloat(Float.MIN_VALUE) & 0xFFFF).isZero();
    assertThat(HalfFloat.fromFloat(-0.0f) & 0xFFFF).isEqualTo(0x8000);
    assertThat(HalfFloat.isFinite(HalfFloat.fromFloat(Float.NaN))).isFalse();
    assertThat(Float.isNaN(HalfFloat.toFloat(HalfFloat.fromFloat(Float.NaN)))).isTrue();
  }
}
