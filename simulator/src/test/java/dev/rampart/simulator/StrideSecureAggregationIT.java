package dev.rampart.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rampart.audit.AuditQuery;
import dev.rampart.audit.AuditRecord;
import dev.rampart.audit.RecordType;
import dev.rampart.cli.data.Dataset;
import dev.rampart.cli.data.Datasets;
import dev.rampart.client.SecureSessionHook;
import dev.rampart.client.SoftmaxRegression;
import dev.rampart.client.UpdateTransform;
import dev.rampart.coordinator.CodedMode;
import dev.rampart.coordinator.RoundSummary;
import dev.rampart.coordinator.SecureAggregation;
import dev.rampart.coordinator.SecureGroupResult;
import dev.rampart.crypto.secagg.ClientPhase;
import dev.rampart.crypto.secagg.MaskedInput;
import dev.rampart.protocol.DataShard;
import dev.rampart.testkit.KafkaFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * LAD under grouped secure aggregation through a real broker: nine clients, nine digits shards,
 * redundancy 3, so the coordinator plans three stride groups of three, each covering every shard
 * once. One member of one group sign-flips its coded gradient. Every honest group mean is then the
 * full gradient, the median over the three group means outvotes the spoiled group, the
 * coordinator never sees an individual vector, and in one round an honest member goes silent
 * after P1, so its group no longer tiles the shards and is dropped whole.
 */
class StrideSecureAggregationIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();

  private static final int CLIENTS = 9;
  private static final int REDUNDANCY = 3;
  private static final int ROUNDS = 6;
  private static final long DROPOUT_ROUND = 3;
  private static final String BYZANTINE = "client-4";
  private static final String SILENT = "client-8";
  private static final double CLIP = 1.0;
  private static final int DIMENSION = SoftmaxRegression.parameterCount(64, 10);
  /**
   * Honest group mean versus the full gradient: fixed-point rounding of at most one step
   * 2C/2^30 ≈ 1.9e-9 per member for s = 3 (b = 30), plus float32 rounding of the coded vectors
   * and of the reference sum; the gap is printed (7.5e-9 when this test was written).
   */
  private static final double TOLERANCE = 1e-6;

  @Test
  void run_ladWithStrideGroupsAndOneSignFlipper_honestGroupMeansAreTheFullGradientAndMedianOutvotesTheSpoiledGroup(
      @TempDir Path runDir) throws Exception {
    Dataset[] split = Datasets.digits().trainTestSplit(0.2, 7);
    List<DataShard> shards = CodedSimulation.shards(split[0].iidSplit(CLIENTS, 8));
    Map<String, int[]> encoded = new ConcurrentHashMap<>();
    List<SecureGroupResult> groups = new CopyOnWriteArrayList<>();
    try (JobHarness h = new JobHarness("stride-secagg-it", KAFKA.bootstrapServers(), CLIENTS)) {
      for (int i = 0; i < CLIENTS; i++) {
        String id = h.clients.get(i).id();
        SoftmaxRegression trainer = new SoftmaxRegression(shards.get(i).features(), shards.get(i).labels(), 10, i);
        UpdateTransform behaviour = id.equals(BYZANTINE) ? Attacks.parse("sign-flip", i) : UpdateTransform.identity();
        h.startClient(h.clientConfigBuilder(h.clients.get(i)).secureSessionHook(new Hook(id, encoded)).build(), trainer,
            behaviour);
      }
      SecureAggregation secure = SecureAggregation.builder().groupSize(CLIENTS / REDUNDANCY).clip(CLIP)
          .phaseTimeout(Duration.ofSeconds(5)).listener(groups::add).build();
      long start = System.nanoTime();
      h.runCoordinator(h.config(new float[DIMENSION], ROUNDS).roundTimeout(Duration.ofSeconds(40))
          .aggregation("median").maxByzantine(1).serverLearningRate(2.0).runDirectory(runDir)
          .codedMode(CodedMode.lad(shards, REDUNDANCY)).secureAggregation(secure).build(), s -> { });
      h.awaitClients();
      double seconds = (System.nanoTime() - start) / 1e9;

      assertThat(h.rounds).hasSize(ROUNDS);
      assertThat(groups).hasSize(REDUNDANCY * ROUNDS);
      double largestGap = assertHonestGroupMeansAreTheFullGradient(h.rounds, groups, shards);
      assertDropoutRoundDroppedTheBrokenGroupOnly(h.rounds, groups);
      List<AuditRecord> records = AuditQuery.load(runDir.resolve("audit"));
      assertAuditStatesStrideGroupsAndNamesTheSpoiledGroup(records, groups);
      assertNoIndividualInputOnTheWire(h, encoded);

      RoundSummary last = h.rounds.get(ROUNDS - 1);
      double accuracy = SoftmaxRegression.accuracy(last.model(), split[1].features(), split[1].labels(), 10);
      System.out.printf("StrideSecureAggregationIT: test accuracy %.4f after %d rounds, largest |honest group mean -"
          + " full gradient| %.3g, %.1f s%n", accuracy, ROUNDS, largestGap, seconds);
      assertThat(accuracy).as("test accuracy after %d rounds", ROUNDS).isGreaterThanOrEqualTo(0.80);
    }
  }

  /**
   * Recomputes (1/K)·Σ_k g_k at each round's starting model and compares every honest, complete
   * group mean with it coordinate by coordinate; returns the largest gap seen.
   */
  private static double assertHonestGroupMeansAreTheFullGradient(List<RoundSummary> rounds,
      List<SecureGroupResult> groups, List<DataShard> shards) {
    SoftmaxRegression reference = new SoftmaxRegression(shards.get(0).features(), shards.get(0).labels(), 10, 0);
    double largest = 0;
    for (RoundSummary round : rounds) {
      float[] model = round.round() == 1 ? new float[DIMENSION] : rounds.get((int) round.round() - 2).model();
      float[] full = new float[DIMENSION];
      for (DataShard shard : shards) {
        float[] g = reference.shardGradient(model.clone(), shard, Map.of()).vector();
        for (int j = 0; j < DIMENSION; j++) {
          full[j] += g[j] / shards.size();
        }
      }
      List<float[]> honest = groups.stream().filter(g -> g.round() == round.round() && g.succeeded()
          && !g.members().contains(BYZANTINE)).map(SecureGroupResult::mean).toList();
      assertThat(honest).as("honest complete groups of round %d", round.round())
          .hasSize(round.round() == DROPOUT_ROUND ? 1 : 2);
      for (float[] mean : honest) {
        for (int j = 0; j < DIMENSION; j++) {
          assertThat((double) mean[j]).as("round %d coordinate %d", round.round(), j)
              .isCloseTo(full[j], within(TOLERANCE));
          largest = Math.max(largest, Math.abs(mean[j] - full[j]));
        }
      }
      if (honest.size() == 2) {
        assertThat(honest.get(0)).usingComparatorWithPrecision((float) TOLERANCE).containsExactly(honest.get(1));
      }
    }
    return largest;
  }

  private static void assertDropoutRoundDroppedTheBrokenGroupOnly(List<RoundSummary> rounds,
      List<SecureGroupResult> groups) {
    List<SecureGroupResult> failed = groups.stream().filter(g -> !g.succeeded()).toList();
    assertThat(failed).hasSize(1);
    SecureGroupResult broken = failed.get(0);
    assertThat(broken.round()).isEqualTo(DROPOUT_ROUND);
    assertThat(broken.members()).contains(SILENT);
    assertThat(broken.failure()).hasValueSatisfying(f -> assertThat(f)
        .startsWith("stride group incomplete: coverage broken").contains(SILENT));
    RoundSummary dropout = rounds.get((int) DROPOUT_ROUND - 1);
    assertThat(dropout.accepted()).hasSize(REDUNDANCY - 1)
        .noneMatch(c -> c.value().equals(SecureGroupResult.inputId(broken.groupId())));
    assertThat(rounds.stream().filter(r -> r.round() != DROPOUT_ROUND))
        .allSatisfy(r -> assertThat(r.committed()).isTrue())
        .allSatisfy(r -> assertThat(r.accepted()).hasSize(REDUNDANCY));
  }

  @SuppressWarnings("unchecked")
  private static void assertAuditStatesStrideGroupsAndNamesTheSpoiledGroup(List<AuditRecord> records,
      List<SecureGroupResult> groups) {
    AuditRecord started = AuditQuery.all().types(RecordType.JOB_STARTED).select(records).get(0);
    Map<String, Object> settings = (Map<String, Object>) started.body().get("settings");
    assertThat((Map<String, Object>) settings.get("secureAggregation")).containsEntry("grouping", "stride")
        .containsEntry("stride", REDUNDANCY).containsEntry("groupSize", 3).containsEntry("threshold", 2)
        .containsEntry("groups", REDUNDANCY).containsEntry("toleratedByzantineGroups", 1);
    assertThat(AuditQuery.all().types(RecordType.ROUND_PLANNED).select(records)).hasSize(ROUNDS)
        .allSatisfy(r -> assertThat(r.body()).containsEntry("grouping", "stride").containsEntry("stride", REDUNDANCY));
    assertThat(AuditQuery.all().types(RecordType.UPDATE_REJECTED).select(records))
        .anySatisfy(r -> assertThat((String) r.body().get("detail")).contains("stride group incomplete"));

    Map<Long, String> spoiled = groups.stream().filter(g -> g.members().contains(BYZANTINE))
        .collect(Collectors.toMap(SecureGroupResult::round, g -> SecureGroupResult.inputId(g.groupId())));
    List<AuditRecord> anomalies = AuditQuery.all().types(RecordType.ANOMALY).select(records);
    assertThat(anomalies).hasSize(ROUNDS);
    for (AuditRecord r : anomalies) {
      long round = ((Number) r.body().get("round")).longValue();
      if (round != DROPOUT_ROUND) {
        assertThat((List<Object>) r.body().get("suspected")).as("round %d", round).containsExactly(spoiled.get(round));
      }
    }
  }

  /** The coordinator consumed no dense update, and no masked input equals any client's q(x_u). */
  private static void assertNoIndividualInputOnTheWire(JobHarness h, Map<String, int[]> encoded) {
    List<MaskedInput> masked = MaskedInputsOnTopic.readAfterCheckingNoDenseUpdates(h);
    assertThat(encoded).hasSize(CLIENTS * ROUNDS);
    assertThat(masked).as("one masked input per member and round, less the silent one").hasSize(CLIENTS * ROUNDS - 1);
    for (MaskedInput y : masked) {
      for (int[] q : encoded.values()) {
        assertThat(Arrays.equals(y.vector(), q)).as("masked input of %s equals a plain input", y.header().sender())
            .isFalse();
      }
    }
  }

  /** Records every q(x_u) by client and round; {@link #SILENT} goes silent after P1 in the dropout round. */
  private record Hook(String id, Map<String, int[]> encoded) implements SecureSessionHook {
    @Override
    public void encoded(long round, int groupId, int[] encodedInput) {
      encoded.put(id + "@" + round, encodedInput);
    }

    @Override
    public boolean stopAfter(long round, ClientPhase phase) {
      return id.equals(SILENT) && round == DROPOUT_ROUND && phase == ClientPhase.SHARES_SENT;
    }
  }
}
