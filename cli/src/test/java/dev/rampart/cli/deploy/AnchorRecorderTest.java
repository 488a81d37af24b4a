package dev.rampart.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.audit.ChainHead;
import dev.rampart.client.AuditAnchor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client's audit heads reach its anchor file, and a file that cannot be written never stops the client. */
class AnchorRecorderTest {
  @TempDir Path state;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Test
  void record_writesTheHeadAndSaysWhere() {
    AnchorFile file = AnchorFile.of(state, "bank-a", "job-1");
    new AnchorRecorder("bank-a", file, out).record(new AuditAnchor(3, 17, "a".repeat(64)));

    assertThat(file.read()).contains(new ChainHead(17, "a".repeat(64)));
    assertThat(output()).contains("client bank-a: round 3: audit head 17:" + "a".repeat(64) + " (in " + file.path());
  }

  @Test
  void record_unwritableStateFolder_warnsAndReturns_thenWritesOnceItCan() throws Exception {
    // the client's folder is taken by a regular file, so the anchor cannot be created: the same
    // IOException path as a full disk, without needing one
    Path blocker = Files.writeString(state.resolve("bank-a"), "not a folder");
    AnchorFile file = AnchorFile.of(state, "bank-a", "job-1");
    AnchorRecorder recorder = new AnchorRecorder("bank-a", file, out);

    recorder.record(new AuditAnchor(4, 24, "b".repeat(64)));

    assertThat(output()).contains("client bank-a: round 4: WARNING: cannot keep audit head 24:" + "b".repeat(64)
        + " in " + file.path()).contains("training goes on");
    Files.delete(blocker);
    recorder.record(new AuditAnchor(5, 31, "c".repeat(64)));
    assertThat(file.read()).contains(new ChainHead(31, "c".repeat(64)));
  }

  @Test
  void record_lowerHeadThanAnEarlierRun_warnsAndKeepsTheHigher() {
    AnchorFile file = AnchorFile.of(state, "bank-a", "job-1");
    file.write(new AuditAnchor(9, 60, "d".repeat(64)));

    new AnchorRecorder("bank-a", file, out).record(new AuditAnchor(2, 12, "e".repeat(64)));

    assertThat(output()).contains("WARNING: audit head 12:" + "e".repeat(64) + " lies below 60:" + "d".repeat(64));
    assertThat(file.read()).contains(new ChainHead(60, "d".repeat(64)));
  }

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
