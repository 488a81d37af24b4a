package dev.rampart.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientPropertiesTest {
  private static final Map<String, Object> COMMON = Map.of("bootstrap.servers", "h:1", "group.id", "theirs");

  @Test
  void producer_addsAcksIdempotenceLingerAndClientId() {
    assertThat(ClientProperties.producer(COMMON, "job.coordinator"))
        .containsEntry("acks", "all").containsEntry("enable.idempotence", true).containsEntry("linger.ms", 0)
        .containsEntry("client.id", "job.coordinator").containsEntry("bootstrap.servers", "h:1");
  }

  @Test
  void producer_keepsTheCallersSettings() {
    assertThat(ClientProperties.producer(Map.of("acks", "1", "client.id", "mine"), "x"))
        .containsEntry("acks", "1").containsEntry("client.id", "mine");
  }

  @Test
  void reader_dropsTheGroupAndNeverAutoCommits() {
    assertThat(ClientProperties.reader(Map.of("group.id", "g", "enable.auto.commit", true), "r"))
        .doesNotContainKey("group.id").containsEntry("enable.auto.commit", false).containsEntry("client.id", "r");
  }

  @Test
  void groupReader_defaultsGroupCommitAndOffsetReset() {
    assertThat(ClientProperties.groupReader(Map.of("bootstrap.servers", "h:1"), "g", "c"))
        .containsEntry("group.id", "g").containsEntry("enable.auto.commit", false)
        .containsEntry("auto.offset.reset", "earliest").containsEntry("client.id", "c");
    assertThat(ClientProperties.groupReader(COMMON, "g", "c")).containsEntry("group.id", "theirs");
  }

  @Test
  void everyRole_givesUpOnASilentBrokerAfterTenSecondsUnlessTheCallerSaysOtherwise() {
    assertThat(ClientProperties.producer(COMMON, "p")).containsEntry("request.timeout.ms", 10_000);
    assertThat(ClientProperties.reader(COMMON, "r")).containsEntry("request.timeout.ms", 10_000);
    assertThat(ClientProperties.groupReader(COMMON, "g", "c")).containsEntry("request.timeout.ms", 10_000);
    assertThat(ClientProperties.producer(Map.of("request.timeout.ms", 30_000), "p"))
        .containsEntry("request.timeout.ms", 30_000);
  }
}
