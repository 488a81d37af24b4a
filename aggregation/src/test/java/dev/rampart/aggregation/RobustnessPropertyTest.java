package dev.rampart.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Seeded property tests: f arbitrary outliers cannot move a robust rule further than a bound set by
 * the honest inputs alone. Each property runs 200 random trials (n, f, d, attack all drawn).
 */
class RobustnessPropertyTest {

  private static final int TRIALS = 200;

  /** Honest inputs first, then f attackers drawn from one of several strategies. */
  private record Trial(List<float[]> honest, List<float[]> all, int f) {}

  private static Trial trial(SplittableRandom r, int minExtra) {
    int f = r.nextInt(0, 4);
    int n = 2 * f + minExtra + r.nextInt(0, 6);
    int d = r.nextInt(1, 9);
    List<float[]> honest = Vectors.gaussian(r.nextLong(), n - f, d, 1.0 + r.nextDouble() * 3);
    float[] centre = Vectors.gaussian(r.nextLong(), 1, d, 5.0).get(0);
    for (float[] h : honest) {
      for (int k = 0; k < d; k++) {
        h[k] += centre[k];
      }
    }
    List<float[]> all = new ArrayList<>(honest);
    int strategy = r.nextInt(4);
    float[] direction = Vectors.gaussian(r.nextLong(), 1, d, 1.0).get(0);
    for (int b = 0; b < f; b++) {
      float[] x = new float[d];
      for (int k = 0; k < d; k++) {
        x[k] = switch (strategy) {
          case 0 -> (float) (Vectors.gauss(r) * 1e6);
          case 1 -> centre[k] + direction[k] * 50f;
          case 2 -> honest.get(0)[k] + direction[k] * 0.5f;
          default -> -1e4f * (b + 1);
        };
      }
      all.add(r.nextInt(all.size() + 1), x);
    }
    return new Trial(honest, all, f);
  }

  private static float[] aggregate(Aggregator a, List<float[]> inputs) {
    return a.aggregate(inputs, AggregationContext.of(new SplittableRandom(3))).vector();
  }

  private static void assertWithinHonestRange(IntFunction<Aggregator> rule) {
    SplittableRandom r = new SplittableRandom(42);
    for (int t = 0; t < TRIALS; t++) {
      Trial trial = trial(r, 1);
      float[] out = aggregate(rule.apply(trial.f()), trial.all());
      for (int k = 0; k < out.length; k++) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float[] h : trial.honest()) {
          lo = Math.min(lo, h[k]);
          hi = Math.max(hi, h[k]);
        }
        float slack = 1e-5f * (1 + Math.abs(lo) + Math.abs(hi));
        assertThat(out[k]).as("trial %d coordinate %d", t, k).isBetween(lo - slack, hi + slack);
      }
    }
  }

  @Test
  void median_fOutliers_staysWithinHonestCoordinateRange() {
    assertWithinHonestRange(f -> Aggregators.median());
  }

  @Test
  void trimmedMean_fOutliers_staysWithinHonestCoordinateRange() {
    assertWithinHonestRange(Aggregators::trimmedMean);
  }

  /**
   * Krum's winner has at least {@code n - 2f} honest inputs among its {@code n - f - 1} nearest, and
   * its score is at most an honest input's score, at most {@code (n - f - 1) D^2} for the honest
   * diameter D. So it lies within {@code sqrt(n - f - 1) D} of an honest input, hence within
   * {@code (sqrt(n - f - 1) + 1) D} of the honest mean.
   */
  @Test
  void krum_fOutliers_staysWithinHonestSpreadBound() {
    SplittableRandom r = new SplittableRandom(43);
    for (int t = 0; t < TRIALS; t++) {
      Trial trial = trial(r, 1);
      int n = trial.all().size();
      float[] out = aggregate(Aggregators.krum(trial.f()), trial.all());
      double bound = (Math.sqrt(n - trial.f() - 1) + 1) * Vectors.diameter(trial.honest());
      assertThat(Vectors.distance(out, Vectors.mean(trial.honest()))).as("trial %d", t)
          .isLessThanOrEqualTo(bound * (1 + 1e-6) + 1e-6);
    }
  }

  /**
   * MDA's subset has diameter at most the honest diameter D and holds an honest input, so its mean
   * lies within D of that input and within 2D of the honest mean.
   */
  @Test
  void mda_fOutliers_staysWithinTwiceHonestDiameter() {
    SplittableRandom r = new SplittableRandom(44);
    for (int t = 0; t < TRIALS; t++) {
      Trial trial = trial(r, 1);
      float[] out = aggregate(Aggregators.mda(trial.f()), trial.all());
      double bound = 2 * Vectors.diameter(trial.honest());
      assertThat(Vectors.distance(out, Vectors.mean(trial.honest()))).as("trial %d", t)
          .isLessThanOrEqualTo(bound * (1 + 1e-6) + 1e-6);
    }
  }

  /**
   * Bulyan keeps values within r of the median of its selection, where the median and r are both
   * bounded by the honest values: the output stays within one honest range-width W of the honest
   * range.
   */
  @Test
  void bulyan_fOutliers_staysWithinWidenedHonestRange() {
    SplittableRandom r = new SplittableRandom(46);
    for (int t = 0; t < TRIALS; t++) {
      int f = r.nextInt(0, 3);
      Trial trial = trial(r, 1);
      while (trial.all().size() < 4 * trial.f() + 3) {
        trial = trial(r, 2 * f + 3);
      }
      float[] out = aggregate(Aggregators.bulyan(trial.f()), trial.all());
      for (int k = 0; k < out.length; k++) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float[] h : trial.honest()) {
          lo = Math.min(lo, h[k]);
          hi = Math.max(hi, h[k]);
        }
        double w = hi - lo;
        assertThat((double) out[k]).as("trial %d coordinate %d", t, k)
            .isBetween(lo - w - 1e-4, hi + w + 1e-4);
      }
    }
  }

  @Test
  void krum_farOutliers_excludedInEvidence() {
    SplittableRandom r = new SplittableRandom(45);
    List<float[]> inputs = Vectors.gaussian(r.nextLong(), 9, 20, 1.0);
    inputs.set(4, Vectors.gaussian(r.nextLong(), 1, 20, 1000.0).get(0));
    AggregationResult result = Aggregators.multiKrum(2).aggregate(inputs, AggregationContext.of(r));
    assertThat(result.evidence().get(4).excluded()).isTrue();
    assertThat(result.evidence().get(4).weight()).isEqualTo(0.0);
    assertThat(result.evidence().get(4).score()).isGreaterThan(result.evidence().get(0).score());
  }
}
