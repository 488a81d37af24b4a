package dev.rampart.compression.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IndexSamplerTest {
  @Test
  void splitMix64_seedZero_matchesPublishedReferenceOutputs() {
    // First outputs of the reference splitmix64.c (prng.di.unimi.it) for state 0.
    IndexSampler.SplitMix64 random = new IndexSampler.SplitMix64(0);
    assertThat(random.nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
    assertThat(random.nextLong()).isEqualTo(0x6E789E6AA1B965F4L);
    assertThat(random.nextLong()).isEqualTo(0x06C45D188009454FL);
  }

  @Test
  void sample_anySeed_givesKSortedDistinctIndicesInRange() {
    SplittableRandom seeds = new SplittableRandom(1);
    for (int trial = 0; trial < 200; trial++) {
      int d = 1 + seeds.nextInt(500);
      int k = 1 + seeds.nextInt(d);
      int[] indices = IndexSampler.sample(seeds.nextLong(), d, k);
      assertThat(indices).hasSize(k).isSorted().doesNotHaveDuplicates();
      assertThat(indices[0]).isNotNegative();
      assertThat(indices[k - 1]).isLessThan(d);
    }
  }

  @Test
  void sample_sameSeed_isDeterministic_otherSeedDiffers() {
    assertThat(IndexSampler.sample(42, 10_000, 100))
        .isEqualTo(IndexSampler.sample(42, 10_000, 100));
    assertThat(IndexSampler.sample(42, 10_000, 100))
        .isNotEqualTo(IndexSampler.sample(43, 10_000, 100));
  }

  @Test
  void sample_kEqualsD_selectsEverything() {
    assertThat(IndexSampler.sample(7, 5, 5)).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void sample_d5k2_everySubsetEquallyLikelyWithin4StandardErrors() {
    int draws = 50_000;
    Map<String, Integer> counts = new HashMap<>();
    for (long seed = 0; seed < draws; seed++) {
      int[] s = IndexSampler.sample(seed * 0x9E3779B97F4A7C15L + 3, 5, 2);
      counts.merge(s[0] + "," + s[1], 1, Integer::sum);
    }
    assertThat(counts).hasSize(10);
    double p = 0.1;
    double standardError = Math.sqrt(p * (1 - p) / draws);
    counts.forEach((subset, n) ->
        assertThat((double) n / draws).as(subset).isCloseTo(p, within(4 * standardError)));
  }

  @Test
  void nextBounded_bound3_uniformWithin4StandardErrors() {
    IndexSampler.SplitMix64 random = new IndexSampler.SplitMix64(99);
    int draws = 60_000;
    int[] counts = new int[3];
    for (int i = 0; i < draws; i++) {
      counts[random.nextBounded(3)]++;
    }
    double standardError = Math.sqrt((1.0 / 3) * (2.0 / 3) / draws);
    for (int c : counts) {
      assertThat((double) c / draws).isCloseTo(1.0 / 3, within(4 * standardError));
    }
  }
}
