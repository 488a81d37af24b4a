package dev.rampart.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.rampart.audit.AuditRecord;
import dev.rampart.audit.RecordType;
import dev.rampart.cli.Main;
import dev.rampart.crypto.ChunkSigning;
import dev.rampart.crypto.Envelopes;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.FloatVectors;
import dev.rampart.protocol.Framing;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.TopicNames;
import dev.rampart.protocol.wire.ClientUpdate;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.Frame;
import dev.rampart.protocol.wire.MessageType;
import dev.rampart.testkit.KafkaFixture;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enrollment end to end: keys and registry made with the {@code rampart keys|registry} commands,
 * one client revoked with {@code rampart registry revoke}; the coordinator started from its YAML
 * file leaves the revoked client out of the plans, and the update that client signs and sends
 * anyway is rejected as REVOKED_CLIENT and written to the audit log, never aggregated.
 */
class RevokedClientIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();
  @TempDir Path dir;

  @Test
  void registryRevoke_revokedClientsNextUpdate_isRejectedAndAudited() throws Exception {
    Path keys = dir.resolve("keys");
    String registry = dir.resolve("registry.txt").toString();
    assertThat(Main.execute("keys", "generate", "--dir", keys.toString(), "--id", "coordinator", "--id", "bank-a",
        "--id", "bank-b", "--id", "bank-c")).isZero();
    assertThat(Main.execute("registry", "add", "bank-a", "bank-b", "bank-c", "--key-dir", keys.toString(),
        "--registry", registry)).isZero();
    assertThat(Main.execute("registry", "revoke", "bank-c", "--registry", registry)).isZero();
    DeployCommands.DigitsSplit.write(3, 5, 0.2, dir.resolve("data"));
    String kafka = "kafka:\n  bootstrap-servers: " + KAFKA.bootstrapServers() + "\n";
    Files.writeString(dir.resolve("coordinator.yaml"), "job: revoke-it\nidentity: keys/coordinator.key\n"
        + "registry: registry.txt\nrun-directory: run\nrounds: 2\nround-timeout: 30s\n" + kafka);
    for (String id : List.of("bank-a", "bank-b")) {
      Files.writeString(dir.resolve(id + ".yaml"), "job: revoke-it\nidentity: keys/" + id + ".key\n"
          + "coordinator-key: keys/coordinator.pub\ndata:\n  path: data/client-0" + (id.equals("bank-a") ? 0 : 1)
          + ".csv\n" + kafka);
    }
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Future<Integer> coordinator = pool.submit(() ->
          CoordinatorProcess.fromFile(dir.resolve("coordinator.yaml"), quiet).run(StopSignal.none()));
      TopicNames topics = TopicNames.of(JobId.of("revoke-it"));
      ClusterCheck.awaitTopics(new KafkaSettings(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
          Duration.ofSeconds(30)), List.of(topics.updates()), Duration.ofSeconds(60), "coordinator did not start");
      sendUpdate(topics, Identity.load(keys.resolve("bank-c.key")));
      Future<Integer> a = pool.submit(() -> ClientProcess.fromFile(dir.resolve("bank-a.yaml"), quiet).run(StopSignal.none()));
      Future<Integer> b = pool.submit(() -> ClientProcess.fromFile(dir.resolve("bank-b.yaml"), quiet).run(StopSignal.none()));
      assertThat(coordinator.get(3, TimeUnit.MINUTES)).isEqualTo(ExitCodes.COMPLETED);
      assertThat(a.get(1, TimeUnit.MINUTES)).isEqualTo(ExitCodes.COMPLETED);
      assertThat(b.get(1, TimeUnit.MINUTES)).isEqualTo(ExitCodes.COMPLETED);
    } finally {
      pool.shutdownNow();
    }

    AuditCounts audit = AuditCounts.read(dir.resolve("run"));
    // A revoked sender's signature is never checked, so its rejection is summarised, not recorded alone.
    List<AuditRecord> rejected = audit.records().stream().filter(r -> r.type() == RecordType.REJECTIONS_SUMMARIZED).toList();
    assertThat(rejected).singleElement().satisfies(r -> {
      assertThat(r.body()).containsEntry("total", 1).containsEntry("byReason", Map.of("REVOKED_CLIENT", 1))
          .containsEntry("bySender", List.of(Map.of("client", "bank-c", "count", 1)));
    });
    assertThat(audit.records()).noneMatch(r -> r.type() == RecordType.UPDATE_REJECTED);
    assertThat(audit.acceptedInCommittedAttempt().get(1L)).containsExactlyInAnyOrder("bank-a", "bank-b");
    assertThat(audit.acceptedInCommittedAttempt().get(2L)).containsExactlyInAnyOrder("bank-a", "bank-b");
    assertThat(audit.records()).filteredOn(r -> r.type() == RecordType.ROUND_PLANNED)
        .allSatisfy(r -> assertThat(r.body().get("participants")).isEqualTo(List.of("bank-a", "bank-b")));
  }

  private static void sendUpdate(TopicNames topics, Identity revoked) throws Exception {
    ClientUpdate update = ClientUpdate.newBuilder().setJobId("revoke-it").setRound(1)
        .setBaseModelDigest(ByteString.copyFrom(new byte[32])).setSampleCount(1).setTrainLoss(1f)
        .setDense(FloatVectors.toWire(new float[650])).build();
    Envelope envelope = Envelopes.seal(revoked, MessageType.CLIENT_UPDATE, "revoke-it", 1, update.toByteArray(),
        System.currentTimeMillis());
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", KAFKA.bootstrapServers()),
        new StringSerializer(), new ByteArraySerializer())) {
      for (Frame f : Framing.frames(envelope, Framing.DEFAULT_MAX_FRAME_BYTES, 0, ChunkSigning.signer(revoked))) {
        producer.send(new ProducerRecord<>(topics.updates(), revoked.id(), f.toByteArray())).get();
      }
    }
  }
}
