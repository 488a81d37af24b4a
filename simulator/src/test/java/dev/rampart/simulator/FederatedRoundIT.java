package dev.rampart.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.cli.data.Dataset;
import dev.rampart.cli.data.Datasets;
import dev.rampart.client.ClientRunSummary;
import dev.rampart.client.SoftmaxRegression;
import dev.rampart.coordinator.JobSummary;
import dev.rampart.coordinator.RoundSummary;
import dev.rampart.testkit.KafkaFixture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A coordinator and three clients train through a real broker. */
class FederatedRoundIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();

  @Test
  void run_threeClientsFiveRounds_everyUpdateAcceptedAndModelImproves() throws Exception {
    Dataset[] split = Datasets.digits().trainTestSplit(0.2, 1);
    Dataset[] shards = split[0].iidSplit(3, 2);
    int dimension = SoftmaxRegression.parameterCount(64, 10);
    try (JobHarness h = new JobHarness("round-it", KAFKA.bootstrapServers(), 3)) {
      for (int i = 0; i < 3; i++) {
        h.startClient(h.clients.get(i), new SoftmaxRegression(shards[i].features(), shards[i].labels(), 10, i));
      }
      JobSummary job = h.runCoordinator(h.config(new float[dimension], 5)
          .trainingParameter("learning_rate", "0.5").build(), s -> { });
      List<ClientRunSummary> clients = h.awaitClients();

      assertThat(job.rounds()).isEqualTo(5);
      assertThat(job.acceptedUpdates()).isEqualTo(15);
      assertThat(job.rejectedUpdates()).isZero();
      assertThat(job.finalModelVersion()).isEqualTo(5);
      assertThat(h.rounds).allSatisfy(r -> {
        assertThat(r.committed()).isTrue();
        assertThat(r.accepted()).extracting(c -> c.value()).containsExactlyInAnyOrder("client-0", "client-1", "client-2");
      });
      assertThat(clients).allSatisfy(c -> {
        assertThat(c.finished()).isTrue();
        assertThat(c.roundsAnswered()).isEqualTo(5);
        assertThat(c.ignoredMessages()).isZero();
      });
      RoundSummary first = h.rounds.get(0);
      RoundSummary last = h.rounds.get(4);
      assertThat(last.meanTrainLoss()).isLessThan(first.meanTrainLoss());
      double accuracy = SoftmaxRegression.accuracy(last.model(), split[1].features(), split[1].labels(), 10);
      assertThat(accuracy).isGreaterThan(0.85);
    }
  }
}
