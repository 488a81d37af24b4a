package dev.rampart.coordinator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.aggregation.AggregationContext;
import dev.rampart.aggregation.Pipeline;
import dev.rampart.protocol.ClientId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AggregationStepTest {
  private static List<AcceptedUpdate> updates(long seed) {
    Random random = new Random(seed);
    List<AcceptedUpdate> out = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      float[] v = new float[50];
      for (int j = 0; j < v.length; j++) {
        v[j] = (float) random.nextGaussian() + (i == 0 ? 40f : 0f);
      }
      out.add(new AcceptedUpdate(ClientId.of("client-" + i), v, 1, 0f, new byte[64], new byte[32]));
    }
    return out;
  }

  private static List<float[]> vectors(List<AcceptedUpdate> updates) {
    return updates.stream().map(AcceptedUpdate::vector).toList();
  }

  /** Centered clipping starts each round from the last aggregate, which the step keeps for it. */
  @Test
  void centeredClipping_secondRound_startsFromTheFirstRoundsAggregate() {
    AggregationStep step = new AggregationStep("cc", 2, 5, false);
    Pipeline pipeline = Pipeline.parse("cc", 2);
    float[] first = step.aggregate(updates(1)).aggregate();
    float[] second = step.aggregate(updates(2)).aggregate();

    AggregationContext carried = AggregationContext.of(new SplittableRandom(5)).withPreviousAggregate(first);
    AggregationContext fresh = AggregationContext.of(new SplittableRandom(5));
    assertThat(second).containsExactly(pipeline.aggregate(vectors(updates(2)), carried).vector());
    assertThat(second).isNotEqualTo(pipeline.aggregate(vectors(updates(2)), fresh).vector());
  }

  /** The aggregate handed out is the step's own array: no input, and no later round, shares it. */
  @Test
  void aggregate_isAFreshArrayThatTheCallerMayOverwrite() {
    AggregationStep step = new AggregationStep("median", 2, 5, false);
    List<AcceptedUpdate> round = updates(3);
    float[] a = step.aggregate(round).aggregate();
    float[] expected = Pipeline.parse("median", 2)
        .aggregate(vectors(round), AggregationContext.of(new SplittableRandom(5))).vector();
    assertThat(a).containsExactly(expected);
    for (AcceptedUpdate u : round) {
      assertThat(u.vector()).isNotSameAs(a);
    }
    Arrays.fill(a, 9f);
    assertThat(step.aggregate(round).aggregate()).containsExactly(expected);
  }
}
