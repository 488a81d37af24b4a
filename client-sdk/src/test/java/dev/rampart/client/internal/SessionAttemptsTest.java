package dev.rampart.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionAttemptsTest {
  @TempDir Path dir;

  @Test
  void inDirectory_marksSurviveANewInstance_replaceAndForgetEarlierRoundsOfThisClientOnly() throws Exception {
    SessionAttempts a = SessionAttempts.in(Optional.of(dir));
    a.save("job-1", 3, "c-1", new SessionAttempts.Mark(1000, 0));
    a.save("job-1", 3, "c-1", new SessionAttempts.Mark(2000, 1));
    a.save("job-1", 4, "c-1", new SessionAttempts.Mark(3000, 0));
    a.save("job-1", 2, "c-2", new SessionAttempts.Mark(500, 0));
    a.save("job-2", 1, "c-1", new SessionAttempts.Mark(400, 0));
    SessionAttempts restarted = SessionAttempts.in(Optional.of(dir));
    assertThat(restarted.load("job-1", 3, "c-1")).contains(new SessionAttempts.Mark(2000, 1));
    assertThat(restarted.load("job-1", 5, "c-1")).isEmpty();
    assertThat(restarted.forgetRoundsBefore("job-1", 4, "c-1")).isEqualTo(1);
    assertThat(restarted.load("job-1", 3, "c-1")).isEmpty();
    assertThat(restarted.load("job-1", 4, "c-1")).isPresent();
    assertThat(restarted.load("job-1", 2, "c-2")).as("another client's mark").isPresent();
    assertThat(restarted.load("job-2", 1, "c-1")).as("another job's mark").isPresent();
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).allMatch(n -> n.endsWith(".attempt"));
    }
  }

  @Test
  void inMemory_keepsAndForgetsTheSameWay() {
    SessionAttempts a = SessionAttempts.in(Optional.empty());
    a.save("job-1", 1, "c-1", new SessionAttempts.Mark(10, 2));
    a.save("job-1", 2, "c-1", new SessionAttempts.Mark(20, 2));
    assertThat(a.forgetRoundsBefore("job-1", 2, "c-1")).isEqualTo(1);
    assertThat(a.load("job-1", 1, "c-1")).isEmpty();
    assertThat(a.load("job-1", 2, "c-1")).contains(new SessionAttempts.Mark(20, 2));
  }
}
