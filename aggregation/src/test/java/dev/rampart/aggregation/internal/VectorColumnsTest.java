package dev.rampart.aggregation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The int keys the SIMD network sorts by order exactly as {@link Math#min(float, float)} and
 * {@link Math#max(float, float)} do (so -0.0 before +0.0), NaN lands beyond the infinities, and
 * the map is its own inverse.
 */
class VectorColumnsTest {

  private static List<Float> values() {
    List<Float> v = new ArrayList<>(List.of(-0.0f, 0.0f, Float.MIN_VALUE, -Float.MIN_VALUE,
        Float.MIN_NORMAL, -Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 1.0f, -1.0f,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY));
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < 300; i++) {
      v.add(Float.intBitsToFloat(r.nextInt()));
    }
    v.removeIf(x -> Float.isNaN(x));
    return v;
  }

  private static int key(float x) {
    return VectorColumns.key(Float.floatToRawIntBits(x));
  }

  @Test
  void key_ordersLikeMinAndMax_minusZeroFirst() {
    for (float a : values()) {
      for (float b : values()) {
        boolean keyLess = key(a) < key(b);
        boolean before = Float.floatToRawIntBits(Math.min(a, b)) == Float.floatToRawIntBits(a)
            && Float.floatToRawIntBits(a) != Float.floatToRawIntBits(b);
        assertThat(keyLess).as("%s vs %s", a, b).isEqualTo(before);
      }
    }
  }

  @Test
  void key_nanSortsBeyondTheInfinities_andMapIsItsOwnInverse() {
    assertThat(key(Float.intBitsToFloat(0x7fc00000))).isGreaterThan(key(Float.POSITIVE_INFINITY));
    assertThat(key(Float.intBitsToFloat(0xffc00000))).isLessThan(key(Float.NEGATIVE_INFINITY));
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < 10_000; i++) {
      int bits = r.nextInt();
      assertThat(VectorColumns.key(VectorColumns.key(bits))).isEqualTo(bits);
    }
  }

  @Test
  void keys_roundTripThroughTheVectorKernels() {
    float[] src = new float[53];
    SplittableRandom r = new SplittableRandom(9);
    for (int k = 0; k < src.length; k++) {
      src[k] = Float.intBitsToFloat(r.nextInt());
    }
    int[] keys = new int[50];
    VectorColumns.toKeys(src, 3, keys, 0, 50);
    float[] back = new float[50];
    VectorColumns.fromKeys(keys, back, 50);
    for (int k = 0; k < 50; k++) {
      assertThat(keys[k]).isEqualTo(key(src[3 + k]));
      assertThat(Float.floatToRawIntBits(back[k])).isEqualTo(Float.floatToRawIntBits(src[3 + k]));
    }
  }
}
