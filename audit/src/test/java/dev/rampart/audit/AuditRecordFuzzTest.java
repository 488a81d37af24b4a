package dev.rampart.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Fuzz target: one line of a segment file or one record of the audit mirror topic parsed by
 * {@link AuditRecord#parse}. Only {@link AuditException} may escape; a parsed record keeps the
 * exact line bytes, and every accessor a reader calls works on it.
 */
class AuditRecordFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void parse(byte[] line) {
    AuditRecord record;
    try {
      record = AuditRecord.parse(line);
    } catch (AuditException expected) {
      return;
    }
    assertThat(record.bytes()).isEqualTo(line);
    assertThat(record.hash()).hasSize(64);
    assertThat(record.sequence()).isPositive();
    assertThat(record.head().sequence()).isEqualTo(record.sequence());
    assertThat(record.round()).isNotNull();
    assertThat(record.clients()).isNotNull();
    assertThat(record.body()).isNotNull();
    assertThat(AuditQuery.table(List.of(record))).isNotEmpty();
  }
}
