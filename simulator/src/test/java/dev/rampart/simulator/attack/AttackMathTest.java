package dev.rampart.simulator.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AttackMathTest {
  // H = [[1,2,3],[4,5,6],[7,8,9]]: μ = [4,5,6]; per coordinate the deviations are −3, 0, 3, so the
  // sample variance is (9 + 0 + 9) / 2 = 9 and σ = [3,3,3].
  private static final List<float[]> H = List.of(new float[] {1, 2, 3}, new float[] {4, 5, 6}, new float[] {7, 8, 9});

  @Test
  void littleIsEnough_zOneAndAHalf_givesMeanPlusOneAndAHalfSigma() {
    // μ + 1.5·σ = [4 + 4.5, 5 + 4.5, 6 + 4.5]
    assertThat(AttackMath.littleIsEnough(H, 1.5)).containsExactly(new float[] {8.5f, 9.5f, 10.5f}, within(1e-6f));
  }

  @Test
  void littleIsEnough_singleVector_returnsIt() {
    // one vector: σ = 0, so μ + zσ = μ
    assertThat(AttackMath.littleIsEnough(List.of(new float[] {2, -1}), 3)).containsExactly(new float[] {2, -1}, within(0f));
  }

  @Test
  void innerProductManipulation_halfEpsilon_givesMinusHalfMean() {
    // −0.5·[4,5,6]
    assertThat(AttackMath.innerProductManipulation(H, 0.5)).containsExactly(new float[] {-2f, -2.5f, -3f}, within(1e-6f));
  }

  @Test
  void signFlip_negatesEveryCoordinate() {
    float[] g = {1, -2, 0.5f};
    assertThat(AttackMath.signFlip(g)).containsExactly(new float[] {-1, 2, -0.5f}, within(0f));
    assertThat(g).containsExactly(new float[] {1, -2, 0.5f}, within(0f));
  }

  @Test
  void scale_factorTen_multiplies() {
    assertThat(AttackMath.scale(new float[] {1, -2}, 10)).containsExactly(new float[] {10, -20}, within(0f));
  }

  @Test
  void mimic_targetOne_copiesSecondVector() {
    float[] copy = AttackMath.mimic(H, 1);
    assertThat(copy).containsExactly(new float[] {4, 5, 6}, within(0f)).isNotSameAs(H.get(1));
  }

  @Test
  void mimic_targetOutOfRange_throwsNamingIt() {
    assertThatThrownBy(() -> AttackMath.mimic(H, 3)).hasMessageContaining("target=3");
  }

  @Test
  void alieZ_baruchConvention_matchesNormalQuantiles() {
    // n=10, f=2: s = 6 − 2 = 4, Φ⁻¹(6/10) = 0.253347
    assertThat(AttackMath.alieZ(10, 2)).isCloseTo(0.253347, within(1e-5));
    // n=20, f=4: s = 11 − 4 = 7, Φ⁻¹(13/20) = 0.385320
    assertThat(AttackMath.alieZ(20, 4)).isCloseTo(0.385320, within(1e-5));
    // n=10, f=1: s = 5, Φ⁻¹(0.5) = 0
    assertThat(AttackMath.alieZ(10, 1)).isCloseTo(0.0, within(1e-8));
  }

  @Test
  void alieZ_noAttacker_throwsNamingValues() {
    assertThatThrownBy(() -> AttackMath.alieZ(10, 0)).hasMessageContaining("n=10, f=0");
  }

  @Test
  void gaussian_manyCoordinates_haveTheRequestedSpread() {
    float[] v = AttackMath.gaussian(200_000, 2.0, new SplittableRandom(7));
    double mean = 0;
    for (float x : v) {
      mean += x;
    }
    mean /= v.length;
    double var = 0;
    for (float x : v) {
      var += (x - mean) * (x - mean);
    }
    var /= v.length - 1;
    assertThat(mean).isCloseTo(0, within(0.02));
    assertThat(Math.sqrt(var)).isCloseTo(2.0, within(0.02));
  }

  @Test
  void gaussian_withMean_centresTheDrawOnIt() {
    // 200 000 draws of N(−3, 2²): the sample mean's standard error is 2/√200000 ≈ 0.0045, so a
    // tolerance of 0.02 is more than 4 standard errors; the spread stays σ
    float[] v = AttackMath.gaussian(200_000, -3.0, 2.0, new SplittableRandom(11));
    double mean = 0;
    for (float x : v) {
      mean += x;
    }
    mean /= v.length;
    double var = 0;
    for (float x : v) {
      var += (x - mean) * (x - mean);
    }
    var /= v.length - 1;
    assertThat(mean).isCloseTo(-3.0, within(0.02));
    assertThat(Math.sqrt(var)).isCloseTo(2.0, within(0.02));
  }

  @Test
  void gaussian_zeroMean_drawsWhatTheMeanlessFormDraws() {
    assertThat(AttackMath.gaussian(64, 0, 1.5, new SplittableRandom(5)))
        .containsExactly(AttackMath.gaussian(64, 1.5, new SplittableRandom(5)), within(0f));
  }

  @Test
  void filled_infinity_everyCoordinate() {
    assertThat(AttackMath.filled(3, Float.POSITIVE_INFINITY)).containsOnly(Float.POSITIVE_INFINITY);
    float[] nan = AttackMath.filled(2, Float.NaN);
    assertThat(Float.isNaN(nan[0]) && Float.isNaN(nan[1])).isTrue();
  }

  @Test
  void mean_differentDimensions_throws() {
    assertThatThrownBy(() -> AttackMath.mean(List.of(new float[2], new float[3]))).hasMessageContaining("dimension");
  }
}
