package dev.rampart.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.crypto.Digests;
import dev.rampart.crypto.Identity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  @TempDir Path dir;

  @Test
  void append_firstRecords_chainFromZeroHash() {
    List<AuditRecord> records = Fixtures.writeLog(dir, 3, Fixtures.options().build());

    assertThat(records).extracting(AuditRecord::sequence).containsExactly(1L, 2L, 3L);
    assertThat(records.get(0).previousHash()).isEqualTo("0".repeat(64));
    assertThat(records.get(1).previousHash()).isEqualTo(records.get(0).hash());
    assertThat(records.get(2).previousHash()).isEqualTo(records.get(1).hash());
    assertThat(records.get(0).hash())
        .isEqualTo(Digests.hex(Digests.sha256(records.get(0).bytes())));
    assertThat(records.get(0).time()).isEqualTo(Fixtures.EPOCH);
    assertThat(records.get(0).signerKeyId()).isEqualTo(Fixtures.coordinator().publicKey().keyId());
  }

  @Test
  void append_lineFormat_isPayloadTabSignatureLf() throws IOException {
    Fixtures.writeLog(dir, 1, Fixtures.options().build());

    String line = Files.readString(dir.resolve("audit-000001.log"), StandardCharsets.UTF_8);
    assertThat(line).endsWith("\n").startsWith("{\"seq\":1,\"time\":\"2026-03-01T09:00:00Z\","
        + "\"type\":\"UPDATE_ACCEPTED\",\"prev\":\"" + "0".repeat(64) + "\",\"signer\":\"");
    assertThat(line).contains(",\"body\":{\"client\":\"client-1\",\"note\":\"record for round 1\","
        + "\"round\":1}}\t");
    String signature = line.substring(line.indexOf('\t') + 1, line.length() - 1);
    assertThat(signature).hasSize(88);
  }

  @Test
  void append_mirror_receivesExactFileBytesInOrder() {
    List<byte[]> mirrored = Collections.synchronizedList(new ArrayList<>());
    Fixtures.writeLog(dir, 4, Fixtures.options().mirror(mirrored::add).build());

    byte[] file = Fixtures.read(dir.resolve("audit-000001.log"));
    assertThat(Fixtures.concat(mirrored)).isEqualTo(file);
    assertThat(AuditVerifier.verifyRecords(mirrored, Fixtures.coordinator().publicKey()).valid())
        .isTrue();
  }

  @Test
  void append_mirrorThrows_recordStaysWrittenAndLogUsable() {
    boolean[] fail = {true};
    AuditLog.Options options = Fixtures.options().mirror(bytes -> {
      if (fail[0]) {
        throw new IllegalStateException("broker down");
      }
    }).build();
    try (AuditLog log = AuditLog.open(dir, Fixtures.coordinator(), options)) {
      assertThatThrownBy(() -> log.append(RecordType.JOB_ENDED, Map.of("status", "FAILED")))
          .isInstanceOf(AuditException.class).hasMessageContaining("seq 1 was written");
      fail[0] = false;
      assertThat(log.append(RecordType.JOB_ENDED, Map.of("status", "OK")).sequence()).isEqualTo(2);
    }
    assertThat(AuditVerifier.verify(dir, Fixtures.coordinator().publicKey()).recordCount())
        .isEqualTo(2);
  }

  @Test
  void open_existingDirectory_continuesSequenceAndChain() {
    List<AuditRecord> first = Fixtures.writeLog(dir, 3, Fixtures.options().build());
    AuditRecord next;
    try (AuditLog log = AuditLog.open(dir, Fixtures.coordinator(), Fixtures.options().build())) {
      assertThat(log.lastSequence()).isEqualTo(3);
      assertThat(log.lastHash()).isEqualTo(first.get(2).hash());
      next = log.append(RecordType.JOB_ENDED, Map.of("status", "COMPLETED"));
    }

    assertThat(next.sequence()).isEqualTo(4);
    assertThat(next.previousHash()).isEqualTo(first.get(2).hash());
    VerificationResult result = AuditVerifier.verify(dir, Fixtures.coordinator().publicKey());
    assertThat(result.valid()).as(result.summary()).isTrue();
    assertThat(result.recordCount()).isEqualTo(4);
  }

  @Test
  void append_smallSegmentLimit_rollsWithoutSplittingLines() throws IOException {
    AuditLog.Options options = Fixtures.options().maxSegmentBytes(1024).build();
    Fixtures.writeLog(dir, 10, options);
    Fixtures.writeLog(dir, 3, options);

    List<Path> segments;
    try (var files = Files.list(dir)) {
      segments = files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
    }
    assertThat(segments.size()).isGreaterThan(3);
    for (Path segment : segments) {
      byte[] bytes = Files.readAllBytes(segment);
      assertThat(bytes[bytes.length - 1]).isEqualTo((byte) '\n');
      assertThat(Fixtures.lines(segment).size() == 1 || bytes.length <= 1024).isTrue();
    }
    VerificationResult result = AuditVerifier.verify(dir, Fixtures.coordinator().publicKey());
    assertThat(result.valid()).as(result.summary()).isTrue();
    assertThat(result.recordCount()).isEqualTo(13);
    assertThat(result.segmentCount()).isEqualTo(segments.size());
  }

  @Test
  void open_tornTail_throwsNamingSegmentAndOffset() {
    Fixtures.writeLog(dir, 3, Fixtures.options().build());
    Path segment = dir.resolve("audit-000001.log");
    byte[] bytes = Fixtures.read(segment);
    List<byte[]> lines = Fixtures.lines(segment);
    long thirdStart = lines.get(0).length + lines.get(1).length;
    Fixtures.write(segment, Arrays.copyOf(bytes, (int) thirdStart + 40));

    assertThatThrownBy(() -> AuditLog.open(dir, Fixtures.coordinator(), Fixtures.options().build()))
        .isInstanceOfSatisfying(AuditIntegrityException.class, e -> {
          assertThat(e.failure().kind()).isEqualTo(FailureKind.TORN_TAIL);
          assertThat(e.failure().source()).isEqualTo("audit-000001.log");
          assertThat(e.failure().byteOffset()).isEqualTo(thirdStart);
          assertThat(e.failure().line()).isEqualTo(3);
          assertThat(e.failure().sequence()).hasValue(3);
        })
        .hasMessageContaining("repairTornTail");
    assertThat(Fixtures.read(segment)).hasSize((int) thirdStart + 40);
  }

  @Test
  void repairTornTail_tornTail_quarantinesBytesAndRecordsRepair() throws IOException {
    Fixtures.writeLog(dir, 3, Fixtures.options().build());
    Path segment = dir.resolve("audit-000001.log");
    List<byte[]> lines = Fixtures.lines(segment);
    long offset = lines.get(0).length + lines.get(1).length;
    byte[] torn = Arrays.copyOf(lines.get(2), 25);
    Fixtures.write(segment, Fixtures.concat(List.of(lines.get(0), lines.get(1), torn)));

    List<TailRepair> repairs = AuditLog.repairTornTail(dir, Fixtures.coordinator(), "alice",
        Fixtures.options().build());

    assertThat(repairs).hasSize(1);
    TailRepair repair = repairs.get(0);
    assertThat(repair.byteOffset()).isEqualTo(offset);
    assertThat(repair.length()).isEqualTo(25);
    assertThat(repair.recordSequence()).isEqualTo(3);
    assertThat(Files.readAllBytes(repair.quarantineFile())).isEqualTo(torn);
    assertThat(repair.sha256()).isEqualTo(Digests.hex(Digests.sha256(torn)));
    List<AuditRecord> records = AuditQuery.load(dir);
    AuditRecord last = records.get(records.size() - 1);
    assertThat(last.type()).isEqualTo(RecordType.TAIL_REPAIRED);
    assertThat(last.body()).containsEntry("operator", "alice").containsEntry("length", 25)
        .containsEntry("quarantineFile", "quarantine/audit-000001.log." + offset + ".torn");
    assertThat(AuditVerifier.verify(dir, Fixtures.coordinator().publicKey()).valid()).isTrue();
    assertThat(AuditLog.repairTornTail(dir, Fixtures.coordinator(), "alice",
        Fixtures.options().build())).isEmpty();
  }

  @Test
  void open_quarantineFileWithoutRecord_refusesUntilRepairFinishes() throws IOException {
    Fixtures.writeLog(dir, 2, Fixtures.options().build());
    Path quarantine = Files.createDirectories(dir.resolve("quarantine"));
    Files.write(quarantine.resolve("audit-000001.log.999.torn"), new byte[] {1, 2, 3});

    assertThatThrownBy(() -> AuditLog.open(dir, Fixtures.coordinator(), Fixtures.options().build()))
        .isInstanceOf(AuditException.class).hasMessageContaining("no TAIL_REPAIRED record");
    List<TailRepair> repairs = AuditLog.repairTornTail(dir, Fixtures.coordinator(), "bob",
        Fixtures.options().build());
    assertThat(repairs).extracting(TailRepair::byteOffset).containsExactly(999L);
    try (AuditLog log = AuditLog.open(dir, Fixtures.coordinator(), Fixtures.options().build())) {
      assertThat(log.lastSequence()).isEqualTo(3);
    }
  }

  @Test
  void repairTornTail_editedRecord_refusesAndLeavesEvidence() {
    Fixtures.writeLog(dir, 3, Fixtures.options().build());
    Path segment = dir.resolve("audit-000001.log");
    byte[] bytes = Fixtures.read(segment);
    bytes[30] ^= 1;
    Fixtures.write(segment, bytes);

    assertThatThrownBy(() -> AuditLog.repairTornTail(dir, Fixtures.coordinator(), "eve",
        Fixtures.options().build()))
        .isInstanceOfSatisfying(AuditIntegrityException.class,
            e -> assertThat(e.failure().line()).isEqualTo(1));
    assertThat(Fixtures.read(segment)).isEqualTo(bytes);
  }

  @Test
  void repairTornTail_firstRecordTorn_restartsAtSequenceOne() {
    Fixtures.write(dir.resolve("audit-000001.log"), "{\"seq\":1,\"ti".getBytes(StandardCharsets.UTF_8));

    List<TailRepair> repairs = AuditLog.repairTornTail(dir, Fixtures.coordinator(), "ops",
        Fixtures.options().build());

    assertThat(repairs).singleElement().satisfies(r -> {
      assertThat(r.byteOffset()).isZero();
      assertThat(r.recordSequence()).isEqualTo(1);
    });
    assertThat(AuditVerifier.verify(dir, Fixtures.coordinator().publicKey()).recordCount())
        .isEqualTo(1);
  }

  @Test
  void open_otherSignerKey_refusesWithWrongSigner() {
    Fixtures.writeLog(dir, 2, Fixtures.options().build());

    assertThatThrownBy(() -> AuditLog.open(dir, Fixtures.intruder(), Fixtures.options().build()))
        .isInstanceOfSatisfying(AuditIntegrityException.class,
            e -> assertThat(e.failure().kind()).isEqualTo(FailureKind.WRONG_SIGNER));
  }

  @Test
  void open_directoryAlreadyOpen_refusesSecondWriter() {
    try (AuditLog log = AuditLog.open(dir, Fixtures.coordinator(), Fixtures.options().build())) {
      assertThatThrownBy(() -> AuditLog.open(dir, Fixtures.coordinator(),
          Fixtures.options().build()))
          .isInstanceOf(AuditException.class).hasMessageContaining("already open");
      assertThat(log.lastSequence()).isZero();
    }
    try (AuditLog again = AuditLog.open(dir, Fixtures.coordinator(), Fixtures.options().build())) {
      assertThat(again.lastHash()).isEqualTo("0".repeat(64));
    }
  }

  @Test
  void append_oversizedRecord_writesNothing() {
    AuditLog.Options options = Fixtures.options().maxRecordBytes(1024).build();
    try (AuditLog log = AuditLog.open(dir, Fixtures.coordinator(), options)) {
      log.append(RecordType.JOB_ENDED, Map.of("status", "x"));
      assertThatThrownBy(() -> log.append(RecordType.JOB_ENDED, Map.of("detail", "y".repeat(2000))))
          .isInstanceOf(AuditException.class).hasMessageContaining("maxRecordBytes=1024");
      assertThat(log.lastSequence()).isEqualTo(1);
      assertThat(log.append(RecordType.JOB_ENDED, Map.of("status", "z")).sequence()).isEqualTo(2);
    }
    assertThat(AuditVerifier.verify(dir, Fixtures.coordinator().publicKey()).valid()).isTrue();
  }

  @Test
  void append_nonFiniteNumber_rejectedWithPath() {
    try (AuditLog log = AuditLog.open(dir, Fixtures.coordinator(), Fixtures.options().build())) {
      assertThatThrownBy(() -> log.append(RecordType.ANOMALY,
          Map.of("clients", List.of(Map.of("score", Double.NaN)))))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$.clients[0].score");
      assertThatThrownBy(() -> log.append(RecordType.TAIL_REPAIRED, Map.of()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(log.lastSequence()).isZero();
    }
  }

  @Test
  void append_afterClose_throwsAndCloseIsIdempotent() {
    AuditLog log = AuditLog.open(dir, Fixtures.coordinator(), Fixtures.options().build());
    log.close();
    log.close();

    assertThatThrownBy(() -> log.append(RecordType.JOB_ENDED, Map.of()))
        .isInstanceOf(AuditException.class).hasMessageContaining("closed");
  }

  @Test
  void append_concurrentWriters_produceOneValidChain() throws Exception {
    int threads = 4;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<byte[]> mirrored = Collections.synchronizedList(new ArrayList<>());
    AuditLog.Options options = Fixtures.options().mirror(mirrored::add).build();
    try (AuditLog log = AuditLog.open(dir, Fixtures.coordinator(), options)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            log.append(RecordType.UPDATE_ACCEPTED, Fixtures.body(i, "client-" + id));
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdown();
    }

    VerificationResult result = AuditVerifier.verify(dir, Fixtures.coordinator().publicKey());
    assertThat(result.valid()).as(result.summary()).isTrue();
    assertThat(result.recordCount()).isEqualTo(threads * perThread);
    assertThat(AuditVerifier.verifyRecords(mirrored, Fixtures.coordinator().publicKey()).valid())
        .isTrue();
  }

  @Test
  void options_badLimits_nameTheValue() {
    assertThatThrownBy(() -> AuditLog.Options.builder().maxSegmentBytes(10))
        .hasMessageContaining("maxSegmentBytes=10");
    assertThatThrownBy(() -> AuditLog.Options.builder().maxRecordBytes(100))
        .hasMessageContaining("maxRecordBytes=100");
  }

  @Test
  void options_defaults_areDocumentedValues() {
    AuditLog.Options options = AuditLog.Options.defaults();

    assertThat(options.fsyncPolicy()).isEqualTo(FsyncPolicy.EVERY_RECORD);
    assertThat(options.maxSegmentBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(options.maxRecordBytes()).isEqualTo(1_000_000);
  }

  @Test
  void append_everyRecordFsync_writesVerifiableLog() {
    Identity signer = Fixtures.coordinator();
    AuditLog.Options options = AuditLog.Options.builder().maxSegmentBytes(2048)
        .clock(Fixtures.tickingClock()).build();
    Fixtures.writeLog(dir, 8, options);

    assertThat(AuditVerifier.verify(dir, signer.publicKey()).valid()).isTrue();
  }
}
