package dev.rampart.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.rampart.cli.check.SignedMessages;
import dev.rampart.cli.check.TopicRecords;
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
import dev.rampart.protocol.wire.RoundPlan;
import dev.rampart.testkit.KafkaFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rampart audit check} over a real broker: a clean run has no findings; an honest, signed,
 * on-time update on the updates topic that the coordinator never accepted or rejected (here the
 * update of an enrolled participant that never ran, written with a timestamp before the round's
 * deadline, as a lost update would look) is reported with its client, round and offset; a model
 * file whose bytes no longer match its digest is reported; either way the exit code is 1.
 */
class AuditCheckIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();
  @TempDir Path dir;

  @Test
  void cleanRunPasses_thenALostUpdateAndACorruptModelAreEachReported() throws Exception {
    InProcessJob job = new InProcessJob(dir, KAFKA.bootstrapServers(), "check-it", 4, 3, 3, "6s");
    job.start();
    job.finish();
    assertThat(job.auditCheck()).as(job.checkOutput()).isZero();
    assertThat(job.checkOutput()).contains("round 3: committed once, 3 accepted, 3 signed on-time updates on the topic,"
        + " 0 lost, 0 accepted twice").contains("check: no findings");

    TopicNames topics = TopicNames.of(JobId.of("check-it"));
    Identity absent = Identity.load(job.files.dir.resolve("keys/client-03.key"));
    RoundPlan plan = SignedMessages.plans(TopicRecords.read(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
        topics.plans()), "check-it", Identity.load(job.files.dir.resolve("keys/coordinator.key")).publicKey()).get(3L)
        .stream().filter(p -> !p.getClosed()).max(Comparator.comparingLong(RoundPlan::getDeadlineMs)).orElseThrow();
    publishUpdate(topics.updates(), absent, plan);
    assertThat(job.auditCheck()).as(job.checkOutput()).isEqualTo(1);
    assertThat(job.checkOutput()).contains("FINDING: round 3: the signed, on-time update of client-03")
        .contains("was neither accepted nor rejected").contains("check: 1 finding(s)");

    Path model = largestModelFile(job.runDirectory().resolve("models"));
    byte[] bytes = Files.readAllBytes(model);
    bytes[bytes.length - 1] ^= 0x01;
    Files.write(model, bytes);
    assertThat(job.auditCheck()).isEqualTo(1);
    assertThat(job.checkOutput()).contains("FINDING: model version").contains("check: 2 finding(s)");
  }

  /** What a lost update would look like: signed by an enrolled participant, computed from the plan's model, on time. */
  private static void publishUpdate(String topic, Identity client, RoundPlan plan) throws Exception {
    ClientUpdate update = ClientUpdate.newBuilder().setJobId(plan.getJobId()).setRound(plan.getRound())
        .setBaseModelDigest(plan.getModelDigest()).setSampleCount(10).setTrainLoss(1f)
        .setDense(FloatVectors.toWire(new float[plan.getDimension()])).build();
    Envelope envelope = Envelopes.seal(client, MessageType.CLIENT_UPDATE, plan.getJobId(), plan.getRound(),
        update.toByteArray(), plan.getDeadlineMs() - 1000);
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", KAFKA.bootstrapServers()),
        new StringSerializer(), new ByteArraySerializer())) {
      for (Frame f : Framing.frames(envelope, Framing.DEFAULT_MAX_FRAME_BYTES, plan.getDeadlineMs(),
          ChunkSigning.signer(client))) {
        producer.send(new ProducerRecord<>(topic, null, plan.getDeadlineMs() - 1000, client.id(), f.toByteArray())).get();
      }
    }
  }

  private static Path largestModelFile(Path models) throws Exception {
    try (Stream<Path> files = Files.walk(models)) {
      List<Path> candidates = files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".bin"))
          .sorted(Comparator.comparing(Path::toString)).toList();
      assertThat(candidates).isNotEmpty();
      return candidates.get(candidates.size() - 1);
    }
  }
}
