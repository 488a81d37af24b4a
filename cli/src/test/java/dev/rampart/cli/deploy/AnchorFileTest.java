package dev.rampart.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.audit.ChainHead;
import dev.rampart.client.AuditAnchor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's audit anchor file, as an auditor reads it back. */
class AnchorFileTest {
  @TempDir Path state;

  @Test
  void write_twice_holdsOnlyTheLatestAnchorAsOneLineAndNoTemporaryFile() throws Exception {
    AnchorFile file = AnchorFile.of(state, "bank-a", "job-1");
    file.write(new AuditAnchor(1, 3, "a".repeat(64)));
    file.write(new AuditAnchor(2, 9, "b".repeat(64)));
    assertThat(file.path()).isEqualTo(state.resolve("bank-a").resolve("audit-anchor-job-1.txt"));
    String text = Files.readString(file.path(), StandardCharsets.US_ASCII);
    assertThat(text).isEqualTo("9:" + "b".repeat(64) + "\n");
    assertThat(ChainHead.parse(text)).isEqualTo(new ChainHead(9, "b".repeat(64)));
    try (var files = Files.list(file.path().getParent())) {
      assertThat(files).containsExactly(file.path());
    }
  }

  @Test
  void update_lowerHeadAfterRestart_keepsTheHigherOne() {
    AnchorFile.of(state, "bank-a", "job-1").update(new AuditAnchor(5, 40, "c".repeat(64)));

    AnchorFile restarted = AnchorFile.of(state, "bank-a", "job-1");
    assertThat(restarted.update(new AuditAnchor(2, 12, "d".repeat(64))))
        .contains(new ChainHead(40, "c".repeat(64)));
    assertThat(restarted.read()).contains(new ChainHead(40, "c".repeat(64)));
    assertThat(restarted.update(new AuditAnchor(6, 47, "e".repeat(64)))).isEmpty();
    assertThat(restarted.read()).contains(new ChainHead(47, "e".repeat(64)));
  }
}
