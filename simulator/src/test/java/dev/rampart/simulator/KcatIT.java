package dev.rampart.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.client.LocalUpdate;
import dev.rampart.protocol.TopicNames;
import dev.rampart.testkit.KafkaFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An independent Kafka client (kcat, built on librdkafka) sees a job's messages on the topics the
 * design names. Under CI the test setup installs kcat and this test must run; elsewhere it is
 * skipped when kcat is absent.
 */
class KcatIT {
  @RegisterExtension static final KafkaFixture KAFKA = KafkaFixture.create();

  @Test
  void kcat_afterTwoRounds_seesPlansModelsAndUpdatesByKey() throws Exception {
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    boolean present = Files.isExecutable(Path.of("/usr/bin/kcat"));
    if (ci) {
      assertThat(present).as("kcat must be installed by .ci/run").isTrue();
    }
    Assumptions.assumeTrue(present, "kcat is not installed (apt-get install kcat)");
    try (JobHarness h = new JobHarness("kcat-it", KAFKA.bootstrapServers(), 2)) {
      for (int i = 0; i < 2; i++) {
        h.startClient(h.clients.get(i), (model, params, round) -> new LocalUpdate(new float[4], 1, 0f));
      }
      h.runCoordinator(h.config(new float[4], 2).build(), s -> { });
      h.awaitClients();
      TopicNames topics = TopicNames.of(h.job);

      assertThat(kcat("-L")).contains(topics.plans(), topics.models(), topics.updates(), topics.shards(),
          topics.secagg(), topics.audit());
      assertThat(keys(topics.plans())).as("each plan, then its closing re-publication").containsExactly("1", "1", "2", "2");
      assertThat(keys(topics.models())).containsExactly("v0", "v1", "v2");
      assertThat(keys(topics.updates())).containsExactlyInAnyOrder("client-0", "client-1", "client-0", "client-1");
    }
  }

  private static List<String> keys(String topic) throws Exception {
    String out = kcat("-C", "-t", topic, "-o", "beginning", "-e", "-q", "-f", "%k\\n");
    return Arrays.stream(out.split("\n")).filter(s -> !s.isBlank()).toList();
  }

  private static String kcat(String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 3];
    command[0] = "kcat";
    command[1] = "-b";
    command[2] = KAFKA.bootstrapServers();
    System.arraycopy(args, 0, command, 3, args.length);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("kcat did not finish: " + String.join(" ", command));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("kcat exit code, output: " + out).isZero();
    return out;
  }
}
