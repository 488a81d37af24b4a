package dev.rampart.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditQueryTest {
  @TempDir static Path runDir;
  static SyntheticRun run;
  static List<AuditRecord> loaded;

  @BeforeAll
  static void writeRun() {
    run = SyntheticRun.write(runDir);
    loaded = AuditQuery.load(run.auditDir);
  }

  @Test
  void load_syntheticRun_returnsEveryRecordInOrder() {
    assertThat(loaded).containsExactlyElementsOf(run.records);
    assertThat(loaded.get(0).type()).isEqualTo(RecordType.JOB_STARTED);
  }

  @Test
  void round_filter_keepsOnlyThatRoundsRecords() {
    List<AuditRecord> round3 = AuditQuery.all().round(3).select(loaded);

    assertThat(round3).isNotEmpty().allSatisfy(r -> assertThat(r.round()).hasValue(3));
    long expected = run.records.stream()
        .filter(r -> r.body().get("round") instanceof Number n && n.longValue() == 3).count();
    assertThat(round3).hasSize((int) expected);
    assertThat(round3).extracting(AuditRecord::type).contains(RecordType.ROUND_PLANNED,
        RecordType.UPDATE_REJECTED, RecordType.ANOMALY, RecordType.AGGREGATE_COMMITTED);
  }

  @Test
  void client_filter_findsRecordsNamingTheClientAnywhere() {
    List<AuditRecord> mallory = AuditQuery.all().client("mallory").select(loaded);

    assertThat(mallory).extracting(AuditRecord::type).contains(RecordType.ROUND_PLANNED,
        RecordType.UPDATE_ACCEPTED, RecordType.UPDATE_REJECTED, RecordType.ANOMALY);
    assertThat(mallory).extracting(AuditRecord::type)
        .doesNotContain(RecordType.AGGREGATE_COMMITTED, RecordType.JOB_STARTED);
    assertThat(mallory).allSatisfy(r -> assertThat(r.clients()).contains("mallory"));
  }

  @Test
  void combinedFilters_andTogether() {
    List<AuditRecord> rejected = AuditQuery.all().types(RecordType.UPDATE_REJECTED)
        .client("mallory").round(2).select(loaded);

    assertThat(rejected).singleElement()
        .satisfies(r -> assertThat(r.body()).containsEntry("reason", "DUPLICATE"));
    assertThat(AuditQuery.all().types(RecordType.UPDATE_REJECTED).round(1).select(loaded))
        .isEmpty();
  }

  @Test
  void types_empty_rejected() {
    assertThatThrownBy(() -> AuditQuery.all().types(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AuditQuery.all().round(-2)).hasMessageContaining("round=-2");
  }

  @Test
  void table_hasHeaderAndFixedColumns() {
    List<AuditRecord> selected = AuditQuery.all().round(2).select(loaded);

    String[] lines = AuditQuery.table(selected).split("\n");

    assertThat(lines[0]).isEqualTo(AuditQuery.TABLE_HEADER);
    assertThat(lines).hasSize(selected.size() + 1);
    int typeColumn = lines[0].indexOf("TYPE");
    int roundEnd = lines[0].indexOf("ROUND") + "ROUND".length();
    for (int i = 1; i < lines.length; i++) {
      AuditRecord r = selected.get(i - 1);
      assertThat(lines[i].substring(0, 7).trim()).isEqualTo(Long.toString(r.sequence()));
      assertThat(lines[i].substring(typeColumn)).startsWith(r.type().name());
      assertThat(lines[i].substring(roundEnd - 1, roundEnd)).isEqualTo("2");
    }
    assertThat(Arrays.stream(lines).filter(l -> l.contains("DUPLICATE: second update"))).hasSize(1);
  }

  @Test
  void jsonLines_eachLineIsTheSignedPayload() throws Exception {
    List<AuditRecord> selected = AuditQuery.all().types(RecordType.AGGREGATE_COMMITTED)
        .select(loaded);

    String[] lines = AuditQuery.jsonLines(selected).split("\n");

    assertThat(lines).hasSize(selected.size());
    ObjectMapper mapper = new ObjectMapper();
    for (int i = 0; i < lines.length; i++) {
      JsonNode node = mapper.readTree(lines[i]);
      assertThat(node.get("seq").asLong()).isEqualTo(selected.get(i).sequence());
      assertThat(node.get("body").get("modelDigest").asText())
          .isEqualTo(selected.get(i).body().get("modelDigest"));
      assertThat(lines[i].getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(selected.get(i).payload());
    }
  }
}
