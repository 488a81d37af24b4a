package dev.rampart.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.crypto.secagg.ClientStateStore;
import dev.rampart.crypto.secagg.GroupRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecureStateFilesTest {
  @TempDir Path dir;

  private void save(String job, long round, int group, String client) {
    ClientStateStore.inDirectory(dir).save(GroupRef.of(job, round, group), client, new byte[] {1, 2, 3});
  }

  private Stream<String> left() throws Exception {
    return Files.list(dir).map(p -> p.getFileName().toString()).sorted();
  }

  @Test
  void forgetJob_filesOfTheStoreForThatJobAndClient_deletesOnlyThose() throws Exception {
    save("job-a", 1, 0, "client-01");
    save("job-a", 12, 3, "client-01");
    save("job-a", 12, 3, "client-02");
    save("job-a-r1", 2, 0, "client-01");
    save("job-b", 1, 0, "client-01");

    int removed = SecureStateFiles.forgetJob(dir, "job-a", "client-01");

    assertThat(removed).isEqualTo(2);
    assertThat(ClientStateStore.inDirectory(dir).load(GroupRef.of("job-a", 12, 3), "client-01")).isEmpty();
    assertThat(ClientStateStore.inDirectory(dir).load(GroupRef.of("job-a", 12, 3), "client-02")).isPresent();
    assertThat(ClientStateStore.inDirectory(dir).load(GroupRef.of("job-a-r1", 2, 0), "client-01")).isPresent();
    assertThat(ClientStateStore.inDirectory(dir).load(GroupRef.of("job-b", 1, 0), "client-01")).isPresent();
    assertThat(left()).hasSize(3);
  }

  @Test
  void forgetJob_missingDirectory_deletesNothing() {
    assertThat(SecureStateFiles.forgetJob(dir.resolve("never-created"), "job-a", "client-01")).isZero();
  }
}
