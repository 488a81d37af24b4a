package dev.rampart.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.audit.AuditQuery;
import dev.rampart.audit.AuditRecord;
import dev.rampart.audit.AuditVerifier;
import dev.rampart.audit.RecordType;
import dev.rampart.audit.RejectionTally;
import dev.rampart.client.LocalUpdate;
import dev.rampart.coordinator.JobSummary;
import dev.rampart.coordinator.RoundSummary;
import dev.rampart.crypto.Envelopes;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.Framing;
import dev.rampart.protocol.RejectionReason;
import dev.rampart.protocol.TopicNames;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.Frame;
import dev.rampart.protocol.wire.MessageType;
import dev.rampart.testkit.KafkaFixture;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Before the job starts, an outsider fills the updates topic: a record keyed by 200 KB of control
 * characters, an envelope whose claimed sender is those 200 KB, and a flood of junk records under
 * distinct keys. The job runs both rounds with every honest update, the audit log verifies, and
 * round 1's rejections are one bounded summary record.
 */
class HostileSenderIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();
  private static final int DIMENSION = 8;
  private static final int FLOOD = 300;
  private static final String CONTROL = "\u0001".repeat(200_000);

  @TempDir Path run;

  @Test
  void job_hostileSendersBeforeRoundOne_summarisesThemAndCompletesWithAVerifiableLog() throws Exception {
    try (JobHarness h = new JobHarness("hostile-sender-it", KAFKA.bootstrapServers(), 3)) {
      TopicNames topics = TopicNames.of(h.job);
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", h.bootstrap))) {
        admin.createTopics(List.of(new NewTopic(topics.updates(), 1, (short) 1))).all().get();
      }
      flood(h, topics);
      for (Identity client : h.clients) {
        h.startClient(client, (model, params, round) -> new LocalUpdate(filled(0.01f), 10, 1f));
      }

      JobSummary job = h.runCoordinator(h.config(new float[DIMENSION], 2).runDirectory(run).build(), s -> { });
      h.awaitClients();

      RoundSummary round1 = h.rounds.get(0);
      assertThat(job.rounds()).isEqualTo(2);
      assertThat(round1.committed()).isTrue();
      assertThat(round1.accepted()).hasSize(3);
      assertThat(round1.rejectionsByReason()).containsEntry(RejectionReason.MALFORMED, FLOOD + 2L);
      assertThat(job.rejectedUpdates()).isEqualTo(FLOOD + 2L);
      Path audit = run.resolve("audit");
      assertThat(AuditVerifier.verify(audit, h.coordinator.publicKey()).valid()).isTrue();
      List<AuditRecord> records = AuditQuery.load(audit);
      assertThat(records).allSatisfy(r -> assertThat(r.bytes().length).isLessThan(RejectionTally.MAX_BODY_BYTES));
      assertThat(records).filteredOn(r -> r.type() == RecordType.REJECTIONS_SUMMARIZED).singleElement()
          .satisfies(r -> assertThat(r.body()).containsEntry("round", 1).containsEntry("total", FLOOD + 2));
      assertThat(records).noneMatch(r -> r.type() == RecordType.UPDATE_REJECTED);
    }
  }

  private static void flood(JobHarness h, TopicNames topics) throws Exception {
    Identity mallory = Identity.generate("mallory", new SecureRandom());
    Envelope claimed = Envelopes.seal(mallory, MessageType.CLIENT_UPDATE, h.job.value(), 1, new byte[] {1}, 0)
        .toBuilder().setSender(CONTROL).build();
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", h.bootstrap),
        new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topics.updates(), CONTROL, new byte[] {(byte) 0xff, 0, 1})).get();
      producer.send(new ProducerRecord<>(topics.updates(), CONTROL,
          Frame.newBuilder().setEnvelope(claimed).build().toByteArray())).get();
      for (int i = 0; i < FLOOD; i++) {
        producer.send(new ProducerRecord<>(topics.updates(), "forged-" + i, new byte[] {(byte) 0xff, (byte) i}));
      }
      producer.flush();
    }
  }

  private static float[] filled(float value) {
    float[] v = new float[DIMENSION];
    Arrays.fill(v, value);
    return v;
  }
}
