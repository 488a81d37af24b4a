package dev.rampart.cli.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.audit.AuditEvents;
import dev.rampart.cli.data.Dataset;
import dev.rampart.cli.data.Datasets;
import dev.rampart.client.ClientRunSummary;
import dev.rampart.coordinator.JobSummary;
import dev.rampart.crypto.ClientRegistry;
import dev.rampart.crypto.Identity;
import dev.rampart.testkit.KafkaFixture;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Runs the guide's example ({@link OwnNetworkJob}) as written: three clients, the digits, the real broker. */
class OwnNetworkJobIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();
  private static final int CLIENTS = 3;
  @TempDir Path dir;

  @Test
  void theGuidesExample_runsThreeRoundsWithEveryClientsUpdate() throws Exception {
    Dataset[] split = Datasets.digits().trainTestSplit(0.2, 5);
    Dataset[] parts = split[0].iidSplit(CLIENTS, 5);
    SecureRandom random = new SecureRandom();
    Identity coordinator = Identity.generate("coordinator", random);
    ClientRegistry registry = ClientRegistry.empty();
    List<Identity> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      Identity id = Identity.generate("bank-" + i, random);
      clients.add(id);
      registry = registry.withClient(id.id(), id.publicKey());
    }
    ClientRegistry enrolled = registry;
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
    try {
      Future<JobSummary> job = pool.submit(() -> OwnNetworkJob.runCoordinator(coordinator, enrolled,
          KAFKA.bootstrapServers(), dir.resolve("run"), split[1].features(), split[1].labels()));
      List<Future<ClientRunSummary>> runs = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        Identity me = clients.get(i);
        Dataset mine = parts[i];
        runs.add(pool.submit(() -> OwnNetworkJob.runClient(me, coordinator.publicKey(), KAFKA.bootstrapServers(),
            iterator(mine))));
      }
      JobSummary summary = job.get(5, TimeUnit.MINUTES);
      assertThat(summary.committedRounds()).isEqualTo(3);
      assertThat(summary.acceptedUpdates()).isEqualTo(3L * CLIENTS);
      for (Future<ClientRunSummary> r : runs) {
        ClientRunSummary s = r.get(1, TimeUnit.MINUTES);
        assertThat(s.finished()).isTrue();
        assertThat(s.roundsAnswered()).isEqualTo(3);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static ListDataSetIterator<DataSet> iterator(Dataset data) {
    float[][] x = data.features();
    float[][] y = new float[x.length][data.classes()];
    for (int i = 0; i < x.length; i++) {
      y[i][data.labels()[i]] = 1;
    }
    return new ListDataSetIterator<>(new DataSet(Nd4j.create(x), Nd4j.create(y)).asList(), 16);
  }
}
