package dev.rampart.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignedSequenceTest {
  @TempDir Path mine;
  @TempDir Path theirs;

  @Test
  void signedSequence_ownRecord_isItsSequence() {
    List<AuditRecord> records = Fixtures.writeLog(mine, 3, Fixtures.options().build());

    assertThat(AuditVerifier.signedSequence(records.get(2).bytes(), Fixtures.coordinator().publicKey()))
        .hasValue(3);
  }

  @Test
  void signedSequence_editedForeignOrJunkBytes_isEmpty() {
    byte[] own = Fixtures.writeLog(mine, 2, Fixtures.options().build()).get(1).bytes();
    byte[] edited = new String(own, StandardCharsets.UTF_8).replace("\"seq\":2", "\"seq\":999999")
        .getBytes(StandardCharsets.UTF_8);
    byte[] foreign = Fixtures.writeLog(theirs, 1, Fixtures.options().build()).get(0).bytes();
    byte[][] hostile = {edited, new byte[] {'{', 0, 1}, new byte[0], null};

    for (byte[] line : hostile) {
      assertThat(AuditVerifier.signedSequence(line, Fixtures.intruder().publicKey()).isPresent()
          || AuditVerifier.signedSequence(line, Fixtures.coordinator().publicKey()).isPresent()).isFalse();
    }
    assertThat(AuditVerifier.signedSequence(foreign, Fixtures.intruder().publicKey())).isEmpty();
  }
}
