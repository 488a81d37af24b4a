package dev.rampart.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.audit.AuditQuery;
import dev.rampart.audit.AuditRecord;
import dev.rampart.audit.RecordType;
import dev.rampart.cli.data.Dataset;
import dev.rampart.cli.data.Datasets;
import dev.rampart.client.SoftmaxRegression;
import dev.rampart.client.UpdateTransform;
import dev.rampart.coordinator.RoundSummary;
import dev.rampart.coordinator.SecureAggregation;
import dev.rampart.coordinator.SecureGroupResult;
import dev.rampart.crypto.Identity;
import dev.rampart.testkit.KafkaFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty clients on the digits data, two of them Byzantine (one sign-flips its update, one scales
 * it by −8) inside their secure-aggregation groups of four: the coordinator sees five group means
 * per round, the coordinate-wise median outvotes the spoiled ones, the model converges, and the
 * audit log names the outvoted groups.
 */
class RobustSecureAggregationIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();

  private static final int CLIENTS = 20;
  private static final int ROUNDS = 6;

  @Test
  void run_twoByzantineInsideGroups_medianOverGroupMeansConvergesAndAuditNamesOutvotedGroups(@TempDir Path runDir)
      throws Exception {
    Dataset[] split = Datasets.digits().trainTestSplit(0.2, 1);
    Dataset[] shards = split[0].iidSplit(CLIENTS, 2);
    int dimension = SoftmaxRegression.parameterCount(64, 10);
    List<SecureGroupResult> groups = new CopyOnWriteArrayList<>();
    try (JobHarness h = new JobHarness("robust-secagg-it", KAFKA.bootstrapServers(), CLIENTS)) {
      for (int i = 0; i < CLIENTS; i++) {
        Identity id = h.clients.get(i);
        UpdateTransform behaviour = switch (id.id()) {
          case "client-18" -> Attacks.parse("sign-flip", i);
          case "client-19" -> Attacks.parse("scale(factor=-8)", i);
          default -> UpdateTransform.identity();
        };
        h.startClient(h.clientConfig(id), new SoftmaxRegression(shards[i].features(), shards[i].labels(), 10, i),
            behaviour);
      }
      SecureAggregation secure = SecureAggregation.builder().groupSize(4).clip(1.0)
          .phaseTimeout(Duration.ofSeconds(10)).listener(groups::add).build();
      h.runCoordinator(h.config(new float[dimension], ROUNDS).aggregation("median").maxByzantine(2)
          .trainingParameter("learning_rate", "0.5").runDirectory(runDir).secureAggregation(secure).build(),
          s -> { });
      h.awaitClients();

      RoundSummary last = h.rounds.get(h.rounds.size() - 1);
      double accuracy = SoftmaxRegression.accuracy(last.model(), split[1].features(), split[1].labels(), 10);
      assertThat(h.rounds).hasSize(ROUNDS).allSatisfy(r -> assertThat(r.committed()).isTrue());
      assertThat(groups).hasSize(5 * ROUNDS).allSatisfy(g -> assertThat(g.succeeded()).isTrue());
      assertThat(accuracy).as("test accuracy after %d rounds", ROUNDS).isGreaterThanOrEqualTo(0.85);
      System.out.printf("RobustSecureAggregationIT: test accuracy %.4f after %d rounds%n", accuracy, ROUNDS);

      List<AuditRecord> records = AuditQuery.load(runDir.resolve("audit"));
      assertJobStartedStatesTheBound(records);
      Set<String> scaled = new HashSet<>();
      for (SecureGroupResult g : groups) {
        if (g.members().contains("client-19")) {
          scaled.add(g.round() + ":" + SecureGroupResult.inputId(g.groupId()));
        }
      }
      Set<String> outvoted = new HashSet<>();
      for (AuditRecord r : AuditQuery.all().types(RecordType.ANOMALY).select(records)) {
        List<?> suspected = (List<?>) r.body().get("suspected");
        assertThat(suspected).as("no more groups named than the tolerated f = 2").hasSizeLessThanOrEqualTo(2);
        for (Object id : suspected) {
          outvoted.add(((Number) r.body().get("round")).longValue() + ":" + id);
        }
      }
      // The scaled member turns its group's mean around (3g − 8g)/4; the sign-flipped one only
      // halves it, (3g − g)/4, which stays among the honest means and is not singled out.
      assertThat(scaled).hasSize(ROUNDS);
      assertThat(outvoted).as("groups the median outvoted, by round").containsAll(scaled);
    }
  }

  private static void assertJobStartedStatesTheBound(List<AuditRecord> records) {
    AuditRecord started = AuditQuery.all().types(RecordType.JOB_STARTED).select(records).get(0);
    @SuppressWarnings("unchecked")
    Map<String, Object> settings = (Map<String, Object>) started.body().get("settings");
    @SuppressWarnings("unchecked")
    Map<String, Object> secure = (Map<String, Object>) settings.get("secureAggregation");
    assertThat(secure).containsEntry("groupSize", 4).containsEntry("threshold", 3).containsEntry("groups", 5)
        .containsEntry("toleratedByzantineGroups", 2);
    @SuppressWarnings("unchecked")
    Map<String, Object> threat = (Map<String, Object>) started.body().get("threatModel");
    assertThat(threat).containsEntry("secureAggregation", true).containsEntry("groupCount", 5)
        .containsEntry("boundHolds", true);
  }
}
