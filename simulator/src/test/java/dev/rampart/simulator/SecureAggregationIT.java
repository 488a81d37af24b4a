package dev.rampart.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.client.LocalUpdate;
import dev.rampart.client.SecureSessionHook;
import dev.rampart.client.UpdateTransform;
import dev.rampart.coordinator.JobSummary;
import dev.rampart.coordinator.SecureAggregation;
import dev.rampart.coordinator.SecureGroupResult;
import dev.rampart.crypto.Identity;
import dev.rampart.crypto.secagg.ClientPhase;
import dev.rampart.crypto.secagg.MaskedInput;
import dev.rampart.testkit.KafkaFixture;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Twelve clients in groups of four run one secure round through a real broker; in one group a
 * member goes silent after P2 (its masked input counts, its self-mask seed is reconstructed), in
 * another a member goes silent after P1 (it is dropped and its pairwise masks are removed). Each
 * client's trainer returns only once its session has sent P1 (or after 30 s): the session's first
 * phases run while the client trains.
 */
class SecureAggregationIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();

  private static final int CLIENTS = 12;
  private static final int DIMENSION = 300;

  @Test
  void run_twelveClientsTwoDropouts_recoversEveryGroupSumExactlyWithoutSeeingAnInput() throws Exception {
    Map<String, int[]> encoded = new ConcurrentHashMap<>();
    Map<String, Integer> groupOf = new ConcurrentHashMap<>();
    Map<Integer, String> silent = new ConcurrentHashMap<>();
    List<SecureGroupResult> results = new CopyOnWriteArrayList<>();
    List<dev.rampart.coordinator.RoundSummary> summaries = new CopyOnWriteArrayList<>();
    Map<String, CountDownLatch> sharesSent = new ConcurrentHashMap<>();
    List<String> trainedBeforeShares = new CopyOnWriteArrayList<>();
    try (JobHarness h = new JobHarness("secagg-it", KAFKA.bootstrapServers(), CLIENTS)) {
      for (Identity id : h.clients) {
        sharesSent.put(id.id(), new CountDownLatch(1));
        SecureSessionHook hook = new DroppingHook(id.id(), encoded, groupOf, silent, sharesSent.get(id.id()));
        h.startClient(h.clientConfigBuilder(id).secureSessionHook(hook).build(),
            fixedUpdate(id.id(), sharesSent.get(id.id()), trainedBeforeShares), UpdateTransform.identity());
      }
      SecureAggregation secure = SecureAggregation.builder().groupSize(4).threshold(3).minSurvivors(3)
          .clip(1.0).phaseTimeout(Duration.ofSeconds(3)).listener(results::add).build();
      JobSummary job = h.runCoordinator(h.config(new float[DIMENSION], 1).roundTimeout(Duration.ofSeconds(40))
          .secureAggregation(secure).build(), summaries::add);
      h.awaitClients();

      assertThat(trainedBeforeShares).as("clients whose session sent no P1 while they trained").isEmpty();
      assertThat(job.finalModelVersion()).isEqualTo(1);
      assertThat(summaries).singleElement().satisfies(r -> {
        assertThat(r.committed()).isTrue();
        assertThat(r.trainLossKnown()).as("no client's loss reaches the coordinator").isFalse();
        assertThat(r.meanTrainLoss()).isNaN();
      });
      assertThat(silent).containsOnlyKeys(0, 1);
      assertThat(results).hasSize(3).allSatisfy(r -> assertThat(r.succeeded()).as("%s", r.failure()).isTrue());
      for (SecureGroupResult r : results) {
        List<String> expectedSurvivors = r.groupId() == 1
            ? r.members().stream().filter(m -> !m.equals(silent.get(1))).toList() : r.members();
        assertThat(r.survivors()).isEqualTo(expectedSurvivors);
        assertThat(r.sum()).isEqualTo(plainSum(encoded, expectedSurvivors));
      }
      assertNoIndividualInputOnTheWire(h, encoded);
    }
  }

  /** Everything the coordinator could consume: no dense update, and no masked input equal to a q(x_u). */
  private static void assertNoIndividualInputOnTheWire(JobHarness h, Map<String, int[]> encoded) {
    List<MaskedInput> masked = MaskedInputsOnTopic.readAfterCheckingNoDenseUpdates(h);
    assertThat(masked).as("one masked input per member that reached P2").hasSize(CLIENTS - 1);
    for (MaskedInput y : masked) {
      for (int[] q : encoded.values()) {
        assertThat(Arrays.equals(y.vector(), q)).as("masked input of %s equals a plain input",
            y.header().sender()).isFalse();
      }
    }
  }

  private static int[] plainSum(Map<String, int[]> encoded, List<String> members) {
    int[] sum = new int[DIMENSION];
    for (String m : members) {
      int[] q = encoded.get(m);
      for (int i = 0; i < sum.length; i++) {
        sum[i] += q[i];
      }
    }
    return sum;
  }

  /** A fixed update, returned once the session has sent P1 (at most 30 s later). */
  private static dev.rampart.client.LocalTrainer fixedUpdate(String id, CountDownLatch sharesSent,
      List<String> trainedBeforeShares) {
    return (model, parameters, round) -> {
      try {
        if (!sharesSent.await(30, TimeUnit.SECONDS)) {
          trainedBeforeShares.add(id);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        trainedBeforeShares.add(id);
      }
      SplittableRandom random = new SplittableRandom(id.hashCode());
      float[] v = new float[DIMENSION];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) random.nextDouble(-1.5, 1.5);
      }
      return new LocalUpdate(v, 10, 0.5f);
    };
  }

  /**
   * Records q(x_u); the first member of group 0 to encode goes silent after P2, the first of
   * group 1 after P1; counts {@code sharesSent} down once the session has reached P1.
   */
  private record DroppingHook(String id, Map<String, int[]> encoded, Map<String, Integer> groupOf,
      Map<Integer, String> silent, CountDownLatch sharesSent) implements SecureSessionHook {
    @Override
    public void encoded(long round, int groupId, int[] encodedInput) {
      encoded.put(id, encodedInput);
      groupOf.put(id, groupId);
      if (groupId <= 1) {
        silent.putIfAbsent(groupId, id);
      }
    }

    @Override
    public boolean stopAfter(long round, ClientPhase phase) {
      if (phase.ordinal() >= ClientPhase.SHARES_SENT.ordinal()) {
        sharesSent.countDown();
      }
      Integer g = groupOf.get(id);
      if (g == null || !id.equals(silent.get(g))) {
        return false;
      }
      return phase == (g == 0 ? ClientPhase.INPUT_SENT : ClientPhase.SHARES_SENT);
    }
  }
}
