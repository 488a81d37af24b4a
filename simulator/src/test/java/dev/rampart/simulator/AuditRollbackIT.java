package dev.rampart.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.audit.AuditQuery;
import dev.rampart.audit.AuditRecord;
import dev.rampart.audit.AuditVerifier;
import dev.rampart.audit.ModelRef;
import dev.rampart.audit.ModelStore;
import dev.rampart.audit.RecordType;
import dev.rampart.cli.data.Dataset;
import dev.rampart.cli.data.Datasets;
import dev.rampart.client.SoftmaxRegression;
import dev.rampart.coordinator.Rollback;
import dev.rampart.protocol.FloatVectors;
import dev.rampart.protocol.Hex;
import dev.rampart.protocol.TopicNames;
import dev.rampart.protocol.wire.Envelope;
import dev.rampart.protocol.wire.Frame;
import dev.rampart.protocol.wire.RoundPlan;
import dev.rampart.testkit.KafkaFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten rounds, a rollback to version 5, five more rounds, over a real broker: training continues
 * from a model bit-identical to version 5, the lineage shows the branch, the audit chain verifies
 * and the Kafka mirror matches the files record for record.
 */
class AuditRollbackIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();
  @TempDir Path runDir;

  @Test
  void rollbackToVersionFive_thenFiveRounds_branchesFromBitIdenticalModelAndChainVerifies() throws Exception {
    Dataset[] shards = Datasets.digits().trainTestSplit(0.2, 1)[0].iidSplit(3, 2);
    int dimension = SoftmaxRegression.parameterCount(64, 10);
    try (JobHarness h = new JobHarness("rollback-it", KAFKA.bootstrapServers(), 3)) {
      startClients(h, shards);
      h.runCoordinator(h.config(new float[dimension], 10).runDirectory(runDir).build(), s -> { });
      h.awaitClients();

      ModelRef v5 = Rollback.to(runDir, h.coordinator, "v5", "suspected poisoning", "it");
      assertThat(v5.version()).isEqualTo(5);
      assertThat(v5.round()).isEqualTo(5);

      try (JobHarness again = h.restartClients()) {
        startClients(again, shards);
        again.runCoordinator(h.config(new float[dimension], 15).runDirectory(runDir).build(), s -> { });
        again.awaitClients();
      }
      assertThat(h.rounds).extracting(r -> r.round()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L,
          11L, 12L, 13L, 14L, 15L);

      ModelStore store = ModelStore.open(runDir.resolve("models"));
      float[] restored = store.get(v5.digest());
      RoundPlan round11 = plan(TopicNames.of(h.job).plans(), 11);
      assertThat(Hex.of(round11.getModelDigest().toByteArray())).isEqualTo(v5.digest());
      assertThat(FloatVectors.digest(restored)).isEqualTo(round11.getModelDigest().toByteArray());

      List<ModelRef> lineage = store.lineage();
      assertThat(lineage).extracting(ModelRef::version).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L,
          11L, 12L, 13L, 14L, 15L);
      ModelRef v11 = lineage.get(11);
      assertThat(v11.parentDigest()).contains(v5.digest());
      assertThat(v11.parentVersion()).hasValue(5);
      assertThat(lineage.get(6).parentVersion()).hasValue(5);

      assertThat(AuditVerifier.verify(runDir.resolve("audit"), h.coordinator.publicKey()).valid()).isTrue();
      List<AuditRecord> records = AuditQuery.load(runDir.resolve("audit"));
      assertThat(records).filteredOn(r -> r.type() == RecordType.ROLLBACK).singleElement()
          .satisfies(r -> assertThat(r.body()).containsEntry("fromVersion", 10).containsEntry("toVersion", 5));
      List<byte[]> mirror = mirror(TopicNames.of(h.job).audit());
      assertThat(mirror).hasSize(records.size());
      assertThat(AuditVerifier.compareMirror(runDir.resolve("audit"), mirror, h.coordinator.publicKey()).valid()).isTrue();
    }
  }

  private static void startClients(JobHarness h, Dataset[] shards) {
    for (int i = 0; i < 3; i++) {
      h.startClient(h.clients.get(i), new SoftmaxRegression(shards[i].features(), shards[i].labels(), 10, i));
    }
  }

  private static RoundPlan plan(String topic, long round) throws Exception {
    for (ConsumerRecord<String, byte[]> r : readAll(topic)) {
      Envelope e = Frame.parseFrom(r.value()).getEnvelope();
      if (e.getRound() == round) {
        return RoundPlan.parseFrom(e.getBody());
      }
    }
    throw new AssertionError("no plan for round " + round);
  }

  private static List<byte[]> mirror(String topic) {
    List<byte[]> values = new ArrayList<>();
    readAll(topic).forEach(r -> values.add(r.value()));
    return values;
  }

  private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", KAFKA.bootstrapServers()),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
      while (consumer.position(tp) < end) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      return out;
    }
  }
}
