package dev.rampart.coordinator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.audit.AuditRecord;
import dev.rampart.audit.FsyncPolicy;
import dev.rampart.crypto.Digests;
import dev.rampart.crypto.Identity;
import dev.rampart.protocol.JobId;
import dev.rampart.protocol.TopicNames;
import dev.rampart.testkit.KafkaFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An outsider appends records to the audit topic after the coordinator's mirror: a key
 * {@code "999999"} with junk, a real record with its sequence number edited, a record signed by
 * another key. The mirror's resume point still is the coordinator's last signed record.
 */
class AuditMirrorResumeIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();
  private static final AtomicInteger JOBS = new AtomicInteger();
  private static final Identity COORDINATOR = identity("coordinator");
  private static final Identity INTRUDER = identity("intruder");

  @TempDir Path run;
  @TempDir Path elsewhere;

  private static Identity identity(String id) {
    return Identity.fromPrivateKey(id, Digests.sha256(id.getBytes(StandardCharsets.UTF_8)));
  }

  private KafkaChannels channels() {
    TopicNames topics = TopicNames.of(JobId.of("mirror-it-" + JOBS.incrementAndGet()));
    KafkaChannels channels = new KafkaChannels(Map.of("bootstrap.servers", KAFKA.bootstrapServers()), topics);
    channels.ensureTopics(1, (short) 1);
    return channels;
  }

  /** Writes {@code rounds} round-planned records signed by {@code signer}, mirroring them if asked. */
  private static List<byte[]> writeLog(Path dir, Identity signer, int rounds, KafkaChannels mirror) {
    List<byte[]> lines = new ArrayList<>();
    try (AuditTrail trail = AuditTrail.open(dir, signer, FsyncPolicy.NONE, bytes -> {
      lines.add(bytes);
      if (mirror != null) {
        mirror.mirrorAudit(AuditRecord.parse(bytes).sequence(), bytes);
      }
    })) {
      for (int r = 1; r <= rounds; r++) {
        trail.roundPlanned(r, 0, List.of("client-0"));
      }
    }
    return lines;
  }

  private static KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", KAFKA.bootstrapServers()),
        new StringSerializer(), new ByteArraySerializer());
  }

  @Test
  void lastMirroredAuditSequence_forgedRecordsAtTheEnd_returnsTheLastSignedSequence() throws Exception {
    try (KafkaChannels channels = channels(); KafkaProducer<String, byte[]> outsider = producer()) {
      List<byte[]> mine = writeLog(run, COORDINATOR, 5, channels);
      channels.flushAudit();
      String topic = TopicNames.of(JobId.of("mirror-it-" + JOBS.get())).audit();
      String edited = new String(mine.get(4), StandardCharsets.UTF_8).replace("\"seq\":5", "\"seq\":999998");
      byte[] foreign = writeLog(elsewhere, INTRUDER, 7, null).get(6);
      outsider.send(new ProducerRecord<>(topic, "999998", edited.getBytes(StandardCharsets.UTF_8))).get();
      outsider.send(new ProducerRecord<>(topic, "7", foreign)).get();
      outsider.send(new ProducerRecord<>(topic, "999999", new byte[] {'{', 0, 1})).get();
      outsider.send(new ProducerRecord<>(topic, null, (byte[]) null)).get();

      assertThat(channels.lastMirroredAuditSequence(COORDINATOR.publicKey())).isEqualTo(5);
    }
  }

  @Test
  void lastMirroredAuditSequence_moreForgedRecordsThanTheScanBound_stopsAtTheBoundAndCountsZero() throws Exception {
    try (KafkaChannels channels = channels(); KafkaProducer<String, byte[]> outsider = producer()) {
      writeLog(run, COORDINATOR, 3, channels);
      channels.flushAudit();
      String topic = TopicNames.of(JobId.of("mirror-it-" + JOBS.get())).audit();
      for (int i = 0; i < AuditMirrorScan.MAX_AUDIT_SCAN_RECORDS + 100; i++) {
        outsider.send(new ProducerRecord<>(topic, Integer.toString(1_000_000 + i), new byte[] {'x'}));
      }
      outsider.flush();

      long start = System.nanoTime();
      long sequence = channels.lastMirroredAuditSequence(COORDINATOR.publicKey());

      assertThat(sequence).isZero();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isLessThan(AuditMirrorScan.AUDIT_SCAN_TIMEOUT.plusSeconds(10));
    }
  }

  @Test
  void lastMirroredAuditSequence_emptyTopic_isZero() {
    try (KafkaChannels channels = channels()) {
      assertThat(channels.lastMirroredAuditSequence(COORDINATOR.publicKey())).isZero();
    }
  }
}
